import { describe, expect, test } from '@jest/globals'
import { formatStoreSpec, parseStoreSpec, parseStoreSpecs } from '../../src/store/spec.js'
import { userError } from '../fixtures/settings/capture.js'
import {
  type S3Connection,
  parseS3Endpoint,
  parseS3StoreUrl,
  s3StoreUrl
} from '../../src/store/s3-url.js'
import { stripPassword } from '../../src/store/url.js'

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
    's3+tls://ak@host:443/bucket',
    'http://hub.example.com/blobs',
    'https://hub.example.com',
    'zdb://hub.example.com:9900/namespace',
    'zdb://[::1]'
  ])('%s is a known kind of store', url => {
    expect(parseStoreSpec(url, SOURCE).url).toBe(url)
  })

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

describe('stripPassword', () => {
  test.each([
    ['s3://AK:SK@host:9000/bucket?region=r', 's3://AK@host:9000/bucket?region=r'],
    ['s3s://AK:S%2FK@host:443/b', 's3s://AK@host:443/b'],
    ['s3://AK@host:9000/b', 's3://AK@host:9000/b'],
    ['s3://:SK@host:9000/b', 's3://host:9000/b'],
    ['s3://AK:@host:9000/b', 's3://AK@host:9000/b'],
    ['s3://AK:p@ss@host:9000/b', 's3://AK@host:9000/b'],
    ['dir:///var/blobs', 'dir:///var/blobs'],
    ['https://user:pw@cdn.example.com/x?y=a:b@c', 'https://user@cdn.example.com/x?y=a:b@c'],
    ['not a url', 'not a url']
  ])('%s → %s', (url, stripped) => {
    expect(stripPassword(url)).toBe(stripped)
  })
})

const CONNECTION: S3Connection = {
  endpoint: 'https://s3.example.com',
  region: 'us-east-1',
  accessKey: 'AKIA',
  secretKey: 'secret'
}

describe('s3StoreUrl', () => {
  test('https without a port → s3s with 443', () => {
    expect(s3StoreUrl(CONNECTION, 'blobs')).toBe(
      's3s://AKIA:secret@s3.example.com:443/blobs?region=us-east-1'
    )
  })

  test('http without a port → s3 with 80', () => {
    expect(s3StoreUrl({ ...CONNECTION, endpoint: 'http://minio' }, 'b')).toBe(
      's3://AKIA:secret@minio:80/b?region=us-east-1'
    )
  })

  test('an explicit port is kept, even the default one written out', () => {
    expect(s3StoreUrl({ ...CONNECTION, endpoint: 'http://127.0.0.1:9000' }, 'b')).toBe(
      's3://AKIA:secret@127.0.0.1:9000/b?region=us-east-1'
    )
    expect(s3StoreUrl({ ...CONNECTION, endpoint: 'https://h:443/' }, 'b')).toBe(
      's3s://AKIA:secret@h:443/b?region=us-east-1'
    )
    expect(s3StoreUrl({ ...CONNECTION, endpoint: 'https://h:8443' }, 'b')).toContain('@h:8443/b')
  })

  test('an IPv6 host keeps its brackets', () => {
    expect(s3StoreUrl({ ...CONNECTION, endpoint: 'http://[::1]:9000' }, 'b')).toBe(
      's3://AKIA:secret@[::1]:9000/b?region=us-east-1'
    )
  })

  test('credentials and region are percent-encoded', () => {
    const url = s3StoreUrl(
      { ...CONNECTION, accessKey: 'a:k@1', secretKey: 'p/a+s s%w=d?#', region: 'my region' },
      'b'
    )
    expect(url).toBe(
      's3s://a%3Ak%401:p%2Fa%2Bs%20s%25w%3Dd%3F%23@s3.example.com:443/b?region=my%20region'
    )
  })

  test('round-trips through parseS3StoreUrl', () => {
    const connection = {
      ...CONNECTION,
      accessKey: 'a:k@1',
      secretKey: 'p/a+s s%w=d?#',
      region: 'eu-1'
    }
    expect(parseS3StoreUrl(s3StoreUrl(connection, 'zos'))).toEqual({
      connection: { ...connection, endpoint: 'https://s3.example.com:443' },
      bucket: 'zos'
    })
  })

  test.each([
    ['s3.example.com:9000', 'has no scheme', 'https://s3.example.com:9000'],
    ['s3.example.com', 'has no scheme', 'https://s3.example.com'],
    ['ftp://s3.example.com', 'must start with https:// or http://', 'ftp://'],
    ['https://s3.example.com/bucket', 'has a path', 'the bucket is its own setting'],
    ['https://s3.example.com?x=1', 'has a path or query', 's3.example.com'],
    ['https://s3.example.com:99999', 'does not parse', 'port'],
    ['https://s3.example.com:abc', 'does not parse', 'port'],
    ['https://s3.example.com:0', 'has port 0', 's3.example.com'],
    ['https://u:hunter2@s3.example.com', 'credentials do not belong in the endpoint', 'access key']
  ])('endpoint %s is refused: %s', (endpoint, problem, hint) => {
    const error = userError(() => s3StoreUrl({ ...CONNECTION, endpoint }, 'b', 'input s3-endpoint'))
    expect(error.message.startsWith('input s3-endpoint: ')).toBe(true)
    expect(error.message).toContain(problem)
    expect(error.message).toContain(hint)
    expect(error.message).not.toContain('hunter2')
  })
})

describe('parseS3Endpoint', () => {
  test('origin, security, host and effective port', () => {
    expect(parseS3Endpoint('https://s3.example.com/', 'x')).toEqual({
      origin: 'https://s3.example.com',
      secure: true,
      host: 's3.example.com',
      port: 443
    })
    expect(parseS3Endpoint('HTTP://Minio.local:9000', 'x')).toEqual({
      origin: 'http://minio.local:9000',
      secure: false,
      host: 'minio.local',
      port: 9000
    })
  })
})

describe('parseS3StoreUrl', () => {
  test('s3 is http, s3s and s3+tls are https; credentials decoded; region defaults', () => {
    expect(parseS3StoreUrl('s3://ak:s%2Fk@minio:9000/blobs?region=eu-west-1')).toEqual({
      connection: {
        endpoint: 'http://minio:9000',
        region: 'eu-west-1',
        accessKey: 'ak',
        secretKey: 's/k'
      },
      bucket: 'blobs'
    })
    expect(parseS3StoreUrl('s3s://ak:sk@h:443/b').connection).toEqual({
      endpoint: 'https://h:443',
      region: 'us-east-1',
      accessKey: 'ak',
      secretKey: 'sk'
    })
    expect(parseS3StoreUrl('s3+tls://ak:sk@h:8443/b/').connection.endpoint).toBe('https://h:8443')
  })

  test('no credentials (a read route) gives empty ones', () => {
    expect(parseS3StoreUrl('s3://h:9000/b').connection).toMatchObject({
      accessKey: '',
      secretKey: ''
    })
  })

  test.each([
    ['dir:///x', 'is not an s3://'],
    ['s3://ak:sk@h/b', 'has no port'],
    ['s3://ak:sk@h:9000/', 'exactly one bucket'],
    ['s3://ak:s%ZZk@h:9000/b', 'malformed %-escape']
  ])('%s is refused: %s', (url, problem) => {
    const error = userError(() => parseS3StoreUrl(url, 'route'))
    expect(error.message.startsWith('route: ')).toBe(true)
    expect(error.message).toContain(problem)
    expect(error.message).not.toContain('s%ZZk')
  })
})
