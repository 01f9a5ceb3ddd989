import { afterAll, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { existsAsDirectory } from '../../src/common/fs-probe.js'

const work = mkdtempSync(join(tmpdir(), 'fs-probe-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

test('a directory, or a symlink to one, exists as a directory; a file or nothing does not', async () => {
  mkdirSync(join(work, 'dir'))
  writeFileSync(join(work, 'file'), '')
  symlinkSync(join(work, 'dir'), join(work, 'link'))
  symlinkSync(join(work, 'gone'), join(work, 'dangling'))
  expect(await existsAsDirectory(join(work, 'dir'))).toBe(true)
  expect(await existsAsDirectory(join(work, 'link'))).toBe(true)
  expect(await existsAsDirectory(join(work, 'file'))).toBe(false)
  expect(await existsAsDirectory(join(work, 'dangling'))).toBe(false)
  expect(await existsAsDirectory(join(work, 'absent'))).toBe(false)
})
