// The CommonJS build of snappy-wasm instantiates its WebAssembly synchronously at load, from a file
// beside it that the bundler relocates; the ES build would need an asynchronous init and a path.
import { createRequire } from 'node:module'

interface SnappyRaw {
  compress_raw(input: Uint8Array): Uint8Array
  decompress_raw(input: Uint8Array): Uint8Array
}

const require = createRequire(import.meta.url)
const snappy = require('snappy-wasm') as SnappyRaw

/** Snappy raw (block) format, as rfs's `snap::raw` writes it; not the framed stream format. */
export function snappyCompress(plain: Uint8Array): Uint8Array {
  return snappy.compress_raw(plain)
}

export function snappyDecompress(compressed: Uint8Array): Uint8Array {
  return snappy.decompress_raw(compressed)
}
