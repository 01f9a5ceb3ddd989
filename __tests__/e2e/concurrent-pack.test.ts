// Both flists packed at once by the built-in engine: the same bytes as packed one by one, log
// lines that say which flist they are about, a failure of one that stops the other, and reruns
// that take the block ids of the flists the last run left.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from '@jest/globals'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { startFaultyProxy, type FaultyProxy } from '../helpers/faulty-proxy.js'
import { copyExample, type TestProject } from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { packTree } from '../../src/flist/pack/pack.js'
import { openStores } from '../../src/store/open.js'
import { pseudoRandomBytes } from '../helpers/tree.js'

const projects: TestProject[] = []
afterAll(() => projects.forEach(project => project.remove()))

function project(): TestProject {
  const copy = copyExample()
  projects.push(copy)
  return copy
}

const sha256 = (path: string): string =>
  createHash('sha256').update(readFileSync(path)).digest('hex')

async function pack(root: string, extra: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({
    'project-root': root,
    engine: 'native',
    'firmware-tag': 'fw1',
    ...extra
  })
  expect(errorLines(run)).toEqual([])
  expect(run.code).toBe(0)
  return run
}

/** The lines of the log group the packs ran in. */
function packGroup(run: ActionRun): string[] {
  const lines = run.stdout.split('\n')
  const start = lines.findIndex(line =>
    /^::group::Pack modules-.*\.fl and firmware-.*\.fl$/.test(line)
  )
  expect(start).toBeGreaterThanOrEqual(0)
  const end = lines.findIndex((line, index) => index > start && line === '::endgroup::')
  return lines.slice(start + 1, end)
}

describe('both flists at once', () => {
  const shared = project()
  let together: ActionRun

  test('gives the same .fl bytes as packing each flist alone', async () => {
    together = await pack(shared.root)
    // The same trees (their times are recorded) and the same store route, into another
    // output directory: packs that know nothing of the first.
    const apart = {
      store: `dir://${join(shared.root, 'dist', 'flists', 'store')}`,
      'output-dir': 'apart',
      'modules-dir': join(shared.root, 'initramfs/lib/modules/6.12.44-Zero-OS'),
      'firmware-dir': join(shared.root, 'firmware')
    }
    const modules = await pack(shared.root, { ...apart, flists: 'modules' })
    const firmware = await pack(shared.root, { ...apart, flists: 'firmware' })
    expect(together.outputs['modules-flist-sha256']).toBe(modules.outputs['modules-flist-sha256'])
    expect(together.outputs['firmware-flist-sha256']).toBe(
      firmware.outputs['firmware-flist-sha256']
    )
    expect(sha256(together.outputs['modules-flist-path'])).toBe(
      together.outputs['modules-flist-sha256']
    )
    const timings = JSON.parse(together.outputs.result).timings as Record<string, number>
    expect(Object.keys(timings)).toEqual(
      expect.arrayContaining(['pack', 'pack modules', 'pack firmware'])
    )
  })

  test('every line of the pack names the flist it is about', () => {
    const lines = packGroup(together).filter(line => line.trim() !== '')
    expect(lines.length).toBeGreaterThanOrEqual(4)
    for (const line of lines) expect(line).toMatch(/^(modules|firmware)[-:]/)
    expect(lines.some(line => line.startsWith('modules'))).toBe(true)
    expect(lines.some(line => line.startsWith('firmware'))).toBe(true)
  })

  test('a rerun of the unchanged trees encodes no block and gives the same bytes', async () => {
    const first = JSON.parse(together.outputs.result).flists
    expect(first.modules.blocksEncoded).toBeGreaterThan(0)
    const rerun = await pack(shared.root)
    const again = JSON.parse(rerun.outputs.result).flists
    expect(again.modules.blocksEncoded).toBe(0)
    expect(again.firmware.blocksEncoded).toBe(0)
    expect(again.modules.blocks).toBe(first.modules.blocks)
    expect(rerun.outputs['modules-flist-sha256']).toBe(together.outputs['modules-flist-sha256'])
    expect(rerun.outputs['firmware-flist-sha256']).toBe(together.outputs['firmware-flist-sha256'])
    expect(rerun.stdout).toMatch(/modules-6\.12\.44-Zero-OS\.fl: .*, 0 encoded\), sha256/)
  })
})

describe('a failing pack', () => {
  let s3: TestS3
  let proxy: FaultyProxy
  /** Blob ids of the firmware tree: the proxy refuses to store them. */
  const firmwareBlobs = new Set<string>()
  afterAll(async () => {
    await proxy?.stop()
    await s3?.stop()
  })

  test('stops the other, and leaves no .fl of the run', async () => {
    const broken = project()
    // Enough modules that their pack is still running when the firmware pack fails.
    const modules = join(broken.root, 'initramfs/lib/modules/6.12.44-Zero-OS/kernel/big')
    mkdirSync(modules, { recursive: true })
    for (let file = 0; file < 60; file++) {
      writeFileSync(join(modules, `m${file}.ko`), pseudoRandomBytes(1024 * 1024, file))
    }
    const blobs = join(broken.root, 'firmware-blobs')
    await packTree({
      source: join(broken.root, 'firmware'),
      flistPath: join(broken.root, 'firmware-probe.fl'),
      stores: await openStores([{ start: 0, end: 255, url: `dir://${blobs}` }]),
      routes: [],
      tags: [],
      log: () => undefined
    })
    for (const id of readdirSync(blobs)) firmwareBlobs.add(id)
    s3 = await startS3({ buckets: ['blobs'] })
    proxy = await startFaultyProxy(s3.endpoint, {
      failureRate: 0,
      refuse: (method, path) =>
        method === 'PUT' && firmwareBlobs.has(path.split('/').pop()!.split('?')[0])
    })
    const run = await runAction({
      'project-root': broken.root,
      engine: 'native',
      'firmware-tag': 'fw1',
      's3-endpoint': proxy.endpoint,
      's3-bucket': 'blobs',
      's3-access-key': s3.accessKey,
      's3-secret-key': s3.secretKey
    })
    expect(run.code).toBe(1)
    const errors = errorLines(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/AccessDenied|denied|refused/i)
    // The modules pack never got to its closing line.
    expect(run.stdout).not.toMatch(/^modules: \d+ files, [\d.]+ MB in/m)
    const output = join(broken.root, 'dist', 'flists')
    const left = existsSync(output) ? readdirSync(output).filter(name => name.includes('.fl')) : []
    expect(left).toEqual([])
    expect(await listKeys(s3, 'blobs')).not.toContain('manifests/modules-6.12.44-Zero-OS.fl')
  })
})

describe('a rerun with a fresh output directory', () => {
  let s3: TestS3
  afterAll(async () => {
    await s3?.stop()
  })

  test('takes the block ids of the published manifests', async () => {
    s3 = await startS3({ buckets: ['blobs'] })
    const fresh = project()
    const s3Inputs = {
      's3-endpoint': s3.endpoint,
      's3-bucket': 'blobs',
      's3-access-key': s3.accessKey,
      's3-secret-key': s3.secretKey
    }
    const first = await pack(fresh.root, { ...s3Inputs, 'output-dir': 'first' })
    // A checkout of the same commit elsewhere: nothing in output-dir.
    const again = await pack(fresh.root, { ...s3Inputs, 'output-dir': 'again' })
    const flists = JSON.parse(again.outputs.result).flists
    expect(flists.modules.blocksEncoded).toBe(0)
    expect(flists.firmware.blocksEncoded).toBe(0)
    expect(again.outputs['modules-flist-sha256']).toBe(first.outputs['modules-flist-sha256'])
    expect(
      readdirSync(join(fresh.root, 'again')).filter(name => name.includes('.previous'))
    ).toEqual([])
  })
})
