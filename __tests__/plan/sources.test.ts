import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findFirmwareSource, findModulesSource } from '../../src/plan/sources.js'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { RUNNER_LABEL } from '../../src/common/input-label.js'

let work: string
let project: string
let systemRoot: string

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'sources-'))
  project = join(work, 'project')
  systemRoot = join(work, 'lib-modules')
  mkdirSync(project)
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

const dir = (...parts: string[]): string => {
  const path = join(...parts)
  mkdirSync(path, { recursive: true })
  return path
}

describe('findModulesSource', () => {
  const find = (kernel = '6.12.44-Zero-OS', override?: string) =>
    findModulesSource({ projectRoot: project, kernel, override, systemRoot, label: RUNNER_LABEL })

  test('the system modules root comes first', async () => {
    const system = dir(systemRoot, '6.12.44-Zero-OS')
    dir(project, 'initramfs/lib/modules/6.12.44-Zero-OS')
    expect(await find()).toBe(system)
  })

  test('then the initramfs of the project', async () => {
    dir(systemRoot, '6.1.0')
    const initramfs = dir(project, 'initramfs/lib/modules/6.12.44-Zero-OS')
    expect(await find()).toBe(initramfs)
  })

  test('a version directory that is a symlink to a tree counts', async () => {
    const real = dir(work, 'real-tree')
    dir(systemRoot)
    symlinkSync(real, join(systemRoot, '6.12.44-Zero-OS'))
    expect(await find()).toBe(join(systemRoot, '6.12.44-Zero-OS'))
  })

  test('a file where the tree should be is passed over', async () => {
    dir(systemRoot)
    writeFileSync(join(systemRoot, '6.12.44-Zero-OS'), '')
    const initramfs = dir(project, 'initramfs/lib/modules/6.12.44-Zero-OS')
    expect(await find()).toBe(initramfs)
  })

  test('modules-dir replaces the search, and must be an existing directory', async () => {
    const custom = dir(work, 'custom')
    dir(systemRoot, '6.12.44-Zero-OS')
    expect(await find(undefined, custom)).toBe(custom)
    const missing = await asyncUserError(find(undefined, join(work, 'nope')))
    expect(missing.message).toBe(
      `input modules-dir ${join(work, 'nope')} does not exist: give an existing directory or leave input modules-dir empty`
    )
    writeFileSync(join(work, 'file'), '')
    const notDir = await asyncUserError(find(undefined, join(work, 'file')))
    expect(notDir.message).toBe(`input modules-dir ${join(work, 'file')} is not a directory`)
  })

  test('nothing found: every path tried and the versions that exist, per root', async () => {
    dir(systemRoot, '6.1.0-host')
    dir(project, 'initramfs/lib/modules/6.12.44')
    dir(project, 'initramfs/lib/modules/6.12.40')
    writeFileSync(join(project, 'initramfs/lib/modules/modules.txt'), '')
    const error = await asyncUserError(find())
    const initramfsRoot = join(project, 'initramfs/lib/modules')
    expect(error.message).toBe(
      `no modules tree for kernel 6.12.44-Zero-OS: tried ${join(systemRoot, '6.12.44-Zero-OS')}, ` +
        `${join(initramfsRoot, '6.12.44-Zero-OS')}; versions present: 6.1.0-host (in ${systemRoot}), ` +
        `6.12.40 (in ${initramfsRoot}), 6.12.44 (in ${initramfsRoot}); check KERNEL_VERSION and CONFIG_LOCALVERSION, or set input modules-dir`
    )
  })

  test('nothing found and no versions anywhere', async () => {
    const error = await asyncUserError(find())
    expect(error.message).toContain(`tried ${join(systemRoot, '6.12.44-Zero-OS')}, `)
    expect(error.message).toContain(
      `no kernel versions exist under ${systemRoot} or ${join(project, 'initramfs/lib/modules')}`
    )
  })

  test('the default root is /lib/modules', async () => {
    const error = await asyncUserError(
      findModulesSource({
        projectRoot: project,
        kernel: '0.0-not-a-real-kernel',
        label: RUNNER_LABEL
      })
    )
    expect(error.message).toContain('tried /lib/modules/0.0-not-a-real-kernel, ')
  })
})

describe('findFirmwareSource', () => {
  const find = (override?: string) =>
    findFirmwareSource({ projectRoot: project, override, label: RUNNER_LABEL })

  test('<project>/firmware first, then the initramfs', async () => {
    const initramfs = dir(project, 'initramfs/lib/firmware')
    expect(await find()).toBe(initramfs)
    const firmware = dir(project, 'firmware')
    expect(await find()).toBe(firmware)
  })

  test('firmware-dir replaces the search, and must be an existing directory', async () => {
    dir(project, 'firmware')
    const custom = dir(work, 'fw')
    expect(await find(custom)).toBe(custom)
    const error = await asyncUserError(find(join(work, 'missing')))
    expect(error.message).toContain(`input firmware-dir ${join(work, 'missing')} does not exist`)
  })

  test('nothing found: both paths tried and the ways out', async () => {
    const error = await asyncUserError(find())
    expect(error.message).toBe(
      `no firmware tree: tried ${join(project, 'firmware')}, ${join(project, 'initramfs/lib/firmware')}; ` +
        'set input firmware-dir, or set input flists to modules to skip the firmware flist'
    )
  })
})
