// A listing page read by our own reader, against the SDK's reading of the very same answers: from
// s3rver, and from servers on loopback that answer with listings the reader must hand to the SDK.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { ListObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { S3Session } from '../../src/s3/client.js'
import { forEachPage, listPage, parseListing, type ListingPage } from '../../src/s3/list.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

let s3: TestS3
let s3Session: S3Session
const servers: Server[] = []
const KEYS = ['a&b', 'c<d>e', 'quote"s', "apos'", 'ümlaut', 'plain', 'tab\tkey', 'z'.repeat(64)]

beforeAll(async () => {
  s3 = await startS3({ buckets: ['listed'] })
  s3Session = session(s3.endpoint, s3.accessKey, s3.secretKey)
  for (const key of KEYS) {
    await s3Session.client.send(
      new PutObjectCommand({ Bucket: 'listed', Key: key, Body: `body of ${key}` })
    )
  }
})
afterAll(async () => {
  s3Session.destroy()
  await s3.stop()
  await Promise.all(servers.map(server => new Promise(resolve => server.close(resolve))))
})

function session(endpoint: string, accessKey = 'AKID', secretKey = 'secret'): S3Session {
  return new S3Session(
    { endpoint, region: 'us-east-1', accessKey, secretKey },
    { retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }
  )
}

/** The SDK's own reading of the same page, in our shape. */
async function sdkPage(
  client: S3Session,
  bucket: string,
  options: { marker?: string; maxKeys?: number; prefix?: string }
): Promise<ListingPage> {
  const output = await client.client.send(
    new ListObjectsCommand({
      Bucket: bucket,
      Marker: options.marker,
      MaxKeys: options.maxKeys,
      Prefix: options.prefix
    })
  )
  return {
    objects: (output.Contents ?? []).map(object => ({
      key: object.Key!,
      size: object.Size!,
      modified: object.LastModified?.toISOString(),
      etag: object.ETag
    })),
    truncated: output.IsTruncated === true,
    nextMarker: output.NextMarker
  }
}

/** Dates as instants: servers write milliseconds or not, the SDK always does. */
function comparable(page: ListingPage): unknown {
  return {
    ...page,
    objects: page.objects.map(object => ({
      ...object,
      modified: object.modified && new Date(object.modified).getTime()
    }))
  }
}

describe('listPage against s3rver', () => {
  test('keys with XML entities, sizes, dates and ETags read as the SDK reads them', async () => {
    const ours = await listPage(s3Session, 'listed', {})
    expect(ours.objects.map(object => object.key).sort()).toEqual([...KEYS].sort())
    expect(ours.objects.find(object => object.key === 'a&b')?.size).toBe('body of a&b'.length)
    expect(comparable(ours)).toEqual(comparable(await sdkPage(s3Session, 'listed', {})))
  })

  test('pages: truncation and markers as the SDK reads them', async () => {
    let marker: string | undefined
    const seen: string[] = []
    for (let pages = 0; pages < KEYS.length; pages++) {
      const ours = await listPage(s3Session, 'listed', { marker, maxKeys: 3 })
      expect(comparable(ours)).toEqual(
        comparable(await sdkPage(s3Session, 'listed', { marker, maxKeys: 3 }))
      )
      seen.push(...ours.objects.map(object => object.key))
      if (!ours.truncated) break
      marker = ours.objects.at(-1)!.key
    }
    expect(seen.sort()).toEqual([...KEYS].sort())
  })

  test('a prefix', async () => {
    const ours = await listPage(s3Session, 'listed', { prefix: 'c<' })
    expect(ours.objects.map(object => object.key)).toEqual(['c<d>e'])
  })

  test('a missing bucket fails as any request does: one line naming the bucket', async () => {
    await expect(listPage(s3Session, 'no-such-bucket', {})).rejects.toThrow(
      /bucket 'no-such-bucket' does not exist/
    )
  })
})

/** A server that answers every request with this body and status 200. */
async function answering(body: string): Promise<S3Session> {
  const server = createServer((request, response) => {
    request.resume()
    response.writeHead(200, { 'content-type': 'application/xml' }).end(body)
  })
  servers.push(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return session(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
}

/** A plain listing of two keys, and the case of it with one part changed. */
const PLAIN =
  '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>any</Name>' +
  '<IsTruncated>false</IsTruncated><Contents><Key>k1</Key>' +
  '<LastModified>2026-01-02T03:04:05.000Z</LastModified><Size>3</Size></Contents>' +
  '<Contents><Key>k2</Key><Size>4</Size></Contents></ListBucketResult>'

function plainExcept(name: string, part: string, instead: string): Array<[string, string]> {
  if (!PLAIN.includes(part)) throw new Error(`${part} is not in the plain listing`)
  return [[name, PLAIN.replace(part, instead)]]
}

/** A page, or that the read failed: what both readers must agree on. */
async function outcome(page: Promise<ListingPage>): Promise<unknown> {
  return page.then(comparable, () => 'failed')
}

describe('a plain listing is read by our reader, not the SDK', () => {
  test('a character beyond the Basic Multilingual Plane, which the SDK reads wrong', async () => {
    const body = PLAIN.replace('<Key>k1</Key>', '<Key>smile &#128512;</Key>')
    expect(parseListing(body)?.objects[0].key).toBe('smile 😀')
    const client = await answering(body)
    expect((await listPage(client, 'any', {})).objects[0].key).toBe('smile 😀')
    expect((await sdkPage(client, 'any', {})).objects[0].key).not.toBe('smile 😀')
  })
  test('the plain listing itself', () => {
    expect(parseListing(PLAIN)).toEqual({
      objects: [
        { key: 'k1', size: 3, modified: '2026-01-02T03:04:05.000Z', etag: undefined },
        { key: 'k2', size: 4, modified: undefined, etag: undefined }
      ],
      truncated: false,
      nextMarker: undefined
    })
  })
})

describe('forEachPage', () => {
  test('reads every page in turn, each after the last key of the one before', async () => {
    const keys: string[] = []
    const end = await forEachPage(s3Session, 'listed', { maxKeys: 3 }, page => {
      keys.push(...page.objects.map(object => object.key))
      return true
    })
    expect(end).toBe('complete')
    expect(keys.sort()).toEqual([...KEYS].sort())
  })

  test('stops when the caller has seen enough', async () => {
    let pages = 0
    const end = await forEachPage(s3Session, 'listed', { maxKeys: 3 }, () => ++pages < 2)
    expect([end, pages]).toEqual(['stopped', 2])
  })

  test('a truncated page that gives no way on ends the paging as stuck, not as complete', async () => {
    const empty = PLAIN.replace(
      '<IsTruncated>false</IsTruncated>',
      '<IsTruncated>true</IsTruncated>'
    ).replace(/<Contents>[\s\S]*<\/Contents>/, '')
    const end = await forEachPage(await answering(empty), 'any', {}, () => true)
    expect(end).toBe('stuck')
  })
})

describe('answers our reader leaves to the SDK, read as the SDK reads them', () => {
  const cases: Array<[string, string]> = [
    [
      'namespace-prefixed elements',
      '<?xml version="1.0"?><s3:ListBucketResult xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<s3:IsTruncated>false</s3:IsTruncated><s3:Contents><s3:Key>k1</s3:Key><s3:Size>7</s3:Size></s3:Contents>' +
        '</s3:ListBucketResult>'
    ],
    [
      'a CDATA key',
      '<ListBucketResult><IsTruncated>false</IsTruncated>' +
        '<Contents><Key><![CDATA[a<b]]></Key><Size>3</Size></Contents></ListBucketResult>'
    ],
    ['a web page answered with 200', '<html><body>Welcome</body></html>'],
    [
      'a reference beyond Unicode, or unknown',
      '<ListBucketResult><IsTruncated>false</IsTruncated>' +
        '<Contents><Key>a&#x110000;b</Key><Size>3</Size></Contents>' +
        '<Contents><Key>c&nbsp;d</Key><Size>3</Size></Contents></ListBucketResult>'
    ],
    ...plainExcept(
      'IsTruncated written True',
      '<IsTruncated>false</IsTruncated>',
      '<IsTruncated>True</IsTruncated>'
    ),
    ...plainExcept(
      'a space before the end of a tag',
      '<IsTruncated>false</IsTruncated>',
      '<IsTruncated>true</IsTruncated >'
    ),
    ...plainExcept(
      'a Contents tag with a space, read as no element by a plain scan',
      '<Contents><Key>k2</Key>',
      '<Contents ><Key>k2</Key>'
    ),
    ...plainExcept(
      'a comment holding a Contents element',
      '<Name>any</Name>',
      '<Name>any</Name><!-- <Contents><Key>phantom</Key><Size>1</Size></Contents> -->'
    ),
    ...plainExcept(
      'a processing instruction holding a Contents element',
      '<Name>any</Name>',
      '<Name>any</Name><?pi <Contents><Key>phantom</Key></Contents>?>'
    ),
    ...plainExcept('a key given twice', '<Key>k1</Key>', '<Key>k1</Key><Key>k0</Key>'),
    ...plainExcept(
      'a key inside another element',
      '<Key>k1</Key>',
      '<Owner><Key>k0</Key></Owner><Key>k1</Key>'
    ),
    ...plainExcept('a date S3 would not write', '2026-01-02T03:04:05.000Z', '2026-01-02T03:04:05'),
    ...plainExcept('an empty date', '2026-01-02T03:04:05.000Z', ''),
    ...plainExcept('a reference without its semicolon', '<Key>k1</Key>', '<Key>k&lt1</Key>'),
    ...plainExcept(
      'an answer cut off after a Contents element',
      '</Contents></ListBucketResult>',
      '</Contents>'
    ),
    [
      'a bare ampersand',
      '<ListBucketResult><IsTruncated>false</IsTruncated>' +
        '<Contents><Key>a & b</Key><Size>3</Size></Contents></ListBucketResult>'
    ]
  ]
  test.each(cases)('%s', async (_, body) => {
    expect(parseListing(body)).toBeUndefined()
    const client = await answering(body)
    expect(await outcome(listPage(client, 'any', {}))).toEqual(
      await outcome(sdkPage(client, 'any', {}))
    )
  })

  test('a CDATA key reaches the caller', async () => {
    const body = cases[1][1]
    const page = await listPage(await answering(body), 'any', {})
    expect(page.objects.map(object => object.key)).toEqual(['a<b'])
  })
})

describe('parseListing', () => {
  test('reads keys, sizes, entities and paging fields', () => {
    const page = parseListing(
      '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>' +
        '<IsTruncated>true</IsTruncated><NextMarker>n&amp;m</NextMarker>' +
        '<Contents><Key>a&amp;b&#x3c;&#62;</Key><LastModified>2026-01-02T03:04:05.000Z</LastModified>' +
        '<ETag>&quot;e1&quot;</ETag><Size>12</Size><Owner><ID>o</ID></Owner></Contents>' +
        '<Contents><Key>x</Key></Contents></ListBucketResult>'
    )
    expect(page).toEqual({
      objects: [
        { key: 'a&b<>', size: 12, modified: '2026-01-02T03:04:05.000Z', etag: '"e1"' },
        { key: 'x', size: Number.NaN, modified: undefined, etag: undefined }
      ],
      truncated: true,
      nextMarker: 'n&m'
    })
  })

  test('an empty listing', () => {
    expect(
      parseListing('<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>')
    ).toEqual({
      objects: [],
      truncated: false,
      nextMarker: undefined
    })
  })

  test('a Contents element with attributes, or without a key, is left to the SDK', () => {
    expect(
      parseListing('<ListBucketResult><Contents id="1"><Key>a</Key></Contents></ListBucketResult>')
    ).toBeUndefined()
    expect(
      parseListing('<ListBucketResult><Contents><Size>1</Size></Contents></ListBucketResult>')
    ).toBeUndefined()
    expect(parseListing('<Error><Code>NoSuchBucket</Code></Error>')).toBeUndefined()
  })
})
