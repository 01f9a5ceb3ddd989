import snappy from './snappy-loader.cjs'

/** Snappy raw (block) format, as rfs's `snap::raw` writes it; not the framed stream format. */
export function snappyCompress(plain: Uint8Array): Uint8Array {
  return snappy.compress_raw(plain)
}

export function snappyDecompress(compressed: Uint8Array): Uint8Array {
  return snappy.decompress_raw(compressed)
}
