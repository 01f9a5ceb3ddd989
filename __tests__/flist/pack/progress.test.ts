// The pack's periodic progress line. The clock is jest's, so the rate and the interval are exact.
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals'
import {
  ProgressReporter,
  megabytes,
  type PackProgressState
} from '../../../src/flist/pack/progress.js'

describe('ProgressReporter', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_700_000_000_000 })
  })
  afterEach(() => {
    jest.useRealTimers()
  })

  const state = (): PackProgressState => ({
    files: 10,
    filesDone: 0,
    bytes: 12_345_678,
    bytesDone: 0,
    blocksUploaded: 0,
    blocksSkipped: 0
  })

  test('one line of the figures as they are when it is written, and the rate since the start', () => {
    const figures = state()
    const reporter = new ProgressReporter('modules', figures, () => {})
    jest.advanceTimersByTime(2000)
    Object.assign(figures, {
      filesDone: 4,
      bytesDone: 3_000_000,
      blocksUploaded: 5,
      blocksSkipped: 2
    })
    expect(reporter.line()).toBe(
      'modules: 4/10 files, 3.0/12.3 MB, 5 blocks uploaded, 2 skipped, 1.5 MB/s'
    )
    expect(reporter.elapsedSeconds()).toBe(2)
  })

  test('a rate right at the start is a number, not infinity', () => {
    const figures = { ...state(), bytesDone: 1000 }
    expect(new ProgressReporter('pack', figures, () => {}).rate()).toBe('1.0')
  })

  test('logs a line every interval until stopped; an interval of 0 starts no timer', () => {
    const lines: string[] = []
    const reporter = new ProgressReporter('pack', state(), line => lines.push(line))
    reporter.start(1000)
    jest.advanceTimersByTime(3500)
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(/^pack: 0\/10 files, /)
    reporter.stop()
    jest.advanceTimersByTime(5000)
    expect(lines).toHaveLength(3)

    const silent = new ProgressReporter('pack', state(), line => lines.push(line))
    silent.start(0)
    // Asked before time moves: an interval of 0 would fire without end.
    expect(jest.getTimerCount()).toBe(0)
  })

  test('megabytes are decimal, to one place', () => {
    expect(megabytes(0)).toBe('0.0')
    expect(megabytes(1_049_999)).toBe('1.0')
    expect(megabytes(1_050_001)).toBe('1.1')
  })
})
