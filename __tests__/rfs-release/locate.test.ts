import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import { displayCommand, redactUrl, redactor, secretsOf } from '../../src/store-url/redact.js'
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

test('passwords are masked in URLs, store specs and free text; user names stay', () => {
  expect(redactUrl('00-7f=s3://AK:se%2Fcret@h:9000/b?region=r')).toBe(
    '00-7f=s3://AK:***@h:9000/b?region=r'
  )
  expect(redactUrl("failed to initialize store 's3s://AK:x@h:443/b' and zdb://:pw@h:9900/ns")).toBe(
    "failed to initialize store 's3s://AK:***@h:443/b' and zdb://:***@h:9900/ns"
  )
  expect(redactUrl('dir:///var/blobs')).toBe('dir:///var/blobs')
  expect(secretsOf(['s3://AK:p%40ss@h:1/b', 'dir:///x', 'zdb://:ns-pw@h:9900/ns'])).toEqual([
    'p%40ss',
    'p@ss',
    'ns-pw'
  ])
  expect(redactor(['p@ss', 'p%40ss'])('got p@ss and p%40ss')).toBe('got *** and ***')
  expect(displayCommand('/bin/rfs', ['pack', '-s', 's3://AK:pw@h:1/b', '/a dir'])).toBe(
    "/bin/rfs pack -s s3://AK:***@h:1/b '/a dir'"
  )
})
