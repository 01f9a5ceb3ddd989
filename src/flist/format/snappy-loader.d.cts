/** Snappy raw (block) format, from snappy-wasm's CommonJS build. */
export declare function compress_raw(input: Uint8Array): Uint8Array
export declare function decompress_raw(input: Uint8Array): Uint8Array
