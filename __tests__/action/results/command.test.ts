import { expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { mergeCommand } from '../../../src/action/results/command.js'
import { writeResultFile } from '../../../src/action/results/file.js'
import { flistResult, runResult } from '../../helpers/run-result.js'
import { tempDir } from '../../helpers/tree.js'

/** Two legs of a matrix, one kernel each, sharing one firmware flist, collected in one directory. */
async function collectedLegs(): Promise<string> {
  const dir = tempDir('merge-command')
  for (const kernel of ['6.1.0', '6.12.44']) {
    const modules = flistResult(`modules-${kernel}.fl`, { sha256: 'a'.repeat(64) })
    await writeResultFile(
      runResult({ kernelVersion: kernel, flists: { ...runResult().flists, modules } }),
      dir
    )
  }
  return dir
}

const MERGED = ['firmware-20260101.fl', 'modules-6.1.0.fl', 'modules-6.12.44.fl']

async function merge(argv: string[]): Promise<{ out: string[]; err: string[] }> {
  const io = { out: [] as string[], err: [] as string[] }
  await mergeCommand(argv, { out: line => io.out.push(line), err: line => io.err.push(line) })
  return io
}

test('prints the merged result of the legs in a directory, and says what it merged', async () => {
  const { out, err } = await merge([await collectedLegs()])
  expect(Object.keys(JSON.parse(out.join('\n')).flists).sort()).toEqual(MERGED)
  expect(err).toEqual(['merged 2 results: 3 flists'])
})

test('-o writes the merged result to a file instead', async () => {
  const dir = await collectedLegs()
  const output = join(dir, 'merged.json')
  const { out, err } = await merge(['-o', output, dir])
  expect(out).toEqual([])
  expect(err).toEqual([`merged 2 results: 3 flists into ${output}`])
  expect(Object.keys(JSON.parse(readFileSync(output, 'utf8')).flists).sort()).toEqual(MERGED)
})

test('without a result to merge it is a usage error, and writes nothing', async () => {
  const output = join(tempDir('merge-command'), 'merged.json')
  await expect(merge(['-o', output])).rejects.toThrow(
    'the following required argument was not provided: <RESULT>...'
  )
  expect(existsSync(output)).toBe(false)
})
