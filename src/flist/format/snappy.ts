import snappy from './snappy-loader.cjs'

// Snappy raw (block) format, as rfs's `snap::raw` writes it; not the framed stream format.

/** The module's own WebAssembly exports, as its JavaScript glue calls them. */
interface SnappyExports {
  memory: { buffer: ArrayBuffer }
  __wbindgen_add_to_stack_pointer(delta: number): number
  __wbindgen_malloc(size: number): number
  __wbindgen_free(pointer: number, size: number): void
  compress_raw(result: number, input: number, length: number): void
}

const wasm = (snappy as unknown as { __wasm: SnappyExports }).__wasm

/**
 * Compresses `plain` and lends the compressed bytes to `use` where they lie, in the module's
 * WebAssembly memory; the view is valid only during the call. The module's `compress_raw` copies
 * them into a new buffer per chunk, and a block worker that makes a buffer per chunk holds a
 * thread's whole allowance of dead ones between two of its garbage collections
 * (docs/performance.md).
 * The calls are the ones its glue makes for `compress_raw`.
 */
export function withSnappyCompressed<T>(plain: Uint8Array, use: (compressed: Uint8Array) => T): T {
  const result = wasm.__wbindgen_add_to_stack_pointer(-16)
  try {
    const input = wasm.__wbindgen_malloc(plain.length)
    new Uint8Array(wasm.memory.buffer).set(plain, input)
    wasm.compress_raw(result, input, plain.length)
    const [pointer, length, , failed] = new Int32Array(wasm.memory.buffer, result, 4)
    // The module's own call throws the module's own error.
    if (failed) return use(snappy.compress_raw(plain))
    try {
      const compressed = new Uint8Array(wasm.memory.buffer, pointer, length)
      const result = use(compressed)
      // Had the module's memory grown meanwhile, the view would read as empty, not fail.
      if (compressed.length !== length) throw new Error('snappy output was read after it moved')
      return result
    } finally {
      wasm.__wbindgen_free(pointer, length)
    }
  } finally {
    wasm.__wbindgen_add_to_stack_pointer(16)
  }
}

export function snappyDecompress(compressed: Uint8Array): Uint8Array {
  return snappy.decompress_raw(compressed)
}
