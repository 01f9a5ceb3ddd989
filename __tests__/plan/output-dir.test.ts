// Directories a run writes to, checked on real paths: missing ones, files in the way, kernel file
// systems, over-long paths and an immutable directory (root writes anywhere permissions say no).
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isWithin, prepareWritableDir } from '../../src/plan/output-dir.js'
import { asyncUserError } from '../fixtures/settings/capture.js'

const SUBJECT = 'input output-dir'

let work: string
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'output-dir-'))
})
afterEach(() => rmSync(work, { recursive: true, force: true }))

test('with create, every missing level is made and the real path returned', async () => {
  mkdirSync(join(work, 'real'))
  symlinkSync(join(work, 'real'), join(work, 'link'))
  const made = await prepareWritableDir(join(work, 'link/a/b'), SUBJECT, { create: true })
  expect(made).toBe(join(work, 'real', 'a', 'b'))
  // The probe file is gone again.
  expect(readdirSync(made)).toEqual([])
})

test('without create, nothing is made, and the missing part is appended to the real path', async () => {
  mkdirSync(join(work, 'real'))
  symlinkSync(join(work, 'real'), join(work, 'link'))
  expect(await prepareWritableDir(join(work, 'link/a/b'), SUBJECT, { create: false })).toBe(
    join(work, 'real', 'a', 'b')
  )
  expect(existsSync(join(work, 'real', 'a'))).toBe(false)
})

test.each([
  [
    'a file',
    () => writeFileSync(join(work, 'flists'), ''),
    () => join(work, 'flists'),
    /^input output-dir .*flists is a file, not a directory/
  ],
  [
    'under a file',
    () => writeFileSync(join(work, 'flists'), ''),
    () => join(work, 'flists/x'),
    /^input output-dir .*flists\/x is under .*flists, which is a file/
  ],
  [
    'under /proc',
    () => undefined,
    () => '/proc/rfs-flist-plan/x',
    /^input output-dir \/proc\/rfs-flist-plan\/x is on \/proc, a kernel file system \(proc\)/
  ],
  [
    'under /sys',
    () => undefined,
    () => '/sys/rfs-flist-plan',
    /^input output-dir \/sys\/rfs-flist-plan is on \/sys, a kernel file system \(sysfs\).*: choose a writable input output-dir/
  ],
  [
    'a directory that takes no files',
    () => undefined,
    () => '/sys/kernel',
    /^input output-dir \/sys\/kernel is on \/sys\/kernel, a kernel file system/
  ],
  [
    'over PATH_MAX',
    () => undefined,
    () => join(work, 'd/'.repeat(2100)),
    /^input output-dir is 42\d\d bytes long, over .* \(PATH_MAX\)/
  ],
  [
    'with a name over NAME_MAX',
    () => undefined,
    () => join(work, 'n'.repeat(256)),
    /^input output-dir has a component of 256 bytes, .*\(NAME_MAX\)/
  ]
])(
  'output-dir %s: one line naming it, with create or without',
  async (_, prepare, path, message) => {
    prepare()
    for (const create of [true, false]) {
      const error = await asyncUserError(prepareWritableDir(path(), SUBJECT, { create }))
      expect(error.message).toMatch(message)
    }
  }
)

describe('an output-dir the run may not write, as root', () => {
  let locked: string
  beforeEach(() => {
    locked = join(work, 'locked')
    mkdirSync(locked)
    execFileSync('chattr', ['+i', locked])
  })
  afterEach(() => {
    execFileSync('chattr', ['-i', locked])
  })

  test.each([
    [
      'locked',
      true,
      /^input output-dir .*\/locked does not take new files \(operation not permitted \(EPERM\)\): choose a writable input output-dir$/
    ],
    [
      'locked/flists',
      true,
      /^input output-dir .*\/locked\/flists: cannot create .*\/locked\/flists: operation not permitted \(EPERM\): choose a writable input output-dir$/
    ],
    [
      'locked',
      false,
      /^input output-dir .*\/locked: .*\/locked is not writable \(operation not permitted \(EPERM\)\): choose a writable input output-dir$/
    ],
    [
      'locked/flists',
      false,
      /^input output-dir .*\/locked\/flists: .*\/locked is not writable \(operation not permitted \(EPERM\)\): choose a writable input output-dir$/
    ]
  ])(
    'output-dir %s (create: %s): one line naming it, and nothing created',
    async (path, create, message) => {
      const error = await asyncUserError(prepareWritableDir(join(work, path), SUBJECT, { create }))
      expect(error.message).toMatch(message)
      expect(readdirSync(locked)).toEqual([])
    }
  )
})

test('isWithin: the directory itself and what is under it, not a name that only begins alike', () => {
  expect(isWithin('/srv/tree', '/srv/tree')).toBe(true)
  expect(isWithin('/srv/tree/out', '/srv/tree')).toBe(true)
  expect(isWithin('/srv/tree-out', '/srv/tree')).toBe(false)
  expect(isWithin('/srv/tree/out', '/')).toBe(true)
  expect(isWithin('/srv', '/srv/tree')).toBe(false)
})
