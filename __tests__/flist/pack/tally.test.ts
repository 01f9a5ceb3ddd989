import { describe, expect, test } from '@jest/globals'
import { BlobTally } from '../../../src/flist/pack/tally.js'

describe('blob tally', () => {
  test('counts each distinct blob once, and every further block of it as repeated', () => {
    const tally = new BlobTally()
    expect(tally.claim('a')).toBe(true)
    tally.settle(true)
    expect(tally.claim('b')).toBe(true)
    tally.settle(false)
    expect(tally.claim('a')).toBe(false)
    expect(tally.claim('b')).toBe(false)
    expect(tally.claim('a')).toBe(false)
    expect(tally.counts).toEqual({ uploaded: 1, present: 1, repeated: 3 })
  })
})
