// The rfs engine through packFlist, as the action packs: the .fl is written under a temporary name
// in the output directory and renamed into place. Stand-ins for rfs copy a prepared flist.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createRfsEngine } from '../../../src/engines/rfs.js'
import { S_IFDIR, S_IFREG } from '../../../src/flist/format/modes.js'
import { FlistWriter } from '../../../src/flist/format/writer.js'
import { packFlist, type PackContext } from '../../../src/publish/pack-flists.js'
import type { FlistPlan, Plan } from '../../../src/plan/plan.js'
import type { Settings } from '../../../src/plan/settings.js'
import {
  removeTempDirs,
  standInScript,
  tempDir,
  writeExecutable
} from '../../helpers/rfs/standin.js'

let work: string
let prepared: string
beforeAll(async () => {
  work = tempDir('output-dir')
  prepared = join(work, 'prepared.fl')
  const writer = await FlistWriter.create()
  const times = { uid: 0, gid: 0, rdev: 0, ctime: 1e9, mtime: 1e9 }
  writer.inode({ ino: 1, parent: 0, name: '/', size: 0, mode: S_IFDIR | 0o755, ...times })
  writer.inode({ ino: 2, parent: 1, name: 'a.ko', size: 3, mode: S_IFREG | 0o644, ...times })
  writer.block(2, new Uint8Array(32).fill(1), new Uint8Array(32).fill(2))
  writer.route(0, 255, 'dir:///var/blobs')
  writer.save(prepared)
  writer.close()
  mkdirSync(join(work, 'tree'))
})
afterAll(() => removeTempDirs())

/** A stand-in rfs whose pack logs the -m path it was given, runs `body`, then writes the flist. */
function standIn(name: string, body: string): { binary: string; metas: () => string[] } {
  const dir = join(work, name)
  const metas = join(dir, 'metas')
  const script = standInScript(
    'v2.0.6',
    ['[ "$1" = pack ] || exit 0', `echo "$3" >> '${metas}'`, body, `cp '${prepared}' "$3"`].join(
      '\n'
    )
  )
  return {
    binary: writeExecutable(dir, script),
    metas: () => (existsSync(metas) ? readFileSync(metas, 'utf8').trim().split('\n') : [])
  }
}

function context(signal = new AbortController().signal): PackContext {
  const stores = [{ start: 0, end: 255, url: 'dir:///var/blobs' }]
  const plan = {
    kernel: { base: '6.12.44', localversion: '', full: '6.12.44' },
    firmwareTag: 'fw1',
    writeStores: stores,
    readRoutes: stores
  } as unknown as Plan
  const settings = { tags: [] } as unknown as Settings
  return { plan, settings, signal }
}

function flistPlan(outputDir: string): FlistPlan {
  const path = join(outputDir, 'modules-6.12.44.fl')
  return {
    kind: 'modules',
    name: 'modules-6.12.44.fl',
    source: join(work, 'tree'),
    path,
    manifestKey: 'manifests/modules-6.12.44.fl',
    url: `file://${path}`
  }
}

test('two runs packing into one output directory at once use their own temporary names', async () => {
  const output = join(work, 'shared-output')
  // Both packs are in rfs at the same time: each waits until the other has started.
  const started = join(work, 'started')
  mkdirSync(started)
  const rfs = standIn(
    'concurrent',
    `touch '${started}'/$$; while [ "$(ls '${started}' | wc -l)" -lt 2 ]; do sleep 0.05; done`
  )
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  const results = await Promise.all([
    packFlist(engine, flistPlan(output), context()),
    packFlist(engine, flistPlan(output), context())
  ])
  const [first, second] = rfs.metas()
  expect(first).not.toBe(second)
  expect(results[0].sha256).toBe(results[1].sha256)
  expect(readdirSync(output)).toEqual(['modules-6.12.44.fl'])
})

test('a cancelled pack leaves no temporary .fl behind, even when rfs writes it on its way out', async () => {
  const output = join(work, 'cancelled-output')
  const ready = join(work, 'ready')
  // On SIGTERM this rfs writes the flist before it exits, as a real one may while it winds down.
  const rfs = standIn(
    'cancelled',
    `trap 'cp "${prepared}" "$3"; exit 143' TERM; touch '${ready}'; while :; do sleep 0.05; done`
  )
  const controller = new AbortController()
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  const packing = packFlist(engine, flistPlan(output), context(controller.signal))
  while (!existsSync(ready)) await new Promise(resolve => setTimeout(resolve, 20))
  controller.abort()
  await expect(packing).rejects.toThrow('rfs pack modules was cancelled')
  // Whatever rfs did after the signal, it did before the pack returned.
  await new Promise(resolve => setTimeout(resolve, 300))
  expect(readdirSync(output)).toEqual([])
})

test('writes nothing else into the output directory when the pack fails', async () => {
  const output = join(work, 'failed-output')
  const rfs = standIn('failing', 'echo "Error: the store refused" >&2; exit 1')
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  await expect(packFlist(engine, flistPlan(output), context())).rejects.toThrow(
    /rfs pack modules failed: rfs exited with code 1: Error: the store refused/
  )
  expect(readdirSync(output)).toEqual([])
})
