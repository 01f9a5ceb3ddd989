import { describe, expect, test } from '@jest/globals'
import { BlobTally } from '../../../src/flist/pack/tally.js'

describe('blob tally', () => {
  test('counts each distinct blob once, and every further block of it as repeated', () => {
    const tally = new BlobTally()
    expect(tally.claim('a')).toBe(true)
    tally.settle('a', true)
    expect(tally.claim('b')).toBe(true)
    tally.settle('b', false)
    expect(tally.claim('a')).toBe(false)
    expect(tally.claim('b')).toBe(false)
    expect(tally.counts).toEqual({ uploaded: 1, present: 1, repeated: 2 })
  })

  test('two workers racing on one blob count it as uploaded once, whichever reports first', () => {
    const writtenFirst = new BlobTally()
    writtenFirst.record('a', true)
    writtenFirst.record('a', false)
    const foundFirst = new BlobTally()
    foundFirst.record('a', false)
    foundFirst.record('a', true)
    const bothWrote = new BlobTally()
    bothWrote.record('a', true)
    bothWrote.record('a', true)
    for (const tally of [writtenFirst, foundFirst, bothWrote]) {
      expect(tally.counts).toEqual({ uploaded: 1, present: 0, repeated: 1 })
    }
    const neither = new BlobTally()
    neither.record('a', false)
    neither.record('a', false)
    expect(neither.counts).toEqual({ uploaded: 0, present: 1, repeated: 1 })
  })
})
