import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
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
