export const id = 835;
export const ids = [835];
export const modules = {

/***/ 3835:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S3BlobStore: () => (/* binding */ S3BlobStore),
/* harmony export */   openS3Store: () => (/* binding */ openS3Store)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3711);
/* harmony import */ var _s3_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1863);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5943);
/* harmony import */ var _s3_list_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5312);
/* harmony import */ var _store_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1644);
/* harmony import */ var _store_url_s3_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6491);
/* harmony import */ var _store_url_url_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7556);







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
                const response = await this.session.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_6__/* .GetObjectCommand */ .jLs({ Bucket: this.bucket, Key: id }), { abortSignal });
                // Read the body inside the attempt, so a reset mid-body is retried too.
                return Buffer.from(await response.Body.transformToByteArray());
            }
            catch (error) {
                if ((0,_s3_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .httpStatus */ .nG)(error) === 404)
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
        const end = await (0,_s3_list_js__WEBPACK_IMPORTED_MODULE_2__/* .forEachPage */ .oO)(this.session, this.bucket, { prefix, maxKeys: _store_js__WEBPACK_IMPORTED_MODULE_3__/* .LISTING_PAGE */ .b }, page => {
            for (const object of page.objects)
                keys.push([object.key, object.size]);
            return keys.length <= limit;
        });
        return end === 'complete' ? new _store_js__WEBPACK_IMPORTED_MODULE_3__/* .BlobIdSet */ .Z2(keys) : undefined;
    }
    async put(id, blob) {
        await this.session.put(this.bucket, id, blob);
    }
}
/** An rfs `s3://`, `s3s://` or `s3+tls://` store URL as a blob store. */
function openS3Store(url, options = {}) {
    const { connection, bucket } = (0,_store_url_s3_js__WEBPACK_IMPORTED_MODULE_4__/* .parseS3StoreUrl */ .U5)(url);
    return new S3BlobStore(new _s3_client_js__WEBPACK_IMPORTED_MODULE_1__/* .S3Session */ .Jw(connection, options), bucket, (0,_store_url_url_js__WEBPACK_IMPORTED_MODULE_5__/* .stripPassword */ .CK)(url));
}


/***/ })

};
