import { expect, test } from '@jest/globals'
import { formatBytes } from '../../src/common/bytes.js'

test('whole bytes below a KiB, one decimal from a KiB on, each unit from 1024 of the one below', () => {
  expect(formatBytes(0)).toBe('0 B')
  expect(formatBytes(1023)).toBe('1023 B')
  expect(formatBytes(1024)).toBe('1.0 KiB')
  expect(formatBytes(1536)).toBe('1.5 KiB')
  expect(formatBytes(1024 ** 2)).toBe('1.0 MiB')
  expect(formatBytes(3.25 * 1024 ** 3)).toBe('3.3 GiB')
})

test('a count that rounds up to 1024 of a unit is shown in the next one', () => {
  expect(formatBytes(1024 ** 2 - 1)).toBe('1.0 MiB')
  expect(formatBytes(1024 ** 3 - 40)).toBe('1.0 GiB')
})

test('TiB is the largest unit', () => {
  expect(formatBytes(1024 ** 4)).toBe('1.0 TiB')
  expect(formatBytes(2048 * 1024 ** 4)).toBe('2048.0 TiB')
})
