import type { createBLAKE2b } from 'hash-wasm'

declare const blake2b: { createBLAKE2b: typeof createBLAKE2b }
export = blake2b
