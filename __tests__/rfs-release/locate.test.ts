import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import { existsAsExecutable, inSourceTree, onPath } from '../../src/rfs-release/locate.js'
import {
  keptLog,
  removeTempDirs,
  rfsSettings,
  standInScript,
  tempDir,
  writeExecutable
} from '../helpers/rfs/standin.js'
import { inputLabeller } from '../../src/common/input-label.js'

let project: string
beforeAll(() => {
  project = tempDir('input')
})
afterAll(removeTempDirs)

test('rfs-path must exist, be a file and be executable; each fault names the input', async () => {
  const acquire = (path: string): Promise<unknown> =>
    acquireRfs(rfsSettings({ path }), project, { log: keptLog() })
  await expect(acquire('bin/rfs')).rejects.toThrow(
    `input rfs-path: ${project}/bin/rfs does not exist; give the path of an rfs binary or leave input rfs-path empty`
  )
  mkdirSync(join(project, 'dir'))
  await expect(acquire('dir')).rejects.toThrow(`rfs-path: ${project}/dir is not a file`)
  const plain = writeExecutable(join(project, 'plain'), standInScript('v1.0.0'))
  chmodSync(plain, 0o644)
  await expect(acquire(plain)).rejects.toThrow(
    `rfs-path: ${plain} is not executable; run chmod +x on it`
  )
  const other = writeExecutable(join(project, 'other'), '#!/bin/sh\necho "Python 3.12"\n')
  await expect(acquire(other)).rejects.toThrow(
    `rfs-path: ${other} does not look like rfs: \`--version\` printed "Python 3.12"`
  )
  // A shell run names the flag.
  const fromShell = rfsSettings({ path: 'bin/rfs', label: inputLabeller('flag') })
  await expect(acquireRfs(fromShell, project, { log: keptLog() })).rejects.toThrow(
    `--rfs-path: ${project}/bin/rfs does not exist; give the path of an rfs binary or leave --rfs-path empty`
  )
})

test('onPath takes the first executable rfs in PATH order, as a shell does', () => {
  const dirs = ['empty', 'not-executable', 'a-directory', 'first', 'second'].map(name => {
    const dir = join(project, 'path', name)
    mkdirSync(dir, { recursive: true })
    return dir
  })
  const [empty, notExecutable, aDirectory, first, second] = dirs
  chmodSync(writeExecutable(notExecutable, standInScript('v1.0.0')), 0o644)
  mkdirSync(join(aDirectory, 'rfs'))
  const found = writeExecutable(first, standInScript('v1.0.0'))
  writeExecutable(second, standInScript('v1.0.0'))
  expect(onPath(['', empty, notExecutable, aDirectory, first, second].join(delimiter))).toBe(found)
  expect(onPath([empty, notExecutable].join(delimiter))).toBeUndefined()
  expect(onPath(undefined)).toBeUndefined()
  expect(existsAsExecutable(found)).toBe(true)
  expect(existsAsExecutable(join(notExecutable, 'rfs'))).toBe(false)
  expect(existsAsExecutable(join(aDirectory, 'rfs'))).toBe(false)
})

test('inSourceTree prefers the static musl build, then other targets by name, then a host build', () => {
  const source = join(project, 'rfs-source')
  expect(inSourceTree(source)).toBeUndefined()
  const built = (dir: string): string =>
    writeExecutable(join(source, 'target', dir), standInScript('v1.0.0'))
  mkdirSync(join(source, 'target', 'debug'), { recursive: true })
  expect(inSourceTree(source)).toBeUndefined()
  const host = built('release')
  expect(inSourceTree(source)).toBe(host)
  const other = built('x86_64-unknown-linux-gnu/release')
  built('zz-other-triple/release')
  expect(inSourceTree(source)).toBe(other)
  const musl = built('x86_64-unknown-linux-musl/release')
  expect(inSourceTree(source)).toBe(musl)
})
