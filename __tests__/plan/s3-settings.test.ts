// The S3 settings as the plan resolves them from the inputs and rfs.conf.
import { describe, expect, test } from '@jest/globals'
import type { RawInputs } from '../../src/action/inputs.js'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { KERNEL, S3_CONF, planProject } from '../helpers/plan-project.js'

const fixture = planProject()
const { writeConfig, plan } = fixture

describe('S3 from rfs.conf', () => {
  test('store URL, redacted routes and display, manifests and path-style URLs', async () => {
    writeConfig('rfs.conf', `${S3_CONF}\nS3_PREFIX=zos/v4\n`)
    const result = await plan()
    const route = 's3s://AKIA@s3.example.com:443/zos-blobs?region=us-east-1'
    expect(result.writeStores).toEqual([
      {
        start: 0,
        end: 255,
        url: 's3s://AKIA:hunter2%2F%2B@s3.example.com:443/zos-blobs?region=us-east-1'
      }
    ])
    expect(result.readRoutes).toEqual([{ start: 0, end: 255, url: route }])
    expect(result.storeDisplay).toBe(route)
    expect(result.manifests).toEqual({
      connection: {
        endpoint: 'https://s3.example.com',
        region: 'us-east-1',
        accessKey: 'AKIA',
        secretKey: 'hunter2/+'
      },
      bucket: 'zos-blobs',
      prefix: 'zos/v4'
    })
    expect(result.flists.map(flist => [flist.manifestKey, flist.url])).toEqual([
      [
        `zos/v4/manifests/modules-${KERNEL}.fl`,
        `https://s3.example.com/zos-blobs/zos/v4/manifests/modules-${KERNEL}.fl`
      ],
      [
        'zos/v4/manifests/firmware-20250307.fl',
        'https://s3.example.com/zos-blobs/zos/v4/manifests/firmware-20250307.fl'
      ]
    ])
    expect(result.warnings).toEqual([])
  })

  test('the secret is nowhere but in the write store and the connection', async () => {
    writeConfig('rfs.conf', `${S3_CONF}\nPUBLIC_URL=https://cdn.example.com\n`)
    const { writeStores, manifests, ...rest } = await plan()
    expect(writeStores[0].url).toContain('hunter2')
    expect(manifests?.connection.secretKey).toBe('hunter2/+')
    const { connection: _connection, ...target } = manifests!
    expect(JSON.stringify({ rest, target })).not.toContain('hunter2')
  })

  test('MANIFEST_BUCKET, region, and an endpoint with its own port', async () => {
    writeConfig(
      'rfs.conf',
      `${S3_CONF}\nS3_ENDPOINT=http://minio.local:9000\nS3_REGION=eu-west-1\nMANIFEST_BUCKET=zos-manifests\n`
    )
    const result = await plan()
    expect(result.writeStores[0].url).toBe(
      's3://AKIA:hunter2%2F%2B@minio.local:9000/zos-blobs?region=eu-west-1'
    )
    expect(result.manifests).toMatchObject({
      bucket: 'zos-manifests',
      prefix: '',
      connection: { endpoint: 'http://minio.local:9000', region: 'eu-west-1' }
    })
    expect(result.flists[0].url).toBe(
      `http://minio.local:9000/zos-manifests/manifests/modules-${KERNEL}.fl`
    )
  })

  test('public-url makes the URLs, with exactly one slash at the joint', async () => {
    for (const base of [
      'https://cdn.example.com/zos',
      'https://cdn.example.com/zos/',
      'https://cdn.example.com/zos//'
    ]) {
      writeConfig('rfs.conf', `${S3_CONF}\nS3_PREFIX=/p/\nPUBLIC_URL=${base}\n`)
      expect((await plan()).flists[1].url).toBe(
        'https://cdn.example.com/zos/p/manifests/firmware-20250307.fl'
      )
    }
  })

  test.each([
    ['', 'manifests/firmware-20250307.fl'],
    ['a', 'a/manifests/firmware-20250307.fl'],
    ['/a/', 'a/manifests/firmware-20250307.fl'],
    ['a/b/', 'a/b/manifests/firmware-20250307.fl'],
    ['a//b', 'a/b/manifests/firmware-20250307.fl'],
    ['//', 'manifests/firmware-20250307.fl']
  ])('prefix %j gives key %s', async (prefix, key) => {
    writeConfig('rfs.conf', S3_CONF)
    const result = await plan({ 's3-prefix': prefix, flists: 'firmware' })
    expect(result.flists[0].manifestKey).toBe(key)
    expect(result.flists[0].url).toBe(`https://s3.example.com/zos-blobs/${key}`)
  })

  test('no region on an AWS endpoint: us-east-1 with a warning; elsewhere silently', async () => {
    writeConfig('rfs.conf', S3_CONF.replace('s3.example.com', 's3.amazonaws.com'))
    const aws = await plan()
    expect(aws.manifests?.connection.region).toBe('us-east-1')
    expect(aws.warnings).toEqual([
      expect.stringContaining('using us-east-1; set input s3-region or S3_REGION')
    ])
  })
})

describe('S3 inputs override rfs.conf', () => {
  test('each input replaces its key', async () => {
    writeConfig(
      'rfs.conf',
      `${S3_CONF}\nS3_PREFIX=conf\nMANIFEST_BUCKET=conf-m\nS3_REGION=conf-r\n`
    )
    const result = await plan({
      's3-endpoint': 'http://127.0.0.1:9000',
      's3-bucket': 'in-b',
      's3-access-key': 'in-ak',
      's3-secret-key': 'in-sk',
      's3-prefix': 'in-p',
      's3-region': 'in-r',
      'manifest-bucket': 'in-m',
      'public-url': 'https://in.example.com'
    })
    expect(result.writeStores[0].url).toBe('s3://in-ak:in-sk@127.0.0.1:9000/in-b?region=in-r')
    expect(result.manifests).toMatchObject({ bucket: 'in-m', prefix: 'in-p' })
    expect(result.flists[0].url).toBe(`https://in.example.com/in-p/manifests/modules-${KERNEL}.fl`)
  })

  test('S3 wholly from inputs, no rfs.conf', async () => {
    const result = await plan({
      's3-endpoint': 'https://s3.example.com:8443',
      's3-bucket': 'b',
      's3-access-key': 'ak',
      's3-secret-key': 'sk'
    })
    expect(result.storeDisplay).toBe('s3s://ak@s3.example.com:8443/b?region=us-east-1')
  })
})

describe('incomplete or bad S3 settings', () => {
  test.each<[string, RawInputs, string[]]>([
    ['S3_ENDPOINT=https://h', {}, ['the bucket (input s3-bucket or S3_BUCKET in config/rfs.conf)']],
    ['S3_BUCKET=b', {}, ['the endpoint (input s3-endpoint or S3_ENDPOINT in config/rfs.conf)']],
    [
      '',
      { 's3-access-key': 'ak' },
      ['the secret key (input s3-secret-key or S3_SECRET_KEY in config/rfs.conf)']
    ],
    [
      'S3_SECRET_KEY=sk',
      { 's3-endpoint': 'https://h', 's3-bucket': 'b' },
      ['the access key (input s3-access-key']
    ],
    ['MANIFEST_BUCKET=m', {}, ['the endpoint', 'the bucket']]
  ])('rfs.conf %j with inputs %j', async (conf, raw, missing) => {
    writeConfig('rfs.conf', conf)
    const error = await asyncUserError(plan(raw))
    expect(error.message).toMatch(/^incomplete S3 settings: missing /)
    for (const part of missing) expect(error.message).toContain(part)
    expect(error.message).toContain('given: ')
    expect(error.message).not.toMatch(/\bsk\b/)
  })

  test('an endpoint and a bucket without keys sign with the credential chain', async () => {
    writeConfig('rfs.conf', 'S3_ENDPOINT=https://s3.example.com\nS3_BUCKET=b\n')
    const planned = await plan()
    expect(planned.credentialChain).toBe(true)
    expect(planned.writeStores[0].url).toBe('s3s://s3.example.com:443/b?region=us-east-1')
    expect(planned.manifests?.connection).toMatchObject({ accessKey: '', secretKey: '' })
  })

  test('no S3 settings at all: the embedded dir store, no credential chain', async () => {
    writeConfig('rfs.conf', '')
    const planned = await plan()
    expect(planned.credentialChain).toBe(false)
    expect(planned.manifests).toBeUndefined()
    expect(planned.writeStores[0].url).toMatch(/^dir:\/\//)
  })

  test('what was given is named with where it came from', async () => {
    writeConfig('rfs.conf', 'S3_BUCKET=b\nS3_ACCESS_KEY=ak\n')
    const error = await asyncUserError(plan({ 's3-endpoint': 'https://h' }))
    expect(error.message).toContain(
      'given: the endpoint from input s3-endpoint, the bucket from config/rfs.conf: S3_BUCKET, the access key from config/rfs.conf: S3_ACCESS_KEY'
    )
  })

  test('a bad endpoint names the key in rfs.conf, or the input', async () => {
    writeConfig('rfs.conf', S3_CONF.replace('https://s3.example.com', 's3.example.com:9000'))
    expect((await asyncUserError(plan())).message).toMatch(
      /^config\/rfs\.conf: S3_ENDPOINT: 's3\.example\.com:9000' has no scheme/
    )
    expect((await asyncUserError(plan({ 's3-endpoint': 'https://h/path' }))).message).toMatch(
      /^input s3-endpoint: .* has a path/
    )
  })

  test('a bucket with a slash names where it came from', async () => {
    writeConfig('rfs.conf', S3_CONF.replace('zos-blobs', 'zos/blobs'))
    expect((await asyncUserError(plan())).message).toMatch(
      /^config\/rfs\.conf: S3_BUCKET='zos\/blobs' is not a bucket name/
    )
    writeConfig('rfs.conf', S3_CONF)
    expect((await asyncUserError(plan({ 'manifest-bucket': 'a b' }))).message).toMatch(
      /^input manifest-bucket='a b'/
    )
  })

  test('a bad region or public URL names where it came from', async () => {
    writeConfig('rfs.conf', `${S3_CONF}\nS3_REGION="eu west"\n`)
    expect((await asyncUserError(plan())).message).toMatch(
      /^config\/rfs\.conf: S3_REGION='eu west'/
    )
    writeConfig('rfs.conf', `${S3_CONF}\nPUBLIC_URL=cdn.example.com\n`)
    expect((await asyncUserError(plan())).message).toMatch(
      /^config\/rfs\.conf: PUBLIC_URL='cdn\.example\.com' is not a base URL/
    )
  })
})
