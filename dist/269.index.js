export const id = 269;
export const ids = [269];
export const modules = {

/***/ 1269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3BlobStore: () => (/* binding */ S3BlobStore),
  openS3Store: () => (/* binding */ openS3Store)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./src/s3/errors.ts
var errors = __webpack_require__(1863);
// EXTERNAL MODULE: ./src/s3/client.ts + 2 modules
var client = __webpack_require__(5943);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/s3/xml-text.ts
var xml_text = __webpack_require__(7587);
;// CONCATENATED MODULE: ./src/s3/list.ts
// One page of a bucket listing (ListObjects, version 1). The SDK signs, sends and maps errors as
// for any request; a successful answer is read here for the few fields the callers use, because
// the SDK's general XML deserializer is slow per key and a rerun lists thousands of keys on the
// main thread while its workers hash (docs/performance.md). An answer that is not plainly a
// listing goes to the SDK's deserializer untouched, so odd servers meet the SDK's handling,
// errors included.



/** One page of keys under `prefix`, after `marker`, with retries as every request has. */
function listPage(session, bucket, { prefix, marker, maxKeys }) {
    return session.request(`LIST ${bucket}/${prefix ?? ''}*`, async (abortSignal) => {
        const read = {};
        const command = new dist_cjs/* ListObjectsCommand */.Wc7({
            Bucket: bucket,
            Prefix: prefix || undefined,
            MaxKeys: maxKeys,
            Marker: marker
        });
        command.middlewareStack.add(next => readListingBody(next, read), {
            // Inside the SDK's deserializer: it sees the raw answer first.
            step: 'deserialize',
            priority: 'low',
            name: 'readListingBody'
        });
        const output = await session.client.send(command, { abortSignal });
        return read.page ?? fromSdkOutput(output);
    });
}
/**
 * Reads the pages under `prefix` in turn, each after the last key of the one before (or its
 * NextMarker), until the last, or until `onPage` returns false. ListObjects (version 1) with the
 * last key as marker: every S3 server pages it the same way, where version 2's continuation
 * tokens are opaque and some servers fail to make them.
 */
async function forEachPage(session, bucket, { prefix, maxKeys }, onPage) {
    for (let marker;;) {
        const page = await listPage(session, bucket, { prefix, marker, maxKeys });
        if (!onPage(page))
            return 'stopped';
        if (!page.truncated)
            return 'complete';
        const next = page.nextMarker ?? page.objects.at(-1)?.key;
        if (!next || next === marker)
            return 'stuck';
        marker = next;
    }
}
/** What the SDK's deserializer receives in place of a listing read here: nothing to parse. */
const EMPTY_LISTING = '<ListBucketResult></ListBucketResult>';
function readListingBody(next, read) {
    return async (args) => {
        const answer = await next(args);
        const response = answer.response;
        const status = response?.statusCode ?? 0;
        if (!response || status < 200 || status >= 300 || !(response.body instanceof external_node_stream_.Readable))
            return answer;
        const body = await drain(response.body);
        read.page = parseListing(body.toString('utf8'));
        response.body = external_node_stream_.Readable.from([read.page ? Buffer.from(EMPTY_LISTING) : body]);
        return answer;
    };
}
async function drain(stream) {
    const chunks = [];
    for await (const chunk of stream)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}
function fromSdkOutput(output) {
    const objects = (output.Contents ?? []).flatMap(object => object.Key === undefined
        ? []
        : [
            {
                key: object.Key,
                size: object.Size ?? Number.NaN,
                modified: object.LastModified?.toISOString(),
                etag: object.ETag
            }
        ]);
    return { objects, truncated: output.IsTruncated === true, nextMarker: output.NextMarker };
}
const CONTENTS = /<Contents>([\s\S]*?)<\/Contents>/g;
/** The whole answer is one ListBucketResult, after at most an XML declaration. */
const DOCUMENT = /^(?:<\?xml[^>]*\?>)?\s*<ListBucketResult(?:\s[^>]*)?>([\s\S]*)<\/ListBucketResult>\s*$/;
/**
 * Markup a plain scan would misread: comments, CDATA, declarations and processing instructions,
 * and tags with attributes, spaces or a closing slash.
 */
const UNUSUAL_MARKUP = /<!|<\?|<\/?[^\s<>/]+[\s/][^>]*>/;
/** RFC 3339, as S3 writes LastModified: anything else is left to the SDK. */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/;
/** Thrown where this reader could misread the answer; the SDK then reads it. */
class NotPlain extends Error {
}
/**
 * A ListObjects answer's keys, sizes, dates and ETags, its truncation flag and next marker; or
 * undefined when the body is not a plain listing, which the SDK then reads: anything but one
 * ListBucketResult, unusual markup (see UNUSUAL_MARKUP), namespace prefixes, a Contents without
 * exactly one key, a field given twice, a date or truncation flag not written as S3 writes them,
 * an unknown character reference. A listing read wrong would hide blobs from the pack and
 * objects from gc, so whatever is not plain goes to the reader that knows XML.
 */
function parseListing(xml) {
    try {
        return readPlainListing(xml);
    }
    catch (error) {
        if (error instanceof NotPlain)
            return undefined;
        throw error;
    }
}
function readPlainListing(document) {
    const xml = DOCUMENT.exec(document)?.[1];
    if (xml === undefined || UNUSUAL_MARKUP.test(xml))
        throw new NotPlain();
    const objects = [];
    for (const [, element] of xml.matchAll(CONTENTS)) {
        const key = field(element, 'Key');
        if (key === undefined)
            throw new NotPlain();
        const modified = field(element, 'LastModified');
        if (modified !== undefined && !TIMESTAMP.test(modified))
            throw new NotPlain();
        const size = field(element, 'Size');
        objects.push({
            key,
            size: size === undefined ? Number.NaN : Number(size),
            modified,
            etag: field(element, 'ETag')
        });
    }
    // Every Contents element must have been read as one: `<s3:Contents>` is not.
    if (countOf(xml, 'Contents>') !== 2 * objects.length)
        throw new NotPlain();
    const outside = xml.replace(CONTENTS, '');
    const truncated = field(outside, 'IsTruncated');
    if (truncated !== undefined && truncated !== 'true' && truncated !== 'false')
        throw new NotPlain();
    return { objects, truncated: truncated === 'true', nextMarker: field(outside, 'NextMarker') };
}
/** The decoded text of the one `<name>…</name>` in `xml`; undefined when there is none. */
function field(xml, name) {
    const open = `<${name}>`;
    const start = xml.indexOf(open);
    if (start < 0)
        return undefined;
    const end = xml.indexOf(`</${name}>`, start);
    if (end < 0 || xml.includes(open, end))
        throw new NotPlain();
    const text = (0,xml_text/* decodeXmlText */.p)(xml.slice(start + open.length, end));
    if (text === undefined)
        throw new NotPlain();
    return text;
}
function countOf(text, part) {
    let count = 0;
    for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length))
        count++;
    return count;
}

// EXTERNAL MODULE: ./src/store/store.ts
var store = __webpack_require__(1644);
// EXTERNAL MODULE: ./src/store-url/s3.ts
var s3 = __webpack_require__(6491);
// EXTERNAL MODULE: ./src/store-url/url.ts
var store_url_url = __webpack_require__(7556);
;// CONCATENATED MODULE: ./src/store/s3.ts







/** Blobs as objects named by their hex id at the bucket root, as rfs lays them out. */
class S3BlobStore {
    session;
    bucket;
    display;
    constructor(session, bucket, display) {
        this.session = session;
        this.bucket = bucket;
        this.display = display;
    }
    async storedSize(id) {
        const head = await this.session.head(this.bucket, id);
        return head === undefined ? undefined : (head.ContentLength ?? Number.NaN);
    }
    async get(id) {
        return this.session.request(`GET ${this.bucket}/${id}`, async (abortSignal) => {
            try {
                const response = await this.session.client.send(new dist_cjs/* GetObjectCommand */.jLs({ Bucket: this.bucket, Key: id }), { abortSignal });
                // Read the body inside the attempt, so a reset mid-body is retried too.
                return Buffer.from(await response.Body.transformToByteArray());
            }
            catch (error) {
                if ((0,errors/* httpStatus */.nG)(error) === 404)
                    return undefined;
                throw error;
            }
        });
    }
    /**
     * The keys starting with `prefix`, one request per LISTING_PAGE keys; undefined once more than
     * `limit` have come back (a large shared bucket is never listed whole), or when the server gave
     * a truncated page with no way on: blobs are then asked one by one.
     */
    async listIds(prefix, limit) {
        const keys = [];
        const end = await forEachPage(this.session, this.bucket, { prefix, maxKeys: store/* LISTING_PAGE */.b }, page => {
            for (const object of page.objects)
                keys.push([object.key, object.size]);
            return keys.length <= limit;
        });
        return end === 'complete' ? new store/* BlobIdSet */.Z2(keys) : undefined;
    }
    async put(id, blob) {
        await this.session.put(this.bucket, id, blob);
    }
}
/** An rfs `s3://`, `s3s://` or `s3+tls://` store URL as a blob store. */
function openS3Store(url, options = {}) {
    const { connection, bucket } = (0,s3/* parseS3StoreUrl */.U5)(url);
    return new S3BlobStore(new client/* S3Session */.Jw(connection, options), bucket, (0,store_url_url/* stripPassword */.CK)(url));
}


/***/ })

};
