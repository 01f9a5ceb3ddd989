// Small firmware flists packed by the built-in engine, for the tests that compare manifests.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createNativeEngine } from '../../src/engines/native.js'

/** Two files, one of them more than one block long. */
export const SMALL_FIRMWARE = { 'intel/ibt.sfi': 'x'.repeat(600_000), 'rtl_nic/rtl.fw': 'realtek' }

/**
 * Packs `files` as the tree `name` under `work` into a dir:// store there, and returns the .fl
 * path; `creator` stands for the producer.
 */
export async function packTree(
  work: string,
  name: string,
  files: Record<string, string>,
  options: { creator?: string; tags?: Array<[string, string]>; route?: string } = {}
): Promise<string> {
  const source = join(work, `${name}-tree`)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(source, path, '..'), { recursive: true })
    writeFileSync(join(source, path), content)
  }
  const store = { start: 0, end: 255, url: `dir://${join(work, 'store')}` }
  const flistPath = join(work, `${name}.fl`)
  await createNativeEngine().pack({
    kind: 'firmware',
    source,
    flistPath,
    writeStores: [store],
    routes: [options.route ? { ...store, url: options.route } : store],
    tags: [
      ['kind', 'firmware'],
      ['creator', options.creator ?? 'rfs-flist-action 1.0.0 (native 1.0.0)'],
      ...(options.tags ?? [])
    ],
    sourceDateEpoch: 1_700_000_000,
    log: () => undefined
  })
  return flistPath
}
