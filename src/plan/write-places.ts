// Where a run writes on this machine: the output directory and the dir:// stores. Each must be
// writable, and none may lie inside a tree being packed.
import { realpath } from 'node:fs/promises'
import { UserError } from '../common/errors.js'
import { isWithin, prepareWritableDir } from './output-dir.js'
import type { FlistKind, Settings } from './settings.js'
import { formatStoreSpec, type StoreSpec } from '../store-url/spec.js'
import { dirUrlPath } from '../store-url/url.js'

/** What checkWritePlaces needs of each flist of the plan. */
export interface PackedTree {
  kind: FlistKind
  /** The tree to pack, absolute; absent in a plan made before the tree exists. */
  source?: string
}

interface WritePlace {
  /** The setting, for messages: the output directory's input, or the store's spec. */
  subject: string
  path: string
  kind: 'output' | 'store'
}

/**
 * The output directory and the dir:// stores: each can be written, and none lies inside a tree
 * being packed (every run would then pack what the run before wrote), nor a tree inside a store.
 * Nothing is created before all of it is known to be fine; a dry run creates nothing.
 */
export async function checkWritePlaces(
  settings: Settings,
  flists: readonly PackedTree[],
  writeStores: readonly StoreSpec[]
): Promise<void> {
  const { label } = settings
  const outputDir = label('output-dir')
  const places: WritePlace[] = [{ subject: outputDir, path: settings.outputDir, kind: 'output' }]
  for (const spec of writeStores) {
    const path = dirUrlPath(spec.url)
    if (path === undefined) continue
    const subject = settings.store ? `${label('store')} ${formatStoreSpec(spec)}` : outputDir
    places.push({ subject, path, kind: 'store' })
  }
  const real: string[] = []
  for (const place of places) {
    real.push(await prepareWritableDir(place.path, place.subject, { create: false }))
  }
  for (const flist of flists) {
    const source = flist.source
    if (source === undefined) continue
    const tree = await realpath(source)
    const treeName = `the ${flist.kind} tree ${source}${settings[SOURCE_SETTING[flist.kind]] ? ` (${label(SOURCE_INPUT[flist.kind])})` : ''}`
    places.forEach((place, index) => {
      const what = place.kind === 'output' ? 'the .fl files and the store' : 'the blobs'
      if (isWithin(real[index], tree)) {
        throw new UserError(
          `${placeName(place, outputDir)} is inside ${treeName}: every run would pack ${what} of the run before; choose ${place.kind === 'output' ? `another ${outputDir}` : 'a store'} outside ${source}`
        )
      }
      if (place.kind === 'store' && isWithin(tree, real[index])) {
        throw new UserError(
          `${treeName} is inside ${placeName(place, outputDir)}: the run would write blobs into the tree it packs; choose a store outside the tree`
        )
      }
    })
  }
  if (settings.dryRun) return
  for (const place of places) await prepareWritableDir(place.path, place.subject, { create: true })
}

const SOURCE_SETTING = { modules: 'modulesDir', firmware: 'firmwareDir' } as const
const SOURCE_INPUT = { modules: 'modules-dir', firmware: 'firmware-dir' } as const

/**
 * `input output-dir /p/dist/flists`; a store given as input is named by its spec, which holds the
 * path. `outputDir` names the output directory's input.
 */
function placeName(place: WritePlace, outputDir: string): string {
  if (place.kind === 'output') return `${outputDir} ${place.path}`
  return place.subject === outputDir ? `the store ${place.path} of ${outputDir}` : place.subject
}
