export const id = 973;
export const ids = [973];
export const modules = {

/***/ 9973:
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
// EXTERNAL MODULE: ./src/store/spec.ts
var spec = __webpack_require__(9086);
// EXTERNAL MODULE: ./src/store/store.ts
var store = __webpack_require__(1644);
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
     * Pages through the keys starting with `prefix`, one request per LISTING_PAGE keys, and stops
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
                MaxKeys: store/* LISTING_PAGE */.b,
                Marker: marker
            }), { abortSignal }));
            const pageKeys = (page.Contents ?? []).flatMap(object => (object.Key ? [object.Key] : []));
            keys.push(...pageKeys);
            if (keys.length > limit)
                return undefined;
            if (!page.IsTruncated)
                return new store/* BlobIdSet */.Z2(keys);
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
    const { connection, bucket } = (0,spec/* parseS3StoreUrl */.U5)(url);
    maskSecret(connection.secretKey);
    return new S3BlobStore(new client/* S3Session */.Jw(connection, options), bucket, (0,spec/* stripPassword */.CK)(url));
}


/***/ })

};
