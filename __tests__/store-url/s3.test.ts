import { describe, expect, test } from '@jest/globals'
import {
  type S3Connection,
  parseS3Endpoint,
  parseS3Location,
  parseS3StoreUrl,
  s3StoreUrl
} from '../../src/store-url/s3.js'
import { userError } from '../fixtures/settings/capture.js'

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

describe('parseS3Location', () => {
  test('the path may go on past the bucket: a key prefix, percent-decoded', () => {
    expect(
      parseS3Location('s3s://ak:s%2Fk@host:9000/hub/zos/my%20flists/?region=r1', 'here')
    ).toEqual({
      connection: {
        endpoint: 'https://host:9000',
        region: 'r1',
        accessKey: 'ak',
        secretKey: 's/k'
      },
      bucket: 'hub',
      prefix: 'zos/my flists'
    })
    expect(parseS3Location('s3://ak:sk@host:9000/hub', 'here').prefix).toBe('')
  })

  test('a bucket it must have; parseS3StoreUrl refuses a prefix, without the secret', () => {
    expect(userError(() => parseS3Location('s3://ak:sk@host:9000/', 'here')).message).toMatch(
      /exactly one bucket/
    )
    const refusal = userError(() => parseS3StoreUrl('s3://ak:secret@host:9000/hub/zos')).message
    expect(refusal).toMatch(/exactly one bucket.*bucket root/)
    // The path is counted before its parts are checked.
    for (const url of ['s3://ak:sk@host:9000/bad_bucket!/x', 's3://ak:sk@host:9000/b/%zz']) {
      expect(userError(() => parseS3StoreUrl(url)).message).toMatch(/exactly one bucket/)
    }
    expect(refusal).not.toContain('secret')
  })
})
