import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { inputLabeller } from '../../src/common/input-label.js'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readKernelVersion, validateKernelBase } from '../../src/config/kernel-version.js'
import { UserError } from '../../src/common/errors.js'

describe('validateKernelBase', () => {
  test.each(['6.12.44', '6.12', '6.13-rc3', '5.4.0', '10.0.1'])('%s is a base version', value => {
    expect(validateKernelBase(value, 'input kernel-version')).toBe(value)
  })

  test.each([
    ['v6.12', 'drop the leading v'],
    ['6.12.44-Zero-OS', 'write 6.12.44; the suffix comes from CONFIG_LOCALVERSION'],
    ['6.13-rc3-zos', 'write 6.13-rc3'],
    ['latest', 'does not look like a kernel version'],
    ['6', 'does not look like a kernel version'],
    ['6.12.44.1x', 'write 6.12.44'],
    ['', 'is empty'],
    ['6.12 ', 'write 6.12'],
    ['6.13-rc', 'write 6.13']
  ])('%j is refused: %s', (value, hint) => {
    let error: unknown
    try {
      validateKernelBase(value, 'config/build.conf: KERNEL_VERSION')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UserError)
    const message = (error as Error).message
    expect(message).toContain('config/build.conf: KERNEL_VERSION')
    expect(message).toContain(hint)
    expect(message).not.toContain('\n')
  })
})

describe('readKernelVersion', () => {
  let project: string
  let config: string

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'kernel-version-'))
    config = join(project, 'config')
    mkdirSync(config)
  })
  afterEach(() => rmSync(project, { recursive: true, force: true }))

  const write = (name: string, text: string): void => writeFileSync(join(config, name), text)
  const read = (override?: string) =>
    readKernelVersion({
      configDir: config,
      projectRoot: project,
      override,
      label: inputLabeller('input')
    })

  test('build.conf base + kernel.config localversion', async () => {
    write('build.conf', '# build\nexport KERNEL_VERSION="6.12.44"\n')
    write('kernel.config', 'CONFIG_LOCALVERSION="-Zero-OS"\n')
    expect(await read()).toEqual({
      base: '6.12.44',
      localversion: '-Zero-OS',
      full: '6.12.44-Zero-OS',
      warnings: [],
      notices: []
    })
  })

  test('the input replaces KERNEL_VERSION and build.conf is not needed', async () => {
    write('kernel.config', 'CONFIG_LOCALVERSION="-Zero-OS"\n')
    expect((await read('6.13-rc3')).full).toBe('6.13-rc3-Zero-OS')
    write('build.conf', 'KERNEL_VERSION=6.1.1\n')
    expect((await read('6.12')).full).toBe('6.12-Zero-OS')
  })

  test('no localversion: the full version is the base', async () => {
    write('build.conf', 'KERNEL_VERSION=6.12.44\n')
    write('kernel.config', '# CONFIG_LOCALVERSION is not set\n')
    expect((await read()).full).toBe('6.12.44')
  })

  test('a missing kernel.config means no localversion, with a warning naming it', async () => {
    write('build.conf', 'KERNEL_VERSION=6.12.44\n')
    const version = await read()
    expect(version.full).toBe('6.12.44')
    expect(version.warnings).toHaveLength(1)
    expect(version.warnings[0]).toContain('config/kernel.config not found')
  })

  test('the AUTO warning is passed on', async () => {
    write('build.conf', 'KERNEL_VERSION=6.12.44\n')
    write('kernel.config', 'CONFIG_LOCALVERSION_AUTO=y\n')
    expect((await read()).warnings.join(' ')).toContain('CONFIG_LOCALVERSION_AUTO')
  })

  test('a missing build.conf is an error naming it and the input', async () => {
    await expect(read()).rejects.toThrow(UserError)
    await expect(read()).rejects.toThrow(
      /^config\/build\.conf not found: .*set input kernel-version$/
    )
  })

  test('a shell run names the flags, a runner the inputs', async () => {
    const shell = readKernelVersion({
      configDir: config,
      projectRoot: project,
      label: inputLabeller('flag')
    })
    await expect(shell).rejects.toThrow(
      /set --config-dir to the directory that holds it, or set --kernel-version$/
    )
  })

  test('a missing config directory is named as such', async () => {
    rmSync(config, { recursive: true })
    await expect(read()).rejects.toThrow(new RegExp(`config directory ${config} does not exist`))
  })

  test('build.conf without KERNEL_VERSION', async () => {
    write('build.conf', 'OTHER=1\n')
    await expect(read()).rejects.toThrow(/^config\/build\.conf has no KERNEL_VERSION/)
  })

  test('an empty KERNEL_VERSION names the file and key', async () => {
    write('build.conf', 'KERNEL_VERSION=\n')
    await expect(read()).rejects.toThrow(/^config\/build\.conf: KERNEL_VERSION is empty/)
  })

  test('a bad KERNEL_VERSION names the file and key', async () => {
    write('build.conf', 'KERNEL_VERSION=latest\n')
    await expect(read()).rejects.toThrow("config/build.conf: KERNEL_VERSION='latest'")
  })

  test('KERNEL_VERSION built from an earlier key', async () => {
    write('build.conf', 'MAJOR=6.12\nKERNEL_VERSION=${MAJOR}.44\n')
    expect((await read()).base).toBe('6.12.44')
  })

  test('a config directory outside the project is shown by its absolute path', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'kernel-version-elsewhere-'))
    try {
      writeFileSync(join(elsewhere, 'build.conf'), 'KERNEL_VERSION=bad\n')
      await expect(
        readKernelVersion({
          configDir: elsewhere,
          projectRoot: project,
          label: inputLabeller('input')
        })
      ).rejects.toThrow(`${join(elsewhere, 'build.conf')}: KERNEL_VERSION='bad'`)
    } finally {
      rmSync(elsewhere, { recursive: true, force: true })
    }
  })
})
