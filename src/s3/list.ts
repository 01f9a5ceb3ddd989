// One page of a bucket listing (ListObjects, version 1). The SDK signs, sends and maps errors as
// for any request; a successful answer is read here for the few fields the callers use, because
// the SDK's general XML deserializer costs the main thread tens of microseconds per key, and a
// rerun lists thousands of keys while its workers hash. An answer that is not plainly a listing
// goes to the SDK's deserializer untouched, so odd servers meet the SDK's handling, errors
// included.
import { Readable } from 'node:stream'
import { ListObjectsCommand } from '@aws-sdk/client-s3'
import type { S3Session } from './client.js'

export interface ListedObject {
  key: string
  /** NaN when the server gave none. */
  size: number
  /** As the server wrote it (ISO 8601); undefined when absent. */
  modified?: string
  /** With its quotes, as servers send it; undefined when absent. */
  etag?: string
}

export interface ListingPage {
  objects: ListedObject[]
  truncated: boolean
  /** The server's NextMarker, when it sent one. */
  nextMarker?: string
}

export interface PageRequest {
  prefix?: string
  marker?: string
  maxKeys?: number
}

/** One page of keys under `prefix`, after `marker`, with retries as every request has. */
export function listPage(
  session: S3Session,
  bucket: string,
  { prefix, marker, maxKeys }: PageRequest
): Promise<ListingPage> {
  return session.request(`LIST ${bucket}/${prefix ?? ''}*`, async abortSignal => {
    const read: { page?: ListingPage } = {}
    const command = new ListObjectsCommand({
      Bucket: bucket,
      Prefix: prefix || undefined,
      MaxKeys: maxKeys,
      Marker: marker
    })
    command.middlewareStack.add(next => readListingBody(next, read), {
      // Inside the SDK's deserializer: it sees the raw answer first.
      step: 'deserialize',
      priority: 'low',
      name: 'readListingBody'
    })
    const output = await session.client.send(command, { abortSignal })
    return read.page ?? fromSdkOutput(output)
  })
}

/** What the SDK's deserializer receives in place of a listing read here: nothing to parse. */
const EMPTY_LISTING = '<ListBucketResult></ListBucketResult>'

interface RawResponse {
  statusCode?: number
  body?: unknown
}

function readListingBody<Args, Output>(
  next: (args: Args) => Promise<Output>,
  read: { page?: ListingPage }
): (args: Args) => Promise<Output> {
  return async args => {
    const answer = await next(args)
    const response = (answer as { response?: RawResponse }).response
    const status = response?.statusCode ?? 0
    if (!response || status < 200 || status >= 300 || !(response.body instanceof Readable))
      return answer
    const body = await drain(response.body)
    read.page = parseListing(body.toString('utf8'))
    response.body = Readable.from([read.page ? Buffer.from(EMPTY_LISTING) : body])
    return answer
  }
}

async function drain(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

function fromSdkOutput(output: {
  Contents?: Array<{ Key?: string; Size?: number; LastModified?: Date; ETag?: string }>
  IsTruncated?: boolean
  NextMarker?: string
}): ListingPage {
  const objects = (output.Contents ?? []).flatMap(object =>
    object.Key === undefined
      ? []
      : [
          {
            key: object.Key,
            size: object.Size ?? Number.NaN,
            modified: object.LastModified?.toISOString(),
            etag: object.ETag
          }
        ]
  )
  return { objects, truncated: output.IsTruncated === true, nextMarker: output.NextMarker }
}

const CONTENTS = /<Contents>([\s\S]*?)<\/Contents>/g

/**
 * A ListObjects answer's keys, sizes, dates and ETags, its truncation flag and next marker; or
 * undefined when the body is not a plain listing (no ListBucketResult, CDATA, namespace-prefixed
 * or attributed elements, a Contents without a key): the SDK then reads it.
 */
export function parseListing(xml: string): ListingPage | undefined {
  try {
    return readListing(xml)
  } catch (error) {
    if (error instanceof UnknownReference) return undefined
    throw error
  }
}

function readListing(xml: string): ListingPage | undefined {
  if (!/<ListBucketResult[\s>]/.test(xml) || xml.includes('<![CDATA[')) return undefined
  const objects: ListedObject[] = []
  for (const [, element] of xml.matchAll(CONTENTS)) {
    const key = text(element, 'Key')
    if (key === undefined) return undefined
    const size = text(element, 'Size')
    objects.push({
      key,
      size: size === undefined ? Number.NaN : Number(size),
      modified: text(element, 'LastModified'),
      etag: text(element, 'ETag')
    })
  }
  // Every Contents element must have been read as one: `<Contents attr>` or `<s3:Contents>` not.
  if (countOf(xml, 'Contents>') !== 2 * objects.length) return undefined
  const outside = xml.replace(CONTENTS, '')
  return {
    objects,
    truncated: text(outside, 'IsTruncated') === 'true',
    nextMarker: text(outside, 'NextMarker')
  }
}

/** The decoded text of the first `<name>…</name>` in `xml`. */
function text(xml: string, name: string): string | undefined {
  const open = `<${name}>`
  const start = xml.indexOf(open)
  if (start < 0) return undefined
  const end = xml.indexOf(`</${name}>`, start)
  if (end < 0) return undefined
  return decodeEntities(xml.slice(start + open.length, end))
}

function countOf(text: string, part: string): number {
  let count = 0
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++
  return count
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** Thrown for a reference this reader does not know; the SDK then reads the answer. */
class UnknownReference extends Error {}

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(/&([^;&]*);?/g, (_, name: string) => {
    const named = NAMED[name]
    if (named !== undefined) return named
    const code = /^#x[0-9a-fA-F]{1,6}$/.test(name)
      ? Number.parseInt(name.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(name)
        ? Number.parseInt(name.slice(1), 10)
        : Number.NaN
    if (!(code <= 0x10ffff)) throw new UnknownReference(name)
    return String.fromCodePoint(code)
  })
}
