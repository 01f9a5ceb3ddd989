import { describe, expect, test } from '@jest/globals'
import { formatStoreSpec, parseStoreSpec, parseStoreSpecs } from '../../src/store-url/spec.js'
import { userError } from '../fixtures/settings/capture.js'

const SOURCE = 'input store'

describe('parseStoreSpec', () => {
  test('a URL alone covers 00-ff', () => {
    expect(parseStoreSpec('dir:///var/blobs', SOURCE)).toEqual({
      start: 0,
      end: 255,
      url: 'dir:///var/blobs'
    })
  })

  test('a hex range, either case, and surrounding blanks', () => {
    expect(parseStoreSpec('  00-7F=s3://ak:sk@minio:9000/blobs  ', SOURCE)).toEqual({
      start: 0,
      end: 127,
      url: 's3://ak:sk@minio:9000/blobs'
    })
    expect(parseStoreSpec('80-ff=zdb://hub:9900/ns', SOURCE)).toMatchObject({
      start: 128,
      end: 255
    })
    expect(parseStoreSpec('42-42=http://cdn/blobs', SOURCE)).toMatchObject({ start: 66, end: 66 })
  })

  test.each([
    'dir:///srv/store',
    's3://ak:sk@host:9000/bucket?region=eu',
    's3s://ak:sk@host:443/bucket',
    'http://hub.example.com/blobs',
    'https://hub.example.com',
    'zdb://hub.example.com:9900/namespace',
    'zdb://[::1]'
  ])('%s is a known kind of store', url => {
    expect(parseStoreSpec(url, SOURCE).url).toBe(url)
  })

  test.each(['s3+tls', 'S3S+TLS', 's3s+tls'])(
    '%s:// is written s3s://, the one HTTPS spelling every rfs release reads',
    scheme => {
      expect(parseStoreSpec(`${scheme}://ak@host:443/bucket`, SOURCE).url).toBe(
        's3s://ak@host:443/bucket'
      )
    }
  )

  test('the scheme is lower-cased, the rest kept', () => {
    expect(parseStoreSpec('S3S://AK:SK@Host:443/Bucket', SOURCE).url).toBe(
      's3s://AK:SK@Host:443/Bucket'
    )
  })

  test.each([
    ['80-7f=dir:///x', 'starts after it ends', '80-7f'],
    ['0-ff=dir:///x', 'is not a range', "'0-ff'"],
    ['00-fg=dir:///x', 'is not a range', '00-fg'],
    [
      'ftp://host/x',
      "unknown store scheme 'ftp'",
      'use one of dir, s3, s3s, s3+tls, s3s+tls, http, https, zdb'
    ],
    ['/var/blobs', 'is not a store URL', '/var/blobs'],
    ['dir://relative/path', 'needs an absolute path', 'dir:///'],
    ['dir://', 'needs an absolute path', 'dir://'],
    ['s3://ak:sk@host/bucket', 'has no port', 'host:80'],
    ['s3s://ak:sk@host/bucket', 'has no port', 'host:443'],
    ['s3://ak:sk@host:9000', 'exactly one bucket', 's3://ak@host:9000'],
    ['s3://ak:sk@host:9000/bucket/prefix', 'exactly one bucket', 'bucket root'],
    ['s3://ak:sk@host:99999/bucket', 'the s3:// URL does not parse', 'port'],
    ['http:///nohost', 'has no host', 'http:///nohost'],
    ['zdb:///namespace', 'has no host', 'zdb:///namespace'],
    ['s3:///bucket', 'has no host', 's3:///bucket'],
    ['https://hub:70000/blobs', 'the https:// URL does not parse', 'port'],
    ['s3://ak:sk@h:9000/b%2Fc', 'is not a bucket name', 'letters, digits'],
    ['s3://ak:sk@h:9000/..', 'path segment', "'..'"],
    ['https://cdn.example.com/blobs/../other', 'path segment', 'readers resolve away'],
    ['https://cdn.example.com/blobs/%2E%2e/other', 'path segment', '%2E%2e'],
    ['dir:///srv/./blobs', 'path segment', "'.'"]
  ])('%s is refused: %s', (spec, problem, hint) => {
    const error = userError(() => parseStoreSpec(spec, SOURCE))
    expect(error.message.startsWith(`${SOURCE}: `)).toBe(true)
    expect(error.message).toContain(problem)
    expect(error.message).toContain(hint)
  })

  test('a message never shows the password', () => {
    for (const spec of [
      's3://ak:hunter2@host/bucket',
      'ftp://ak:hunter2@host/x',
      's3://ak:hunter2@host:9000/a/b'
    ]) {
      const error = userError(() => parseStoreSpec(spec, SOURCE))
      expect(error.message).not.toContain('hunter2')
      expect(error.message).toContain('ak@host')
    }
  })
})

describe('parseStoreSpecs', () => {
  test('one a line, blank lines skipped, errors name the line', () => {
    const text = '\n00-7f=dir:///a\n\n  \n80-ff=dir:///b\n'
    expect(parseStoreSpecs(text, SOURCE)).toEqual([
      { start: 0, end: 127, url: 'dir:///a' },
      { start: 128, end: 255, url: 'dir:///b' }
    ])
    const error = userError(() => parseStoreSpecs('dir:///a\n\nnope://x', SOURCE))
    expect(error.message).toMatch(/^input store, line 3: unknown store scheme 'nope'/)
  })

  test('CRLF lines', () => {
    expect(parseStoreSpecs('dir:///a\r\ndir:///b\r\n', SOURCE).map(spec => spec.url)).toEqual([
      'dir:///a',
      'dir:///b'
    ])
  })

  test('nothing but blanks is no spec', () => {
    expect(parseStoreSpecs(' \n\n', SOURCE)).toEqual([])
  })
})

describe('formatStoreSpec', () => {
  test('the range is left out for 00-ff and written in two lower-case hex digits otherwise', () => {
    expect(formatStoreSpec({ start: 0, end: 255, url: 'dir:///x' })).toBe('dir:///x')
    expect(formatStoreSpec({ start: 0, end: 15, url: 'dir:///x' })).toBe('00-0f=dir:///x')
    expect(formatStoreSpec({ start: 171, end: 255, url: 'dir:///x' })).toBe('ab-ff=dir:///x')
  })

  test('round-trips with the parser', () => {
    for (const text of ['00-7f=dir:///a', '80-ff=s3://ak@h:1/b', 'zdb://hub']) {
      expect(formatStoreSpec(parseStoreSpec(text, SOURCE))).toBe(text)
    }
  })
})
