import { describe, expect, test } from '@jest/globals'
import { parseOwner } from '../../src/plan/owner.js'
import { userError } from '../fixtures/settings/capture.js'

describe('parseOwner', () => {
  test('numeric ids up to 2^32-2', () => {
    expect(parseOwner('1000:100', 'o')).toEqual({ uid: 1000, gid: 100 })
    expect(parseOwner('4294967294:0', 'o')).toEqual({ uid: 4294967294, gid: 0 })
  })

  test.each(['0', '0:', ':0', '-1:0', '4294967295:0', '0:0:0', '1.5:0', ' 0:0x'])(
    '%j is refused',
    value => {
      expect(userError(() => parseOwner(value, 'input owner')).message).toContain('input owner')
    }
  )
})
