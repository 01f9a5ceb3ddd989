// The zinit folder on disk and what the log says about it: a rerun replaces the folder, the
// script is executable whatever the umask, and a folder that cannot be written is one line.
import { afterAll, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bootUnits, SCRIPT_PATH, SUMS_PATH } from '../../src/boot/units.js'
import { logBootUnits, writeBootUnits } from '../../src/boot/write.js'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { flists, KERNEL, MODULES } from '../helpers/boot-units.js'
import { printed } from '../helpers/printed.js'
import { tempDir } from '../helpers/tree.js'

const work = tempDir('boot-write')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The units of a modules and a firmware flist; `unpacked` have no sha256 yet. */
const units = (...unpacked: string[]) =>
  bootUnits(
    KERNEL,
    flists('https://hub.example').map(flist =>
      unpacked.includes(flist.name) ? { ...flist, sha256: undefined } : flist
    ),
    { networkUnit: 'internet', cacheDir: '/run/flists' }
  )

test('an earlier run is replaced: a unit it left behind is gone', async () => {
  const dir = join(work, 'rerun')
  mkdirSync(dir)
  writeFileSync(join(dir, 'flist-dropped.yaml'), 'exec: old')
  await writeBootUnits(dir, units())
  expect(existsSync(join(dir, 'flist-dropped.yaml'))).toBe(false)
  expect(existsSync(join(dir, 'flist-modules.yaml'))).toBe(true)
})

test('the script is executable and the units readable, whatever the umask', async () => {
  const dir = join(work, 'umask')
  const umask = process.umask(0o077)
  try {
    await writeBootUnits(dir, units())
  } finally {
    process.umask(umask)
  }
  expect(statSync(join(dir, SCRIPT_PATH)).mode & 0o777).toBe(0o755)
  expect(statSync(join(dir, 'flist-modules.yaml')).mode & 0o777).toBe(0o644)
  expect(statSync(join(dir, SUMS_PATH)).mode & 0o777).toBe(0o644)
})

test('a folder that cannot be made is one line naming it and the fix', async () => {
  writeFileSync(join(work, 'a-file'), '')
  const dir = join(work, 'a-file', 'zinit')
  const error = await asyncUserError(writeBootUnits(dir, units()))
  expect(error.message).toMatch(
    new RegExp(
      `^cannot write the zinit units to ${dir}: .*; check that input output-dir is writable$`
    )
  )
})

test('the log names the units, the folder, where it goes, and the flists still without sha256', async () => {
  const generated = units(MODULES)
  const log = await printed(() => logBootUnits('/out/zinit', generated))
  expect(log.split('\n')).toEqual([
    'zinit units: flist-modules.yaml, flist-firmware.yaml, flist-depmod.yaml, flist-coldplug.yaml in /out/zinit',
    '  copy the folder into the initramfs as /etc/zinit/ (the script goes to /etc/zinit/init/)',
    ...generated.notes.map(note => `  existing units: ${note}`),
    `  ${SUMS_PATH} is not written yet (sha256 known after packing): the node refuses ${MODULES} until it lists them`,
    ''
  ])
  expect(generated.notes.length).toBeGreaterThan(0)
  expect(await printed(() => logBootUnits('/out/zinit', units()))).not.toContain('not written yet')
})
