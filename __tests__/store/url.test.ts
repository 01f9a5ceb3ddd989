import { describe, expect, test } from '@jest/globals'
import {
  credentialSpellings,
  credentialsParseAsWritten,
  passwordSpellings,
  urlCredentials
} from '../../src/store/url.js'

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
