// Where a run writes, checked while planning a real project in a temporary directory: the output
// directory and the dir:// stores are made only in a real run, and none may lie inside a tree.
import { describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { KERNEL, planProject } from '../helpers/plan-project.js'
const fixture = planProject()
const { plan } = fixture

describe('where the run writes', () => {
  const modulesTree = (): string => join(fixture.project, 'initramfs/lib/modules', KERNEL)

  test('output-dir is created while planning, and not in a dry run', async () => {
    await plan({ 'dry-run': 'true' })
    expect(existsSync(join(fixture.project, 'dist/flists'))).toBe(false)
    await plan()
    expect(readdirSync(join(fixture.project, 'dist/flists'))).toEqual(['store'])
  })

  test.each([
    [
      'inside the modules tree',
      `initramfs/lib/modules/${KERNEL}/out`,
      /^input output-dir .* is inside the modules tree .*: every run would pack the \.fl files and the store of the run before; choose another input output-dir outside/
    ],
    ['the firmware tree itself', 'firmware', /^input output-dir .* is inside the firmware tree/]
  ])('output-dir %s is refused before anything is created', async (_, outputDir, message) => {
    for (const dryRun of ['true', 'false']) {
      const error = await asyncUserError(plan({ 'output-dir': outputDir, 'dry-run': dryRun }))
      expect(error.message).toMatch(message)
    }
    expect(readdirSync(modulesTree())).toEqual([])
  })

  test('output-dir reaching into a tree through a symlink is refused too', async () => {
    symlinkSync(modulesTree(), join(fixture.project, 'out'))
    const error = await asyncUserError(plan({ 'output-dir': 'out/flists' }))
    expect(error.message).toMatch(/input output-dir .* is inside the modules tree/)
  })

  test('a tree named through a symlink is compared by its real path', async () => {
    mkdirSync(join(fixture.project, 'real-mods'))
    symlinkSync(join(fixture.project, 'real-mods'), join(fixture.project, 'mods'))
    const error = await asyncUserError(
      plan({ 'modules-dir': 'mods', 'output-dir': 'real-mods/out', flists: 'modules' })
    )
    expect(error.message).toMatch(/input output-dir .*real-mods\/out is inside the modules tree/)
  })

  test('modules-dir named as the input it came from', async () => {
    const error = await asyncUserError(
      plan({ 'modules-dir': 'mods', 'output-dir': 'mods/out', flists: 'modules' }).catch(
        async () => {
          mkdirSync(join(fixture.project, 'mods'))
          return plan({ 'modules-dir': 'mods', 'output-dir': 'mods/out', flists: 'modules' })
        }
      )
    )
    expect(error.message).toMatch(/inside the modules tree .*mods \(input modules-dir\)/)
  })

  test('a tree inside output-dir is fine: nothing is written into the tree', async () => {
    const result = await plan({ 'output-dir': '.' })
    expect(result.flists[0].path).toBe(join(fixture.project, `modules-${KERNEL}.fl`))
  })

  test.each([
    [
      'a dir:// store inside a tree',
      () => `dir://${fixture.project}/firmware/blobs`,
      /^input store dir:\/\/.*\/firmware\/blobs is inside the firmware tree/
    ],
    [
      'a tree inside a dir:// store',
      () => `dir://${fixture.project}`,
      /^the modules tree .* is inside input store dir:\/\//
    ]
  ])('%s is refused', async (_, store, message) => {
    const error = await asyncUserError(plan({ store: store() }))
    expect(error.message).toMatch(message)
  })

  test('a dir:// store under /proc: one line naming the store', async () => {
    const error = await asyncUserError(plan({ store: 'dir:///proc/rfs-flist-plan/blobs' }))
    expect(error.message).toMatch(
      /^input store dir:\/\/\/proc\/rfs-flist-plan\/blobs \/proc\/rfs-flist-plan\/blobs is on \/proc/
    )
  })
})
