// The bundled action against Garage, a production S3 server that checks signatures and regions:
// publish, rerun, refusal, overwrite, full verification, the three settings users get wrong, and
// the flists read back through Garage's website endpoint as Zero-OS nodes read them.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { startGarage, type TestGarage, garageS3Inputs } from '../../peers/garage.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { buildReader, readFlist } from '../helpers/rust-reader.js'

let garage: TestGarage
const projects: TestProject[] = []
const runs: ActionRun[] = []
const MODULES = `modules-${EXAMPLE_KERNEL}.fl`
const FIRMWARE = 'firmware-fw1.fl'

beforeAll(async () => {
  garage = await startGarage({ buckets: ['blobs'] })
  // Anonymous reads of blobs and manifests, also as http://localhost:PORT/ for routes.
  await garage.publishBucket('blobs', 'localhost')
  await buildReader()
}, 900_000)

afterAll(async () => {
  await garage?.stop()
  projects.forEach(project => project.remove())
})

function project(): TestProject {
  const fresh = copyExample()
  projects.push(fresh)
  return fresh
}

async function publish(root: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({
    'project-root': root,
    engine: 'native',
    'firmware-tag': 'fw1',
    ...garageS3Inputs(garage, 'blobs', { prefix: 'zos' }),
    ...inputs
  })
  runs.push(run)
  return run
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** A published manifest, read anonymously through the website endpoint. */
async function published(key: string): Promise<Buffer | undefined> {
  const { status, body } = await garage.webGet('blobs', key)
  if (status === 404) return undefined
  expect(status).toBe(200)
  return body
}

describe('publishing to Garage', () => {
  let root: string
  let first: ActionRun

  beforeAll(async () => {
    root = project().root
    first = await publish(root)
  })

  test('both flists are packed, their blocks uploaded and both manifests published', async () => {
    expect(errorLines(first)).toEqual([])
    expect(first.code).toBe(0)
    const result = JSON.parse(first.outputs.result)
    for (const [kind, name] of [
      ['modules', MODULES],
      ['firmware', FIRMWARE]
    ]) {
      const manifest = await published(`zos/manifests/${name}`)
      expect(manifest && sha256(manifest)).toBe(first.outputs[`${kind}-flist-sha256`])
      expect(result.flists[kind]).toMatchObject({ name, manifest: 'published' })
      expect(result.flists[kind].blocks).toBeGreaterThan(0)
      expect(result.flists[kind].blocksUploaded).toBe(result.flists[kind].blocks)
    }
    expect(first.outputs['store-url']).toBe(
      `s3://${garage.accessKey}@127.0.0.1:${garage.port}/blobs?region=garage`
    )
  })

  test('the flists rebuild the trees from Garage through signed S3 GETs', () => {
    const sources = {
      modules: join(root, 'initramfs/lib/modules', EXAMPLE_KERNEL),
      firmware: join(root, 'firmware')
    }
    for (const [kind, source] of Object.entries(sources)) {
      const read = readFlist(first.outputs[`${kind}-flist-path`], source, {
        s3Secret: garage.secretKey
      })
      expect([kind, read.code, read.stderr]).toEqual([kind, 0, ''])
      expect(read.stdout).toMatch(/^ok: .* via s3$/m)
    }
  })

  test('an unchanged rerun uploads no block and leaves the manifests as they are', async () => {
    const again = await publish(root)
    expect(errorLines(again)).toEqual([])
    expect(again.code).toBe(0)
    const result = JSON.parse(again.outputs.result)
    for (const kind of ['modules', 'firmware']) {
      expect(result.flists[kind]).toMatchObject({ manifest: 'unchanged', blocksUploaded: 0 })
      expect(again.outputs[`${kind}-flist-sha256`]).toBe(first.outputs[`${kind}-flist-sha256`])
    }
  })

  test('a changed tree is refused without overwrite; overwrite: true replaces it', async () => {
    const key = `zos/manifests/${MODULES}`
    const before = await published(key)
    appendFileSync(join(root, `initramfs/lib/modules/${EXAMPLE_KERNEL}/modules.dep`), '# changed\n')
    const refused = await publish(root)
    expect(refused.code).toBe(1)
    expect(errorLines(refused)).toHaveLength(1)
    expect(errorLines(refused)[0]).toMatch(/already published with sha256.*overwrite: true/)
    // Garage ignores If-None-Match on PUT: only the action's own check kept the manifest.
    expect(await published(key)).toEqual(before)

    const replaced = await publish(root, { overwrite: 'true' })
    expect(errorLines(replaced)).toEqual([])
    expect(replaced.code).toBe(0)
    expect(JSON.parse(replaced.outputs.result).flists.modules.manifest).toBe('replaced')
    const after = await published(key)
    expect(after && sha256(after)).toBe(replaced.outputs['modules-flist-sha256'])
    expect(after).not.toEqual(before)
  })

  test('verify: full decodes every block from Garage', async () => {
    const run = await publish(project().root, { verify: 'full', 's3-prefix': 'full' })
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(new RegExp(`${MODULES}: \\d+ blocks checked \\(full\\)`))
    expect(run.stdout).toMatch(new RegExp(`${FIRMWARE}: \\d+ blocks checked \\(full\\)`))
  })
})

describe('settings Garage refuses: one line naming the input, nothing published', () => {
  test.each([
    [
      'a wrong secret',
      { 's3-secret-key': 'f'.repeat(64) },
      /rejected the request signature/,
      's3-secret-key'
    ],
    ['a wrong region', { 's3-region': 'us-east-1' }, /expects region 'garage'/, 's3-region'],
    [
      'a missing bucket',
      { 's3-bucket': 'no-such-bucket' },
      /'no-such-bucket' does not exist/,
      's3-bucket'
    ]
  ])('%s', async (_, inputs, reason, input) => {
    const prefix = `refused-${input}`
    const run = await publish(project().root, { ...inputs, 's3-prefix': prefix })
    expect(run.code).toBe(1)
    const errors = errorLines(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(reason)
    expect(errors[0]).toContain(input)
    // Refusals no retry can change stop at the first answer.
    expect(errors[0]).not.toMatch(/attempts/)
    expect(run.stdout + run.stderr).not.toMatch(/^\s+at .*\(.*:\d+:\d+\)$/m)
    expect(await published(`${prefix}/manifests/${MODULES}`)).toBeUndefined()
  })
})

describe('read-store naming the website endpoint', () => {
  test('the flists record the http route, and read back through it with anonymous GETs', async () => {
    const root = project().root
    const route = `http://localhost:${garage.webPort}/`
    const run = await publish(root, { 's3-prefix': 'web', 'read-store': route })
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const sources = {
      modules: join(root, 'initramfs/lib/modules', EXAMPLE_KERNEL),
      firmware: join(root, 'firmware')
    }
    for (const [kind, source] of Object.entries(sources)) {
      const name = JSON.parse(run.outputs.result).flists[kind].name as string
      const manifest = await published(`web/manifests/${name}`)
      expect(manifest && sha256(manifest)).toBe(run.outputs[`${kind}-flist-sha256`])
      // The reader follows the flist's own routes, with no credentials at all.
      const read = readFlist(run.outputs[`${kind}-flist-path`], source)
      expect([kind, read.code, read.stderr]).toEqual([kind, 0, ''])
      expect(read.stdout).toMatch(/^ok: .* via http$/m)
    }
  })
})

test('no run printed a secret it was given, and no flist holds one', () => {
  expect(runs.length).toBeGreaterThan(5)
  for (const run of runs) {
    // The runner's mask command is the one place a secret goes, so the runner can hide it.
    const emitted = run.everything.replace(/^::add-mask::.*$/gm, '')
    for (const secret of [garage.secretKey, 'f'.repeat(64)]) {
      expect(emitted).not.toContain(secret)
      expect(emitted).not.toContain(encodeURIComponent(secret))
      for (const kind of ['modules', 'firmware']) {
        const path = run.outputs[`${kind}-flist-path`]
        // A run that failed before packing still names where its flist would be.
        if (path && existsSync(path)) expect(readFileSync(path).includes(secret)).toBe(false)
      }
    }
  }
})
