import { describe, expect, test } from '@jest/globals'
import { escapeBytes, escapeName } from '../../../src/flist/format/name-bytes.js'

const bytes = (...values: Array<number | string>): Buffer =>
  Buffer.concat(values.map(v => (typeof v === 'string' ? Buffer.from(v) : Buffer.from([v]))))

describe('escapeBytes', () => {
  test('shows UTF-8 names as they are, whatever their script', () => {
    expect(escapeBytes(bytes('ünïcødé-模块-🚀.ko'))).toBe('ünïcødé-模块-🚀.ko')
    expect(escapeName('with space.ko')).toBe('with space.ko')
  })

  test('shows bytes that are not UTF-8 as \\xHH, and a backslash doubled, so no two names look alike', () => {
    expect(escapeBytes(bytes('fw', 0xff, '.bin'))).toBe('fw\\xff.bin')
    // The four characters \xff themselves, not the byte.
    expect(escapeBytes(bytes('fw\\xff.bin'))).toBe('fw\\\\xff.bin')
  })

  test('escapes control characters, C0, DEL and C1, so a name stays on one line', () => {
    expect(escapeName('a\tb\nc\x7f')).toBe('a\\x09b\\x0ac\\x7f')
    expect(escapeName('next\u0085line\u009f')).toBe('next\\u{85}line\\u{9f}')
    // U+00A0 is printable: shown as it is.
    expect(escapeName('no\u00a0break')).toBe('no\u00a0break')
  })

  test.each([
    ['an overlong form', [0xc0, 0x80], '\\xc0\\x80'],
    ['an overlong three-byte form', [0xe0, 0x80, 0x80], '\\xe0\\x80\\x80'],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80], '\\xed\\xa0\\x80'],
    ['a code point past U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\\xf4\\x90\\x80\\x80'],
    ['a lead byte past F4', [0xf5, 0x80, 0x80, 0x80], '\\xf5\\x80\\x80\\x80'],
    ['a sequence cut short', [0xe6, 0xa8, 0x41], '\\xe6\\xa8A'],
    ['a sequence cut by the end', [0x41, 0xf0, 0x9f, 0x9a], 'A\\xf0\\x9f\\x9a']
  ])('escapes %s byte by byte', (_, values, shown) => {
    expect(escapeBytes(Buffer.from(values))).toBe(shown)
  })

  test('keeps the longest and highest well-formed sequences', () => {
    expect(escapeBytes(Buffer.from([0xf4, 0x8f, 0xbf, 0xbf]))).toBe('\u{10ffff}')
    expect(escapeBytes(Buffer.from([0xed, 0x9f, 0xbf]))).toBe('\ud7ff')
    expect(escapeBytes(Buffer.from([0xc2, 0xa9]))).toBe('©')
  })
})
