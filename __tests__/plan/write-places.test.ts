// checkWritePlaces on real directories: the output directory and the dir:// stores are made only
// when every place is fine and the run is not a dry run, and none may lie inside a tree, nor a
// tree inside a store.
import { beforeEach, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { inputLabeller, RUNNER_LABEL } from '../../src/common/input-label.js'
import type { Settings } from '../../src/plan/settings.js'
import { checkWritePlaces, type PackedTree } from '../../src/plan/write-places.js'
import type { StoreSpec } from '../../src/store-url/spec.js'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { tempDir } from '../helpers/tree.js'

let root: string
let modules: string
let firmware: string
let trees: PackedTree[]
beforeEach(() => {
  root = tempDir('write-places')
  modules = join(root, 'lib/modules/6.1.0')
  firmware = join(root, 'lib/firmware')
  mkdirSync(modules, { recursive: true })
  mkdirSync(firmware, { recursive: true })
  trees = [
    { kind: 'modules', source: modules },
    { kind: 'firmware', source: firmware }
  ]
})

/** The settings checkWritePlaces reads; the trees were found, not given as inputs. */
function settings(given: Partial<Settings> = {}): Settings {
  return { label: RUNNER_LABEL, outputDir: join(root, 'out'), dryRun: false, ...given } as Settings
}

const dirStore = (path: string): StoreSpec => ({ start: 0, end: 255, url: `dir://${path}` })

test('the output directory and a dir:// store are created, and nothing in a dry run', async () => {
  const store = join(root, 'blobs')
  await checkWritePlaces(settings({ dryRun: true }), trees, [dirStore(store)])
  expect([existsSync(join(root, 'out')), existsSync(store)]).toEqual([false, false])
  await checkWritePlaces(settings(), trees, [dirStore(store)])
  expect([existsSync(join(root, 'out')), existsSync(store)]).toEqual([true, true])
})

test.each([
  ['inside the modules tree', () => join(modules, 'out'), /the modules tree/],
  ['the firmware tree itself', () => firmware, /the firmware tree/]
])('an output directory %s is refused before anything is created', async (_, outputDir, tree) => {
  for (const dryRun of [true, false]) {
    const error = await asyncUserError(
      checkWritePlaces(settings({ outputDir: outputDir(), dryRun }), trees, [])
    )
    expect(error.message).toMatch(/^input output-dir \S+ is inside /)
    expect(error.message).toMatch(tree)
    expect(error.message).toMatch(
      /every run would pack the \.fl files and the store of the run before; choose another input output-dir outside/
    )
  }
  expect(readdirSync(modules)).toEqual([])
})

test('places and trees are compared by their real paths, through symlinks either way', async () => {
  symlinkSync(modules, join(root, 'into-modules'))
  const through = await asyncUserError(
    checkWritePlaces(settings({ outputDir: join(root, 'into-modules/out') }), trees, [])
  )
  expect(through.message).toMatch(/^input output-dir .*into-modules\/out is inside the modules/)

  mkdirSync(join(root, 'real-mods'))
  symlinkSync(join(root, 'real-mods'), join(root, 'mods'))
  const named = await asyncUserError(
    checkWritePlaces(
      settings({ outputDir: join(root, 'real-mods/out') }),
      [{ kind: 'modules', source: join(root, 'mods') }],
      []
    )
  )
  expect(named.message).toMatch(/real-mods\/out is inside the modules tree .*\/mods: /)
})

test('a tree given as an input is named by it; one found in the project is not', async () => {
  const outputDir = join(modules, 'out')
  const given = await asyncUserError(
    checkWritePlaces(settings({ outputDir, modulesDir: modules }), trees, [])
  )
  expect(given.message).toMatch(/inside the modules tree \S+ \(input modules-dir\): /)
  const asFlag = await asyncUserError(
    checkWritePlaces(
      settings({ outputDir, modulesDir: modules, label: inputLabeller('flag') }),
      trees,
      []
    )
  )
  expect(asFlag.message).toMatch(
    /^--output-dir .* \(--modules-dir\): .*choose another --output-dir/
  )
  const found = await asyncUserError(checkWritePlaces(settings({ outputDir }), trees, []))
  expect(found.message).not.toMatch(/modules-dir/)
})

test('a tree inside the output directory is fine, and a tree not there yet is not checked', async () => {
  await checkWritePlaces(settings({ outputDir: root }), trees, [])
  await checkWritePlaces(settings({ outputDir: join(modules, 'out') }), [{ kind: 'modules' }], [])
  expect(existsSync(join(modules, 'out'))).toBe(true)
})

test('a dir:// store inside a tree, or a tree inside a store, is refused by the store input', async () => {
  const inside = dirStore(join(firmware, 'blobs'))
  const error = await asyncUserError(
    checkWritePlaces(settings({ store: [inside] }), trees, [inside])
  )
  expect(error.message).toMatch(
    /^input store dir:\/\/\S+\/firmware\/blobs is inside the firmware tree .*: every run would pack the blobs of the run before; choose a store outside/
  )
  expect(existsSync(join(firmware, 'blobs'))).toBe(false)

  const around = dirStore(root)
  const wrapping = await asyncUserError(
    checkWritePlaces(settings({ store: [around] }), trees, [around])
  )
  expect(wrapping.message).toMatch(
    /^the modules tree \S+ is inside input store dir:\/\/\S+: the run would write blobs into the tree it packs/
  )
})

test('the store of the output directory is named as that, not as a store input', async () => {
  const store = dirStore(join(modules, 'store'))
  const error = await asyncUserError(
    checkWritePlaces(settings({ outputDir: join(root, 'out') }), trees, [store])
  )
  expect(error.message).toMatch(/^the store \S+\/store of input output-dir is inside the modules/)
})

test('stores that are not dir:// are not places on this machine', async () => {
  const remote: StoreSpec = { start: 0, end: 255, url: 's3://key:secret@127.0.0.1:1/blobs' }
  await checkWritePlaces(settings({ store: [remote] }), trees, [remote])
  expect(readdirSync(root).sort()).toEqual(['lib', 'out'])
})
