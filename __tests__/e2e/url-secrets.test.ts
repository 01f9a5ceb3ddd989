// Secrets of many shapes in every URL-shaped input, through the bundled action against s3rver: no
// piece of three or more characters of a secret reaches anything the run emits (stdout, stderr,
// outputs, summary, .fl files), and what is masked is the secret whole, never a piece of it.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../helpers/action.js'
import { standardProject, type TestProject } from '../helpers/project.js'
import { startS3, type TestS3 } from '../../peers/s3.js'
import { maskedValues } from '../fixtures/settings/capture.js'

const ACCESS = 'AKATQ0001'

// As a user would paste them: @ : / # ? % + = space, unicode, backslash, something that looks
// percent-encoded, colons, a leading @.
const SECRETS = [
  'p@ss:w0rd/x+y=z',
  'Qz7#Kx9Wv2',
  'Qz7?Kx9Wv2',
  'Qz7%Kx9Wv2',
  'Qz7%41Kx9W',
  'Qz7 Kx9 Wv2',
  'Qz7+Kx=9Wv',
  'Qzä7Kx€9Wv',
  'Qz7\\Kx9Wv2',
  '@Qz7Kx9W@v',
  'Qz7:Kx9:Wv'
]

type Placement = (written: string, s3: TestS3) => Record<string, string>

const PLACEMENTS: Record<string, Placement> = {
  store: (secret, s3) => ({ store: `s3://${ACCESS}:${secret}@${s3.host}:${s3.port}/blobs` }),
  'store with an empty user': (secret, s3) => ({
    store: `s3://:${secret}@${s3.host}:${s3.port}/blobs`
  }),
  'read-store': (secret, s3) => ({
    'read-store': `s3://${ACCESS}:${secret}@${s3.host}:${s3.port}/blobs`
  }),
  's3-endpoint': (secret, s3) => ({
    's3-endpoint': `http://${ACCESS}:${secret}@${s3.host}:${s3.port}`
  }),
  'public-url': secret => ({ 'public-url': `https://reader:${secret}@cdn.example.com/zos` }),
  'rfs-download-url': secret => ({
    'rfs-download-url': `https://token:${secret}@downloads.example.com/rfs`
  })
}

/** Every piece of `length` characters of the text. */
function pieces(text: string, length = 3): string[] {
  const chars = [...text]
  const found = new Set<string>()
  for (let at = 0; at + length <= chars.length; at++)
    found.add(chars.slice(at, at + length).join(''))
  return [...found]
}

/** What a run emitted, less the mask commands (their values are for the runner, not the log). */
function emitted(run: ActionRun, root: string): string {
  const fl = (readdirSync(root, { recursive: true }) as string[])
    .filter(path => path.endsWith('.fl'))
    .map(path => readFileSync(join(root, path)).toString('latin1'))
  const utf8 = (readdirSync(root, { recursive: true }) as string[])
    .filter(path => path.endsWith('.fl'))
    .map(path => readFileSync(join(root, path), 'utf8'))
  return [run.everything.replace(/^::add-mask::.*$/gm, ''), ...fl, ...utf8].join('\n')
}

describe.each(SECRETS)('secret %j', secret => {
  let s3: TestS3
  const projects: TestProject[] = []

  beforeAll(async () => {
    // The server knows the secret, so a store URL that spells it right makes a complete run.
    s3 = await startS3({ buckets: ['blobs', 'manifests'], accessKey: ACCESS, secretKey: secret })
  })
  afterAll(async () => {
    await s3.stop()
    projects.forEach(project => project.remove())
  })

  // Store URLs are also given the way rfs wants them, percent-encoded: those runs publish.
  const cases = Object.keys(PLACEMENTS).flatMap(place => [
    [place, 'as typed', secret] as const,
    ...(place.includes('store')
      ? [[place, 'percent-encoded', encodeURIComponent(secret)] as const]
      : [])
  ])

  test.each(cases)('in %s, %s', async (place, how, written) => {
    const project = standardProject()
    projects.push(project)
    const run = await runAction(
      {
        'project-root': project.root,
        engine: 'native',
        's3-endpoint': s3.endpoint,
        's3-bucket': 'blobs',
        'manifest-bucket': 'manifests',
        's3-access-key': ACCESS,
        's3-secret-key': secret,
        overwrite: 'true',
        ...PLACEMENTS[place](written, s3)
      },
      { timeoutMs: 60_000 }
    )
    const text = emitted(run, project.root)
    // A piece of only digits and lower-case hex letters ('541' of '%2541') turns up in the digests,
    // sizes and timings every run prints: it cannot tell a leak from chance.
    const telling = (piece: string): boolean => !/^[0-9a-f]+$/.test(piece)
    const leaked = [...pieces(secret), ...pieces(written)]
      .filter(telling)
      .filter(piece => text.includes(piece))
    expect(leaked).toEqual([])
    // Masks hide the secret whole: never a lone piece of it.
    const masks = maskedValues(run.stdout)
    expect(masks.filter(mask => mask.length < 3)).toEqual([])
    expect(masks).toContain(written)
    // The one that spells it as rfs wants it publishes: the .fl files were looked at, too.
    if (place === 'store' && how === 'percent-encoded') expect(run.code).toBe(0)
    if (run.code !== 0) {
      expect(run.stdout.split('\n').filter(line => line.startsWith('::error'))).toHaveLength(1)
    }
  })
})
