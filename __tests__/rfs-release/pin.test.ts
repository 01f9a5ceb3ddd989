import { describe, expect, test } from '@jest/globals'
import { parseDownloadUrl, parseReleaseTag, parseSha256 } from '../../src/rfs-release/pin.js'
import { userError } from '../fixtures/settings/capture.js'

describe('parseReleaseTag', () => {
  test.each(['v2.0.6', '2.0.6', 'v2.1.0-rc.1', 'v2+build'])('%j is a tag', tag => {
    expect(parseReleaseTag(tag, 't')).toBe(tag)
  })

  test.each(['v2/../x', '-v2', '.v2', 'v2 0', 'v2?x'])(
    '%j is refused: it would go into a URL and a directory name',
    tag => {
      expect(userError(() => parseReleaseTag(tag, '--rfs-version')).message).toBe(
        `--rfs-version='${tag}' is not a release tag: use the tag of an rfs release, e.g. v2.0.6`
      )
    }
  )
})

describe('parseSha256', () => {
  test('64 hex digits, any case, with or without sha256:', () => {
    const hex = 'ab'.repeat(32)
    expect(parseSha256(hex.toUpperCase(), 's')).toBe(hex)
    expect(parseSha256(`SHA256:${hex}`, 's')).toBe(hex)
  })

  test.each(['abc', 'ab'.repeat(33), `${'ab'.repeat(31)}zz`, `md5:${'ab'.repeat(32)}`])(
    '%j is refused',
    value => {
      expect(userError(() => parseSha256(value, 'input rfs-sha256')).message).toBe(
        `input rfs-sha256='${value}' is not a sha256 digest: give the 64 hex digits of the rfs binary`
      )
    }
  )
})

describe('parseDownloadUrl', () => {
  test.each(['https://example.com/rfs', 'http://10.0.0.1:8080/rfs', 'file:///opt/rfs'])(
    '%j is a download URL',
    url => {
      expect(parseDownloadUrl(url, 'u')).toBe(url)
    }
  )

  test('another scheme or no URL at all is refused, naming the value', () => {
    expect(userError(() => parseDownloadUrl('rfs-linux', '--rfs-download-url')).message).toBe(
      "--rfs-download-url: 'rfs-linux' is not a download URL: give an https:// (or http://, file://) URL of the rfs binary"
    )
    expect(userError(() => parseDownloadUrl('ftp://x/rfs', 'u')).message).toContain("'ftp://x/rfs'")
  })

  test('a refused URL with credentials is named by its scheme alone', () => {
    const message = userError(() =>
      parseDownloadUrl('ftp://token:Qz7Kx9@x/rfs', 'input rfs-download-url')
    ).message
    expect(message).toContain('the ftp:// URL is not a download URL')
    expect(message).not.toContain('Qz7')
  })
})
