import { describe, expect, test } from '@jest/globals'
import { parseTags } from '../../src/plan/user-tags.js'
import { userError } from '../fixtures/settings/capture.js'

describe('parseTags', () => {
  test('comma-separated on one line', () => {
    expect(parseTags('build=42, branch = main,empty=', 't')).toEqual([
      ['build', '42'],
      ['branch', 'main'],
      ['empty', '']
    ])
  })

  test('one a line: values may hold commas and =', () => {
    expect(parseTags('\nnote=a, b\nexpr=x=y\n\n', 't')).toEqual([
      ['note', 'a, b'],
      ['expr', 'x=y']
    ])
  })

  test('keys of 1 to 64 characters of letters, digits, . _ -', () => {
    expect(parseTags(`${'k'.repeat(64)}=v,a.b_c-D=1`, 't')).toHaveLength(2)
  })

  test.each([
    ['=v', "tag key ''"],
    [`${'k'.repeat(65)}=v`, 'is not accepted'],
    ['a b=v', "tag key 'a b'"],
    ['ké=v', "tag key 'ké'"],
    ['kind=x', 'written by the action itself'],
    ['kernel-version=x', 'written by the action itself'],
    ['a=1,a=2', "tag key 'a' is given twice"],
    [`long=${'v'.repeat(256)}`, 'at most 255 characters']
  ])('%j is refused: %s', (text, problem) => {
    const message = userError(() => parseTags(text, 'input tags')).message
    expect(message.startsWith('input tags: ')).toBe(true)
    expect(message).toContain(problem)
  })

  test('a value of exactly 255 characters is fine', () => {
    expect(parseTags(`long=${'v'.repeat(255)}`, 't')[0][1]).toHaveLength(255)
  })
})
