// One page of a bucket listing (ListObjects, version 1). The SDK signs, sends and maps errors as
// for any request; a successful answer is read here for the few fields the callers use, because
// the SDK's general XML deserializer is slow per key and a rerun lists thousands of keys on the
// main thread while its workers hash (docs/performance.md). An answer that is not plainly a
// listing goes to the SDK's deserializer untouched, so odd servers meet the SDK's handling,
// errors included.
import { Readable } from 'node:stream'
import { ListObjectsCommand } from '@aws-sdk/client-s3'
import type { S3Session } from './client.js'
import { decodeXmlText } from './xml-text.js'

export interface ListedObject {
  key: string
  /** NaN when the server gave none. */
  size: number
  /** As the server wrote it (RFC 3339); undefined when absent. */
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

/** How paging ended: every page read, stopped by the caller, or a truncated page with no way on. */
export type PagingEnd = 'complete' | 'stopped' | 'stuck'

/**
 * Reads the pages under `prefix` in turn, each after the last key of the one before (or its
 * NextMarker), until the last, or until `onPage` returns false. ListObjects (version 1) with the
 * last key as marker: every S3 server pages it the same way, where version 2's continuation
 * tokens are opaque and some servers fail to make them.
 */
export async function forEachPage(
  session: S3Session,
  bucket: string,
  { prefix, maxKeys }: Omit<PageRequest, 'marker'>,
  onPage: (page: ListingPage) => boolean
): Promise<PagingEnd> {
  for (let marker: string | undefined; ;) {
    const page = await listPage(session, bucket, { prefix, marker, maxKeys })
    if (!onPage(page)) return 'stopped'
    if (!page.truncated) return 'complete'
    const next = page.nextMarker ?? page.objects.at(-1)?.key
    if (!next || next === marker) return 'stuck'
    marker = next
  }
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
/** The whole answer is one ListBucketResult, after at most an XML declaration. */
const DOCUMENT =
  /^(?:<\?xml[^>]*\?>)?\s*<ListBucketResult(?:\s[^>]*)?>([\s\S]*)<\/ListBucketResult>\s*$/
/**
 * Markup a plain scan would misread: comments, CDATA, declarations and processing instructions,
 * and tags with attributes, spaces or a closing slash.
 */
const UNUSUAL_MARKUP = /<!|<\?|<\/?[^\s<>/]+[\s/][^>]*>/
/** RFC 3339, as S3 writes LastModified: anything else is left to the SDK. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/

/** Thrown where this reader could misread the answer; the SDK then reads it. */
class NotPlain extends Error {}

/**
 * A ListObjects answer's keys, sizes, dates and ETags, its truncation flag and next marker; or
 * undefined when the body is not a plain listing, which the SDK then reads: anything but one
 * ListBucketResult, unusual markup (see UNUSUAL_MARKUP), namespace prefixes, a Contents without
 * exactly one key, a field given twice, a date or truncation flag not written as S3 writes them,
 * an unknown character reference. A listing read wrong would hide blobs from the pack and
 * objects from gc, so whatever is not plain goes to the reader that knows XML.
 */
export function parseListing(xml: string): ListingPage | undefined {
  try {
    return readPlainListing(xml)
  } catch (error) {
    if (error instanceof NotPlain) return undefined
    throw error
  }
}

function readPlainListing(document: string): ListingPage {
  const xml = DOCUMENT.exec(document)?.[1]
  if (xml === undefined || UNUSUAL_MARKUP.test(xml)) throw new NotPlain()
  const objects: ListedObject[] = []
  for (const [, element] of xml.matchAll(CONTENTS)) {
    const key = field(element, 'Key')
    if (key === undefined) throw new NotPlain()
    const modified = field(element, 'LastModified')
    if (modified !== undefined && !TIMESTAMP.test(modified)) throw new NotPlain()
    const size = field(element, 'Size')
    objects.push({
      key,
      size: size === undefined ? Number.NaN : Number(size),
      modified,
      etag: field(element, 'ETag')
    })
  }
  // Every Contents element must have been read as one: `<s3:Contents>` is not.
  if (countOf(xml, 'Contents>') !== 2 * objects.length) throw new NotPlain()
  const outside = xml.replace(CONTENTS, '')
  const truncated = field(outside, 'IsTruncated')
  if (truncated !== undefined && truncated !== 'true' && truncated !== 'false') throw new NotPlain()
  return { objects, truncated: truncated === 'true', nextMarker: field(outside, 'NextMarker') }
}

/** The decoded text of the one `<name>…</name>` in `xml`; undefined when there is none. */
function field(xml: string, name: string): string | undefined {
  const open = `<${name}>`
  const start = xml.indexOf(open)
  if (start < 0) return undefined
  const end = xml.indexOf(`</${name}>`, start)
  if (end < 0 || xml.includes(open, end)) throw new NotPlain()
  const text = decodeXmlText(xml.slice(start + open.length, end))
  if (text === undefined) throw new NotPlain()
  return text
}

function countOf(text: string, part: string): number {
  let count = 0
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++
  return count
}
