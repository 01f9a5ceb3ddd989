import { expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { resultFileName, writeResultFile } from '../../../src/action/results/file.js'
import { runResult } from '../../helpers/run-result.js'
import { tempDir } from '../../helpers/tree.js'

test('one file name per kernel and firmware tag, with anything unsafe in a name replaced', () => {
  expect(resultFileName('6.12.44-Zero-OS', '20260101')).toBe('result-6.12.44-Zero-OS-20260101.json')
  expect(resultFileName('6.12.44+rc1', 'fw 2/3')).toBe('result-6.12.44_rc1-fw_2_3.json')
  expect(resultFileName('6.1.0', 'fw')).not.toBe(resultFileName('6.2.0', 'fw'))
})

test('the result is written into the output directory, made if need be, as JSON', async () => {
  const outputDir = join(tempDir('result-file'), 'dist', 'flists')
  const result = runResult({ status: 'failed', error: 'some error' })
  const path = await writeResultFile(result, outputDir)
  expect(path).toBe(join(outputDir, 'result-6.12.44-Zero-OS-20260101.json'))
  const text = readFileSync(path, 'utf8')
  expect(text.endsWith('}\n')).toBe(true)
  expect(JSON.parse(text)).toEqual(result)

  await writeResultFile({ ...result, status: 'success', error: undefined }, outputDir)
  expect(JSON.parse(readFileSync(path, 'utf8')).status).toBe('success')
  expect(readdirSync(outputDir)).toEqual(['result-6.12.44-Zero-OS-20260101.json'])
})
