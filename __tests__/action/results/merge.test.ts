// Merging legs' results: a leg that failed before packing knows a flist's name and URL but not its
// sha256 or counts; another leg's entry for the same name completes it.
import { describe, expect, test } from '@jest/globals'
import type { RunResult } from '../../../src/action/report.js'
import { mergeResults } from '../../../src/action/results/merge.js'

function leg(
  kernel: string,
  firmware: Partial<RunResult['flists']['firmware']>,
  status?: 'failed'
): RunResult {
  return {
    status,
    kernelVersion: kernel,
    firmwareTag: 'fw',
    store: 's',
    engine: 'native',
    dryRun: false,
    timings: {},
    flists: {
      firmware: {
        name: 'firmware-fw.fl',
        path: '/p',
        url: 'https://x/firmware-fw.fl',
        manifestKey: 'k',
        ...firmware
      }
    },
    warnings: ['w']
  }
}

describe('mergeResults', () => {
  test('a failed leg without sha256 is completed by a leg that has it; status says failed', () => {
    const merged = mergeResults([
      { file: 'a.json', result: leg('6.1', {}, 'failed') },
      { file: 'b.json', result: leg('6.2', { sha256: 'abc', files: 3 }) }
    ])
    expect(merged.status).toBe('failed')
    expect(merged.flists['firmware-fw.fl']).toMatchObject({
      sha256: 'abc',
      files: 3,
      kind: 'firmware',
      version: 'fw',
      legs: ['a.json', 'b.json']
    })
    expect(merged.warnings).toEqual(['w'])
    expect(merged.legs.map(entry => entry.status)).toEqual(['failed', 'success'])
  })

  test('a leg without sha256 does not hide a conflict between two that have one', () => {
    expect(() =>
      mergeResults([
        { file: 'a.json', result: leg('6.1', {}) },
        { file: 'b.json', result: leg('6.2', { sha256: 'abc' }) },
        { file: 'c.json', result: leg('6.3', { sha256: 'def' }) }
      ])
    ).toThrow('firmware-fw.fl has two sha256: abc in b.json and def in c.json')
  })
})
