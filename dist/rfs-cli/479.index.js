export const id = 479;
export const ids = [479];
export const modules = {

/***/ 6479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  LIST_PAGE_KEYS: () => (/* binding */ LIST_PAGE_KEYS),
  S3BlobStore: () => (/* binding */ S3BlobStore),
  openS3Store: () => (/* binding */ openS3Store)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
;// CONCATENATED MODULE: ./src/runner.ts

/** True inside a GitHub (or compatible) runner step, false in a shell run. */
function onRunner() {
    return process.env.GITHUB_ACTIONS === 'true' || process.env.GITHUB_OUTPUT !== undefined;
}
/**
 * Masks a secret in the runner's log. In a shell there is no runner to consume the mask command,
 * and printing it would show the very secret it hides.
 */
function maskSecret(value) {
    if (value && onRunner())
        core/* setSecret */.Pq(value);
}

// EXTERNAL MODULE: ./src/s3/errors.ts
var errors = __webpack_require__(1863);
// EXTERNAL MODULE: ./src/s3/client.ts + 1 modules
var client = __webpack_require__(339);
// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/store/spec.ts

// rfs store specs and URLs, as FLIST-FORMAT.md describes them: `[xx-xx=]url`, where url is
// dir://, s3://, s3s://, s3+tls://, http(s):// or zdb://. Store URLs may hold the S3 secret as
// their password, so no message here ever shows a URL before its password is removed.
const STORE_SCHEMES = (/* unused pure expression or super */ null && (['dir', 's3', 's3s', 's3+tls', 'http', 'https', 'zdb']));
const S3_SCHEMES = ['s3', 's3s', 's3+tls'];
const DEFAULT_REGION = 'us-east-1';
const RANGE = /^([0-9a-fA-F]{2})-([0-9a-fA-F]{2})=/;
const SCHEME_AND_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s;
/** Splits the way URL parsers do: the authority ends at the first / ? #, the userinfo at its last @. */
function splitUrl(url) {
    const match = SCHEME_AND_AUTHORITY.exec(url);
    if (!match)
        return undefined;
    const [, scheme, authority, rest] = match;
    const at = authority.lastIndexOf('@');
    return at < 0
        ? { scheme, host: authority, rest }
        : { scheme, userinfo: authority.slice(0, at), host: authority.slice(at + 1), rest };
}
/**
 * The URL with its password removed and the user kept, as rfs records routes:
 * `s3://ACCESS@HOST:PORT/BUCKET?region=R`. Text that is not such a URL comes back unchanged.
 */
function stripPassword(url) {
    const parts = splitUrl(url);
    if (!parts || parts.userinfo === undefined || !parts.userinfo.includes(':'))
        return url;
    const user = parts.userinfo.slice(0, parts.userinfo.indexOf(':'));
    const authority = user === '' ? parts.host : `${user}@${parts.host}`;
    return `${parts.scheme}://${authority}${parts.rest}`;
}
/** The password of a URL as written (percent-encoded), or undefined. */
function urlPassword(url) {
    const userinfo = splitUrl(url)?.userinfo;
    if (userinfo === undefined || !userinfo.includes(':'))
        return undefined;
    const password = userinfo.slice(userinfo.indexOf(':') + 1);
    return password === '' ? undefined : password;
}
/** `[xx-xx=]url` → a store spec; `source` names where the text came from, for messages. */
function parseStoreSpec(text, source) {
    const spec = text.trim();
    let start = 0;
    let end = 255;
    let url = spec;
    const range = RANGE.exec(spec);
    if (range) {
        start = parseInt(range[1], 16);
        end = parseInt(range[2], 16);
        url = spec.slice(range[0].length);
        if (start > end) {
            throw new UserError(`${source}: range ${range[1]}-${range[2]} starts after it ends: write the lower byte first, e.g. ${range[2]}-${range[1]}`);
        }
    }
    else if (/^[^:/]*=/.test(spec)) {
        const written = spec.slice(0, spec.indexOf('='));
        throw new UserError(`${source}: '${written}' is not a range: write two hex bytes, e.g. 00-7f=url, or the url alone for 00-ff`);
    }
    return { start, end, url: checkStoreUrl(url, source) };
}
/** One spec a line; blank lines are skipped. */
function parseStoreSpecs(text, source) {
    const specs = [];
    text.split('\n').forEach((line, index) => {
        if (line.trim() === '')
            return;
        specs.push(parseStoreSpec(line, `${source}, line ${index + 1}`));
    });
    return specs;
}
/** The spec as rfs takes it on the command line; the range is left out when it is 00-ff. */
function formatStoreSpec(spec) {
    if (spec.start === 0 && spec.end === 255)
        return spec.url;
    const hex = (byte) => byte.toString(16).padStart(2, '0');
    return `${hex(spec.start)}-${hex(spec.end)}=${spec.url}`;
}
/** Checks a store URL and returns it with its scheme in lower case. */
function checkStoreUrl(url, source) {
    const shown = stripPassword(url);
    const parts = splitUrl(url);
    if (!parts) {
        throw new UserError(`${source}: '${shown}' is not a store URL: write scheme://…, with a scheme among ${STORE_SCHEMES.join(', ')}`);
    }
    const scheme = parts.scheme.toLowerCase();
    if (!STORE_SCHEMES.includes(scheme)) {
        throw new UserError(`${source}: unknown store scheme '${parts.scheme}' in '${shown}': use one of ${STORE_SCHEMES.join(', ')}`);
    }
    const normalised = scheme + url.slice(parts.scheme.length);
    if (scheme === 'dir') {
        if (parts.host !== '' || parts.userinfo !== undefined || !/^\/[^?#]/.test(parts.rest)) {
            throw new UserError(`${source}: '${shown}' needs an absolute path after dir://, e.g. dir:///var/cache/blobs`);
        }
    }
    else if (S3_SCHEMES.includes(scheme)) {
        parseS3StoreUrl(normalised, source);
    }
    else {
        checkHostUrl(normalised, parts.host, shown, source);
    }
    return normalised;
}
function checkHostUrl(url, host, shown, source) {
    // Checked on the text: URL parsers skip extra slashes (http:///x has host x for them).
    if (host === '')
        throw new UserError(`${source}: '${shown}' has no host`);
    try {
        new URL(url);
    }
    catch {
        throw new UserError(`${source}: '${shown}' is not a valid URL (check the host and port)`);
    }
}
/**
 * Checks an S3 endpoint as a user writes it (`https://s3.example.com:9000`). `source` names the
 * input or key it came from.
 */
function parseS3Endpoint(endpoint, source) {
    const shown = stripPassword(endpoint);
    if (!/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(endpoint)) {
        throw new UserError(`${source}: '${shown}' has no scheme: write https://${shown.replace(/^\/+/, '')} (or http:// for a plain-HTTP server)`);
    }
    let url;
    try {
        url = new URL(endpoint);
    }
    catch {
        throw new UserError(`${source}: '${shown}' is not a valid URL (check the host, and that the port is a number up to 65535)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new UserError(`${source}: '${shown}' must start with https:// or http://; the rfs store URL is derived from it`);
    }
    if (url.username !== '' || url.password !== '') {
        throw new UserError(`${source}: credentials do not belong in the endpoint: set them as the access key and secret key`);
    }
    if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || /[?#]/.test(endpoint)) {
        throw new UserError(`${source}: '${shown}' has a path or query: give only scheme://host[:port]; the bucket is its own setting`);
    }
    if (url.port === '0') {
        throw new UserError(`${source}: '${shown}' has port 0: give the port the S3 server listens on`);
    }
    const secure = url.protocol === 'https:';
    return {
        origin: `${url.protocol}//${url.host}`,
        secure,
        host: url.hostname,
        port: url.port === '' ? (secure ? 443 : 80) : Number(url.port)
    };
}
/**
 * The rfs store URL of a bucket, exactly as rfs wants it: `s3s://` for https and `s3://` for http,
 * an explicit port, percent-encoded credentials and `?region=`.
 */
function s3StoreUrl(connection, bucket, source = 'S3 endpoint') {
    const endpoint = parseS3Endpoint(connection.endpoint, source);
    const scheme = endpoint.secure ? 's3s' : 's3';
    const credentials = connection.accessKey === '' && connection.secretKey === ''
        ? ''
        : `${encodeURIComponent(connection.accessKey)}:${encodeURIComponent(connection.secretKey)}@`;
    const region = connection.region === '' ? '' : `?region=${encodeURIComponent(connection.region)}`;
    return `${scheme}://${credentials}${endpoint.host}:${endpoint.port}/${bucket}${region}`;
}
/** The inverse of s3StoreUrl: how to reach the server, and the bucket. */
function parseS3StoreUrl(url, source = 'store URL') {
    const shown = stripPassword(url);
    const parts = splitUrl(url);
    const scheme = parts?.scheme.toLowerCase();
    if (!parts || scheme === undefined || !S3_SCHEMES.includes(scheme)) {
        throw new src_errors/* UserError */.yo(`${source}: '${shown}' is not an s3://, s3s:// or s3+tls:// store URL`);
    }
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new src_errors/* UserError */.yo(`${source}: '${shown}' is not a valid URL (check the host, and that the port is a number up to 65535)`);
    }
    if (parsed.hostname === '')
        throw new src_errors/* UserError */.yo(`${source}: '${shown}' has no host`);
    if (parsed.port === '') {
        throw new src_errors/* UserError */.yo(`${source}: '${shown}' has no port, which rfs requires: add it, e.g. ${scheme}://…@${parsed.hostname}:${scheme === 's3' ? 80 : 443}/bucket`);
    }
    const segments = parsed.pathname.split('/').filter(segment => segment !== '');
    if (segments.length !== 1) {
        throw new src_errors/* UserError */.yo(`${source}: '${shown}' must name exactly one bucket as its path (${scheme}://…@host:port/bucket); rfs keeps blobs at the bucket root`);
    }
    const secure = scheme !== 's3';
    const connection = {
        endpoint: `${secure ? 'https' : 'http'}://${parsed.hostname}:${parsed.port}`,
        region: parsed.searchParams.get('region') || DEFAULT_REGION,
        accessKey: decodeCredential(parsed.username, shown, source),
        secretKey: decodeCredential(parsed.password, shown, source)
    };
    return { connection, bucket: segments[0] };
}
function decodeCredential(encoded, shown, source) {
    try {
        return decodeURIComponent(encoded);
    }
    catch {
        throw new src_errors/* UserError */.yo(`${source}: the credentials of '${shown}' have a malformed %-escape: percent-encode them (e.g. / as %2F, % as %25)`);
    }
}

// EXTERNAL MODULE: ./src/store/store.ts
var store = __webpack_require__(1644);
;// CONCATENATED MODULE: ./src/store/s3.ts






/** Keys one ListObjectsV2 page returns at most. */
const LIST_PAGE_KEYS = 1000;
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
    async exists(id) {
        return this.session.request(`HEAD ${this.bucket}/${id}`, async (abortSignal) => {
            try {
                await this.session.client.send(new dist_cjs/* HeadObjectCommand */.l81({ Bucket: this.bucket, Key: id }), {
                    abortSignal
                });
                return true;
            }
            catch (error) {
                if ((0,errors/* httpStatus */.nG)(error) === 404)
                    return false;
                throw error;
            }
        });
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
     * Pages through the keys starting with `prefix`, one request per LIST_PAGE_KEYS keys, and stops
     * (undefined) once more than `limit` have come back: a large shared bucket is never listed whole.
     * ListObjects (version 1) with the last key as marker: every S3 server pages it the same way,
     * where version 2's continuation tokens are opaque and some servers fail to make them.
     */
    async listIds(prefix, limit) {
        const keys = [];
        for (let marker;;) {
            const page = await this.session.request(`LIST ${this.bucket}/${prefix}*`, abortSignal => this.session.client.send(new dist_cjs/* ListObjectsCommand */.Wc7({
                Bucket: this.bucket,
                Prefix: prefix,
                MaxKeys: LIST_PAGE_KEYS,
                Marker: marker
            }), { abortSignal }));
            const pageKeys = (page.Contents ?? []).flatMap(object => (object.Key ? [object.Key] : []));
            keys.push(...pageKeys);
            if (keys.length > limit)
                return undefined;
            if (!page.IsTruncated)
                return new store/* BlobIdSet */.Z(keys);
            const next = page.NextMarker ?? pageKeys.at(-1);
            // A truncated page that gives no way on: the rest is unknown, so blobs are asked one by one.
            if (!next || next === marker)
                return undefined;
            marker = next;
        }
    }
    async put(id, blob) {
        await this.session.request(`PUT ${this.bucket}/${id}`, abortSignal => this.session.client.send(new dist_cjs/* PutObjectCommand */.wKZ({
            Bucket: this.bucket,
            Key: id,
            Body: blob,
            ContentLength: blob.byteLength,
            ContentType: 'application/octet-stream'
        }), { abortSignal }));
    }
}
/** An rfs `s3://`, `s3s://` or `s3+tls://` store URL as a blob store. */
function openS3Store(url, options = {}) {
    const { connection, bucket } = parseS3StoreUrl(url);
    maskSecret(connection.secretKey);
    return new S3BlobStore(new client/* S3Session */.Jw(connection, options), bucket, stripPassword(url));
}


/***/ })

};
