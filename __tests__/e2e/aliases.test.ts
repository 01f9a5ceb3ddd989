// Release aliases through the bundled action against a real S3 server: published after both
// flists as copies of their manifests, replaced by the next run, never over a real name.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { getObject, listKeys, startS3, type TestS3 } from '../../peers/s3.js'

let s3: TestS3
const projects: TestProject[] = []
const MODULES = `modules-${EXAMPLE_KERNEL}.fl`
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

async function publish(inputs: Record<string, string>): Promise<{ run: ActionRun; root: string }> {
  const project = copyExample()
  projects.push(project)
  const run = await runAction({
    'project-root': project.root,
    engine: 'native',
    's3-endpoint': s3.endpoint,
    's3-bucket': 'blobs',
    's3-prefix': 'zos',
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey,
    ...inputs
  })
  return { run, root: project.root }
}

describe('aliases', () => {
  const aliases = 'modules=modules-6.12-latest.fl, firmware=firmware-latest.fl'
  let first: ActionRun

  beforeAll(async () => {
    ;({ run: first } = await publish({ 'firmware-tag': 'fw1', aliases }))
  })

  test('are published as copies of the new manifests and listed in the outputs and the summary', async () => {
    expect(errorLines(first)).toEqual([])
    expect(first.code).toBe(0)
    for (const [kind, alias] of [
      ['modules', 'modules-6.12-latest.fl'],
      ['firmware', 'firmware-latest.fl']
    ]) {
      const copy = await getObject(s3, 'blobs', `zos/manifests/${alias}`)
      expect(copy).toBeDefined()
      expect(sha256(copy!)).toBe(first.outputs[`${kind}-flist-sha256`])
    }
    expect(JSON.parse(first.outputs.aliases)).toEqual([
      {
        alias: 'modules-6.12-latest.fl',
        flist: MODULES,
        url: `${s3.endpoint}/blobs/zos/manifests/modules-6.12-latest.fl`
      },
      {
        alias: 'firmware-latest.fl',
        flist: 'firmware-fw1.fl',
        url: `${s3.endpoint}/blobs/zos/manifests/firmware-latest.fl`
      }
    ])
    expect(first.summary).toContain('modules-6.12-latest.fl → ' + MODULES)
    expect(first.summary).toContain('firmware-latest.fl → firmware-fw1.fl')
  })

  test('are published only after both real names', () => {
    const lines = first.stdout.split('\n')
    const lastReal = Math.max(
      ...lines.flatMap((line, at) =>
        /manifests\/(modules|firmware)-[^ ]+\.fl published/.test(line) ? [at] : []
      )
    )
    const firstAlias = lines.findIndex(line => line.startsWith('alias '))
    expect(lastReal).toBeGreaterThan(0)
    expect(firstAlias).toBeGreaterThan(lastReal)
  })

  test('move with the next run, whose real names are new; the old real names stay as they were', async () => {
    const oldFirmware = await getObject(s3, 'blobs', 'zos/manifests/firmware-fw1.fl')
    const { run, root } = await publish({
      'firmware-tag': 'fw2',
      flists: 'firmware',
      aliases: 'firmware=firmware-latest.fl'
    })
    expect(errorLines(run)).toEqual([])
    const moved = await getObject(s3, 'blobs', 'zos/manifests/firmware-latest.fl')
    expect(sha256(moved!)).toBe(run.outputs['firmware-flist-sha256'])
    expect(moved!.equals(readFileSync(join(root, 'dist/flists/firmware-fw2.fl')))).toBe(true)
    expect(run.outputs['firmware-flist-sha256']).not.toBe(first.outputs['firmware-flist-sha256'])
    expect(
      (await getObject(s3, 'blobs', 'zos/manifests/firmware-fw1.fl'))!.equals(oldFirmware!)
    ).toBe(true)
    expect(JSON.parse(run.outputs.result).aliases).toEqual([
      expect.objectContaining({ alias: 'firmware-latest.fl', outcome: 'replaced' })
    ])
  })

  test('never take the name of a published flist', async () => {
    const before = await getObject(s3, 'blobs', 'zos/manifests/firmware-fw1.fl')
    const { run } = await publish({
      'firmware-tag': 'fw3',
      flists: 'firmware',
      aliases: 'firmware=firmware-fw1.fl'
    })
    expect(run.code).toBe(1)
    expect(errorLines(run).join('\n')).toMatch(
      /alias s3:\/\/blobs\/zos\/manifests\/firmware-fw1\.fl is the name of a published flist, not an alias/
    )
    expect((await getObject(s3, 'blobs', 'zos/manifests/firmware-fw1.fl'))!.equals(before!)).toBe(
      true
    )
  })

  test('a failed run publishes no alias', async () => {
    const keys = await listKeys(s3, 'blobs')
    // The firmware name exists with other bytes and overwrite is off: the run stops at publishing.
    const { run } = await publish({
      'firmware-tag': 'fw1',
      tags: 'build=other',
      aliases: 'modules=modules-never.fl'
    })
    expect(run.code).toBe(1)
    expect(errorLines(run).join('\n')).toMatch(/already published/)
    expect((await listKeys(s3, 'blobs')).filter(key => key.includes('never'))).toEqual([])
    expect(keys.length).toBeGreaterThan(0)
  })

  test('a dry run lists the aliases it would publish and publishes nothing', async () => {
    const keys = await listKeys(s3, 'blobs')
    const { run } = await publish({ 'firmware-tag': 'fw7', aliases, 'dry-run': 'true' })
    expect(errorLines(run)).toEqual([])
    expect(JSON.parse(run.outputs.aliases)).toEqual([
      expect.objectContaining({ alias: 'modules-6.12-latest.fl', flist: MODULES }),
      {
        alias: 'firmware-latest.fl',
        flist: 'firmware-fw7.fl',
        url: `${s3.endpoint}/blobs/zos/manifests/firmware-latest.fl`
      }
    ])
    expect(run.summary).toContain('firmware-latest.fl → firmware-fw7.fl (dry run)')
    expect(await listKeys(s3, 'blobs')).toEqual(keys)
  })

  test('bad alias inputs end the run with one line naming the input', async () => {
    for (const [aliases, message] of [
      [
        'modules-latest.fl',
        /input aliases: 'modules-latest\.fl' does not say which flist it aliases/
      ],
      ['modules=latest', /input aliases: alias 'latest' is not accepted/],
      [`modules=${MODULES}`, /is the real name of the modules flist of this run/]
    ] as const) {
      const { run } = await publish({ 'firmware-tag': 'fw9', aliases, 'dry-run': 'true' })
      expect(run.code).toBe(1)
      expect(errorLines(run)).toEqual([expect.stringMatching(message)])
    }
  })
})
