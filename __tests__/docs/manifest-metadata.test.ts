// The README's table of what the flists and manifests carry, held to a real run: the tags in each
// `.fl` (in order) and the S3 metadata of each published manifest object, on a runner (where
// GITHUB_SHA is set) and from a shell (where it is not).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, REPO_ROOT, runAction, runCli } from '../helpers/action.js'
import { copyExample, type TestProject } from '../helpers/project.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

type Kind = 'modules' | 'firmware'
interface Documented {
  /** Tag keys in order; USER_TAGS where the user's `tags` follow. */
  tags: string[]
  metadata: Array<{ key: string; onlyWithSha: boolean }>
}
const USER_TAGS = '<your tags>'
const SHA = '0123456789abcdef0123456789abcdef01234567'

/** The two rows of the table under "What the flists and manifests carry". */
function documented(): Record<Kind, Documented> {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
  const section = /^### What the flists and manifests carry\n([\s\S]*?)^#/m.exec(readme)?.[1]
  if (!section) throw new Error('README.md has no "What the flists and manifests carry" section')
  const row = (kind: Kind): Documented => {
    const cells = new RegExp(`^\\| ${kind} \\|(.*)\\|\\s*$`, 'm').exec(section)?.[1].split('|')
    if (cells?.length !== 2) throw new Error(`README.md's table has no row for ${kind}`)
    const names = (cell: string): string[] => [...cell.matchAll(/`([^`]+)`/g)].map(m => m[1])
    const tags = names(cells[0]).map(name => (name === 'tags' ? USER_TAGS : name))
    const metadata = cells[1].split(/,(?![^(]*\))/).map(entry => ({
      key: names(entry)[0],
      onlyWithSha: /\(when `GITHUB_SHA` is set/.test(entry)
    }))
    return { tags, metadata }
  }
  return { modules: row('modules'), firmware: row('firmware') }
}

let s3: TestS3
let project: TestProject
const USER = [
  ['release', 'v9'],
  ['build', '42']
]

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
  project = copyExample()
})
afterAll(async () => {
  await s3.stop()
  project.remove()
})

function settings(prefix: string): Record<string, string> {
  return {
    'project-root': project.root,
    'output-dir': `out-${prefix}`,
    'firmware-tag': 'fw1',
    's3-endpoint': s3.endpoint,
    's3-bucket': 'blobs',
    's3-prefix': prefix,
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey,
    tags: USER.map(([key, value]) => `${key}=${value}`).join('\n')
  }
}

/** Tag keys of a `.fl`, in order, as the engine CLI lists them. */
function tagKeys(flist: string): string[] {
  const listing = execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'dist/rfs-cli/index.js'), 'config', '-m', flist, 'tag', 'list'],
    { encoding: 'utf8' }
  )
  return listing
    .split('\n')
    .filter(line => line.startsWith('\t'))
    .map(line => line.trim().split('=')[0])
}

/** The x-amz-meta-* keys of an object, through an unsigned HEAD (s3rver allows it). */
async function metadataKeys(key: string): Promise<string[]> {
  const response = await fetch(`${s3.endpoint}/blobs/${key}`, { method: 'HEAD' })
  expect(response.status).toBe(200)
  return [...response.headers.keys()]
    .filter(name => name.startsWith('x-amz-meta-'))
    .map(name => name.slice('x-amz-meta-'.length))
    .sort()
}

const expectedTags = (doc: Documented): string[] =>
  doc.tags.flatMap(name => (name === USER_TAGS ? USER.map(([key]) => key) : [name]))

describe("the README's tags and manifest metadata", () => {
  test('the README documents both flists, with your tags last', () => {
    const doc = documented()
    for (const kind of ['modules', 'firmware'] as const) {
      expect(doc[kind].tags.at(-1)).toBe(USER_TAGS)
      expect(doc[kind].metadata.map(entry => entry.key)).toContain('sha256')
    }
  })

  test.each([
    { where: 'on a runner', withSha: true },
    { where: 'from a shell', withSha: false }
  ])('are what a run writes $where', async ({ withSha }) => {
    const prefix = withSha ? 'runner' : 'shell'
    const inputs = settings(prefix)
    const run = withSha
      ? await runAction(inputs, { env: { GITHUB_SHA: SHA } })
      : await runCli(Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value]))
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const doc = documented()
    const out = join(project.root, inputs['output-dir'])
    const names = { modules: 'modules-6.12.44-Zero-OS.fl', firmware: 'firmware-fw1.fl' }
    for (const kind of ['modules', 'firmware'] as const) {
      expect({ kind, tags: tagKeys(join(out, names[kind])) }).toEqual({
        kind,
        tags: expectedTags(doc[kind])
      })
      const metadata = doc[kind].metadata
        .filter(entry => withSha || !entry.onlyWithSha)
        .map(entry => entry.key)
        .sort()
      expect({ kind, metadata: await metadataKeys(`${prefix}/manifests/${names[kind]}`) }).toEqual({
        kind,
        metadata
      })
    }
  })
})
