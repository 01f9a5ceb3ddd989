import { describe, expect, test } from '@jest/globals'
import { forEachLimited } from '../../src/common/concurrency.js'

const tick = (): Promise<void> => new Promise(resolve => setImmediate(resolve))

describe('forEachLimited', () => {
  test('runs every item, never more than the limit at once', async () => {
    let running = 0
    let most = 0
    const seen: number[] = []
    await forEachLimited([10, 11, 12, 13, 14, 15, 16], 3, async (item, index) => {
      running++
      most = Math.max(most, running)
      await tick()
      seen[index] = item
      running--
    })
    expect(seen).toEqual([10, 11, 12, 13, 14, 15, 16])
    expect(most).toBe(3)
  })

  test('the first failure stops the rest from starting, and is thrown once the running ones end', async () => {
    const started: number[] = []
    let finished = 0
    const run = forEachLimited([0, 1, 2, 3, 4, 5], 2, async item => {
      started.push(item)
      if (item === 1) throw new Error('item 1 failed')
      await tick()
      await tick()
      finished++
    })
    await expect(run).rejects.toThrow('item 1 failed')
    // Item 0 was running when 1 failed: it ended before the failure was thrown.
    expect(finished).toBe(started.length - 1)
    expect(started.length).toBeLessThan(6)
  })

  test('an aborted signal stops it before the next item', async () => {
    const controller = new AbortController()
    const seen: number[] = []
    const run = forEachLimited(
      [0, 1, 2],
      1,
      async item => {
        seen.push(item)
        controller.abort(new Error('cancelled'))
      },
      controller.signal
    )
    await expect(run).rejects.toThrow('cancelled')
    expect(seen).toEqual([0])
  })
})
