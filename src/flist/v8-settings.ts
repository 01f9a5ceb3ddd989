// Two V8 settings packing depends on, set at run time because a `node24` action cannot pass
// Node flags: V8 reads both when it needs them, not only at startup. Each was measured with
// npm run bench on two cores, under Node 20 and 24.
import { setFlagsFromString } from 'node:v8'

let youngGenerationCapped = false

/**
 * V8 grows a thread's young generation while much of what it allocates outlives a scavenge, as
 * the S3 client's request objects do with dozens of uploads in flight. Under Node 24 the main
 * thread's reached 128 MB in a firmware pack, a quarter of its peak RSS (460 MB). Without growth
 * it stays at its first few megabytes: 340 MB, in no more time. Applies to this thread from its
 * next scavenge and to threads started after.
 */
export function stopYoungGenerationGrowth(): void {
  if (youngGenerationCapped) return
  youngGenerationCapped = true
  setFlagsFromString('--semi-space-growth-factor=1')
}

/** V8's own tiering budget: 1,800,000 up to V8 11 (Node 20), 13,000,000 from V8 12 (Node 22). */
const DEFAULT_TIERING_BUDGET =
  Number.parseInt(process.versions.v8, 10) < 12 ? 1_800_000 : 13_000_000

/**
 * Instantiates a WebAssembly module with a tiering budget large enough that V8 keeps nearly all
 * of it on its baseline compiler. A pack runs SQLite for some 8,000 rows, enough for V8 to
 * recompile dozens of its functions with its optimising compiler by default: 100 ms of CPU taken
 * from the block workers, for a few milliseconds saved on the inserts. Only the interpreter loop
 * still gets there. The budget is read when an instance is made, so only this one is affected.
 */
export async function instantiateUnoptimised<T>(instantiate: () => Promise<T>): Promise<T> {
  setFlagsFromString('--wasm-tiering-budget=2000000000')
  try {
    return await instantiate()
  } finally {
    setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_TIERING_BUDGET}`)
  }
}
