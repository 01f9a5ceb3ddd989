// The names flists are published under, which readers find them by.
import { describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  checkKeyPrefix,
  dateTag,
  fileUrl,
  flistName,
  joinUrl,
  manifestKey,
  validateFirmwareTag
} from '../../src/plan/names.js'
import { userError } from '../fixtures/settings/capture.js'

test('a flist is named by its kind and version', () => {
  expect(flistName('modules', '6.12.44-Zero-OS')).toBe('modules-6.12.44-Zero-OS.fl')
  expect(flistName('firmware', '20250101')).toBe('firmware-20250101.fl')
})

describe('firmware tags', () => {
  test.each(['20250101', 'v1.2', 'fw_2025-1', 'a'.repeat(64)])('%s is usable', tag => {
    expect(validateFirmwareTag(tag, 'input firmware-tag')).toBe(tag)
  })

  test.each(['', '.hidden', '-x', '_x', 'a/b', 'two words', 'a'.repeat(65)])(
    '%j is refused in one line naming where it came from',
    tag => {
      expect(
        userError(() => validateFirmwareTag(tag, 'config/rfs.conf: FIRMWARE_TAG')).message
      ).toBe(
        `config/rfs.conf: FIRMWARE_TAG='${tag}' is not a usable firmware tag: use 1 to 64 letters, digits, . _ or - (not starting with . _ or -), e.g. 20250101 or v1.2`
      )
    }
  )

  test('the date tag is the UTC date, with two-digit month and day, in any time zone', () => {
    expect(dateTag(new Date('2025-03-07T00:00:00Z'))).toBe('20250307')
    // Late on New Year's Eve in New York is already the next year in UTC; a process of its own,
    // since a time zone is fixed when the process starts.
    const inNewYork = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const { dateTag } = await import('./src/plan/names.ts'); console.log(dateTag(new Date('2025-12-31T23:59:59-05:00')))"
      ],
      { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } }
    )
    expect(inNewYork.trim()).toBe('20260101')
  })
})

describe('key prefixes', () => {
  test('slashes at either end and doubled ones do not count; dots inside a segment are fine', () => {
    expect(checkKeyPrefix('/zos//v1.2/...x/', 'input s3-prefix')).toBe('/zos//v1.2/...x/')
    expect(manifestKey('/zos//v4/', 'a.fl')).toBe('zos/v4/manifests/a.fl')
    expect(manifestKey('', 'a.fl')).toBe('manifests/a.fl')
  })

  test.each([
    ['zos/..', '..', 'would be resolved away by readers'],
    ['./zos', '.', 'would be resolved away by readers'],
    ['%2e%2e/x', '%2e%2e', 'holds a character that is not kept as written in a URL'],
    ['zos\\..\\x', 'zos\\..\\x', 'holds a character that is not kept as written in a URL'],
    ['a/ b', ' b', 'holds a character that is not kept as written in a URL']
  ])('%j is refused, naming the segment', (prefix, segment, why) => {
    expect(userError(() => checkKeyPrefix(prefix, 'input s3-prefix')).message).toBe(
      `input s3-prefix='${prefix}' is not a usable key prefix: segment '${segment}' ${why}; use segments of letters, digits and - . _ ~, none of them . or .., e.g. zos/v4`
    )
  })
})

test('a URL joins its base and key with one slash, each key segment percent-encoded', () => {
  expect(joinUrl('https://cdn.example.com/zos//', '/manifests/a b+c#1.fl')).toBe(
    'https://cdn.example.com/zos/manifests/a%20b%2Bc%231.fl'
  )
})

test('a local manifest is read from its file URL, percent-encoded', () => {
  expect(fileUrl('/srv/my flists/50%#.fl')).toBe('file:///srv/my%20flists/50%25%23.fl')
})
