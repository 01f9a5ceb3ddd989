// A source tree and a rebuilt copy of it, both real directories, compared entry by entry.
import { afterAll, beforeEach, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { chmodSync, cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { compareTrees } from '../../../src/engines/rfs/compare-trees.js'
import { removeTempDirs, tempDir } from '../../helpers/rfs/standin.js'

const NAMED = { actualName: 'the copy' }
/** Bigger than the chunk the files are read in, so a late difference is in the second chunk. */
const BIG = Buffer.alloc((1 << 20) + 100, 7)

let source: string
let copy: string
beforeEach(() => {
  source = join(tempDir('compare'), 'source')
  mkdirSync(join(source, 'kernel', 'drivers'), { recursive: true })
  writeFileSync(join(source, 'kernel', 'drivers', 'big.ko'), BIG)
  writeFileSync(join(source, 'modules.dep'), 'kernel/drivers/big.ko:\n')
  writeFileSync(join(source, 'run.sh'), '#!/bin/sh\n')
  chmodSync(join(source, 'run.sh'), 0o755)
  symlinkSync('kernel/drivers', join(source, 'drivers'))
  symlinkSync('/lib/firmware', join(source, 'firmware'))
  copy = join(source, '..', 'copy')
  cpSync(source, copy, { recursive: true, verbatimSymlinks: true })
})
afterAll(removeTempDirs)

test('an equal copy has no difference; every entry is counted', async () => {
  expect(await compareTrees(source, copy, NAMED)).toEqual({
    differences: [],
    compared: 7,
    skipped: 0
  })
})

test('each difference is one line naming the entry, in path order', async () => {
  writeFileSync(join(copy, 'modules.dep'), 'shorter\n')
  chmodSync(join(copy, 'run.sh'), 0o644)
  rmSync(join(copy, 'drivers'))
  symlinkSync('kernel', join(copy, 'drivers'))
  mkdirSync(join(copy, 'extra'))
  rmSync(join(source, 'kernel', 'drivers'), { recursive: true })
  writeFileSync(join(source, 'kernel', 'drivers'), 'now a file')
  expect((await compareTrees(source, copy, NAMED)).differences).toEqual([
    "/drivers: link to 'kernel/drivers' in the source tree, to 'kernel' in the copy",
    '/extra: in the copy, not in the source tree',
    '/kernel/drivers: a file in the source tree, a directory in the copy',
    '/modules.dep: 23 bytes in the source tree, 8 in the copy',
    '/run.sh: mode 0755 in the source tree, 0644 in the copy'
  ])
})

test('a byte changed in a later chunk is found at its offset', async () => {
  const big = Buffer.from(BIG)
  big[(1 << 20) + 10] = 8
  writeFileSync(join(copy, 'kernel', 'drivers', 'big.ko'), big)
  expect((await compareTrees(source, copy, NAMED)).differences).toEqual([
    `/kernel/drivers/big.ko: content differs from byte ${(1 << 20) + 10} in the copy`
  ])
})

test('an entry missing from the copy is named, and its subtree is not walked', async () => {
  rmSync(join(copy, 'kernel'), { recursive: true })
  const result = await compareTrees(source, copy, NAMED)
  expect(result.differences).toEqual(['/kernel: in the source tree, missing from the copy'])
})

test('an absolute link re-rooted under the copy is the same link', async () => {
  rmSync(join(copy, 'firmware'))
  symlinkSync(join(copy, 'lib/firmware'), join(copy, 'firmware'))
  expect((await compareTrees(source, copy, NAMED)).differences).toEqual([])
})

test('fifos are skipped, not reported missing', async () => {
  execFileSync('mkfifo', [join(source, 'pipe')])
  const result = await compareTrees(source, copy, NAMED)
  expect(result).toEqual({ differences: [], compared: 7, skipped: 1 })
})

test('a cancelled run stops the walk', async () => {
  const cancel = new AbortController()
  cancel.abort(new Error('cancelled'))
  await expect(compareTrees(source, copy, { ...NAMED, signal: cancel.signal })).rejects.toThrow(
    'cancelled'
  )
})
