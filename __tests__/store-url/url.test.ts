import { describe, expect, test } from '@jest/globals'
import {
  credentialSpellings,
  credentialsParseAsWritten,
  dirUrlPath,
  isS3Scheme,
  maskUrlCredentials,
  passwordSpellings,
  schemeAndHost,
  splitRange,
  storeScheme,
  stripPassword,
  urlCredentials,
  urlHost,
  withoutCredentials
} from '../../src/store-url/url.js'

describe('urlCredentials', () => {
  test.each([
    ['s3://AKAT:p@ss:w0rd/x+y=z@127.0.0.1:9000/blobs', 'AKAT:p@ss:w0rd/x+y=z', 'p@ss:w0rd/x+y=z'],
    ['s3://AKAT:p#ss@h:9000/b', 'AKAT:p#ss', 'p#ss'],
    ['s3://AKAT:p?ss@h:9000/b', 'AKAT:p?ss', 'p?ss'],
    ['00-7f=s3://:sec ret@h:9000/b', ':sec ret', 'sec ret'],
    ['https://token@host/x', 'token', undefined],
    ['  s3://a:b%40c@h:1/b  ', 'a:b%40c', 'b%40c']
  ])('%s: userinfo %j, password %j', (url, userinfo, password) => {
    expect(urlCredentials(url)).toMatchObject({ userinfo, password })
  })

  test.each(['dir:///srv/blobs@2', 'https://host/path', 'not a url', 'host@example'])(
    '%s has none',
    text => expect(urlCredentials(text)).toBeUndefined()
  )

  test('credentials a URL parser would split are told apart', () => {
    expect(credentialsParseAsWritten('s3://AK:p@ss@h:9000/b')).toBe(true)
    expect(credentialsParseAsWritten('s3://AK:p%2Fss@h:9000/b')).toBe(true)
    for (const url of [
      's3://AK:p/ss@h:9000/b',
      's3://AK:p#ss@h:9000/b',
      's3://AK:p?ss@h:9000/b',
      'https://AK:p\\ss@h/b'
    ]) {
      expect(credentialsParseAsWritten(url)).toBe(false)
    }
  })
})

describe('spellings to mask', () => {
  test('the whole userinfo and the password, never a piece split at an inner @ or /', () => {
    const spellings = credentialSpellings('s3://AKAT:p@ss:w0rd/x+y=z@127.0.0.1:9000/blobs')
    expect(spellings).toEqual(
      expect.arrayContaining([
        'AKAT:p@ss:w0rd/x+y=z',
        'p@ss:w0rd/x+y=z',
        'p%40ss%3Aw0rd%2Fx%2By%3Dz'
      ])
    )
    expect(spellings.every(spelling => spelling.length >= 'p@ss:w0rd/x+y=z'.length)).toBe(true)
  })

  test('percent-encoded, decoded and as a URL parser re-encodes it', () => {
    expect(passwordSpellings('s3://a:p%2Fw@h:1/b')).toEqual(
      expect.arrayContaining(['p%2Fw', 'p/w'])
    )
    expect(passwordSpellings('s3://a:pä w@h:1/b')).toEqual(
      expect.arrayContaining(['pä w', 'p%C3%A4%20w'])
    )
    // A malformed escape is masked as written.
    expect(passwordSpellings('s3://a:p%zz@h:1/b')).toContain('p%zz')
  })
})

describe('stripPassword', () => {
  test.each([
    ['s3://AK:SK@host:9000/bucket?region=r', 's3://AK@host:9000/bucket?region=r'],
    ['s3s://AK:S%2FK@host:443/b', 's3s://AK@host:443/b'],
    [
      's3://AK:S%2FK@host:9000/bucket?region=us-east-1',
      's3://AK@host:9000/bucket?region=us-east-1'
    ],
    ['s3://AK@host:9000/b', 's3://AK@host:9000/b'],
    ['s3://:SK@host:9000/b', 's3://host:9000/b'],
    ['s3://AK:@host:9000/b', 's3://AK@host:9000/b'],
    ['s3://AK:p@ss@host:9000/b', 's3://AK@host:9000/b'],
    ['dir:///var/blobs', 'dir:///var/blobs'],
    ['dir:///srv/with%20space', 'dir:///srv/with%20space'],
    ['https://user:pw@cdn.example.com/x?y=a:b@c', 'https://user@cdn.example.com/x?y=a:b@c'],
    ['not a url', 'not a url']
  ])('%s → %s', (url, stripped) => {
    expect(stripPassword(url)).toBe(stripped)
  })
})

describe('splitRange', () => {
  test.each([
    ['dir:///b', { start: 0, end: 255, url: 'dir:///b' }],
    [
      '00-7f=s3://h:1/b',
      { start: 0, end: 0x7f, url: 's3://h:1/b', range: { start: '00', end: '7f' } }
    ],
    [
      '80-FF=dir:///b',
      { start: 0x80, end: 0xff, url: 'dir:///b', range: { start: '80', end: 'FF' } }
    ],
    ['7f-00=dir:///b', { start: 0x7f, end: 0, url: 'dir:///b', range: { start: '7f', end: '00' } }],
    ['0-7f=dir:///b', { start: 0, end: 255, url: '0-7f=dir:///b' }]
  ])('%s', (text, expected) => {
    expect(splitRange(text)).toEqual(expected)
  })
})

describe('schemes', () => {
  test('store schemes are told apart in lower case; every S3 spelling is S3', () => {
    expect(storeScheme('DIR:///b')).toBe('dir')
    expect(storeScheme('/var/b')).toBeUndefined()
    expect(['s3', 'S3S', 's3+tls', 's3s+tls'].map(isS3Scheme)).toEqual([true, true, true, true])
    expect([undefined, 'http', 'dir'].map(isS3Scheme)).toEqual([false, false, false])
  })
})

describe('urlHost', () => {
  test.each([
    ['s3://ak:sk@S3.Example.com:9000/b', 's3.example.com'],
    ['s3://ak:p@ss@10.0.0.1:9000/b', '10.0.0.1'],
    ['http://[::1]:8080/x', '::1'],
    ['dir:///var/b', ''],
    ['not a url', undefined]
  ])('%s → %s', (url, host) => {
    expect(urlHost(url)).toBe(host)
  })
})

describe('schemeAndHost', () => {
  test.each([
    ['zdb://user:pass@host:9900/ns', 'zdb://host:9900'],
    ['zdb://user:p@ss@host:9900/ns', 'zdb://host:9900'],
    ['zdb://user:p/ss@host:9900/ns', 'zdb://host:9900'],
    ['ftp://host/x', 'ftp://host'],
    ['no scheme', undefined]
  ])('%s shows %s, no piece of the password', (url, shown) => {
    expect(schemeAndHost(url)).toBe(shown)
  })
})

describe('dirUrlPath', () => {
  test('the path, percent-decoded; other schemes have none', () => {
    expect(dirUrlPath('dir:///var/my%20blobs')).toBe('/var/my blobs')
    expect(dirUrlPath('dir:///var/100%')).toBe('/var/100%')
    expect(dirUrlPath('s3://h:1/b')).toBeUndefined()
  })

  test('a dir:// URL with a host is refused, naming the host and no credential', () => {
    expect(() => dirUrlPath('dir://relative/path')).toThrow(
      "store: a dir:// URL needs an absolute path, as in dir:///srv/blobs; this one names the host 'relative'"
    )
    for (const url of ['dir://me:hunter2@host/path', 'dir://tok/en@host/path']) {
      expect(() => dirUrlPath(url, 'manifest location')).toThrow(
        /^manifest location: a dir:\/\/ URL needs an absolute path, as in dir:\/\/\/srv\/blobs$/
      )
    }
    expect(() => dirUrlPath('dir://AK:secret@/x')).toThrow(
      /^store: the dir:\/\/ URL does not parse/
    )
  })
})

describe('maskUrlCredentials', () => {
  test('hands every spelling of each line to the mask it is given', () => {
    const masked: string[] = []
    maskUrlCredentials('s3://ak:s%2Fk@h:1/b\ndir:///x\n00-7f=s3://ak2:two@h:1/b', secret =>
      masked.push(secret)
    )
    expect(masked).toEqual(expect.arrayContaining(['ak:s%2Fk', 's%2Fk', 's/k', 'ak2:two', 'two']))
    expect(masked).not.toContain('ak')
  })
})

describe('withoutCredentials', () => {
  test('drops the whole userinfo, however the password is written, and keeps the rest', () => {
    expect(withoutCredentials('https://u:p@hub.grid.tf/blobs?x=1')).toBe(
      'https://hub.grid.tf/blobs?x=1'
    )
    expect(withoutCredentials('https://u:p/a@ss@hub.grid.tf/blobs')).toBe(
      'https://hub.grid.tf/blobs'
    )
    expect(withoutCredentials('https://hub.grid.tf/blobs')).toBe('https://hub.grid.tf/blobs')
  })

  test('keeps the range and drops the userinfo', () => {
    expect(withoutCredentials('00-7f=https://u:sec@h/x')).toBe('00-7f=https://h/x')
  })
})
