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

/** V8's tiering budget from Node 22 on. */
const DEFAULT_TIERING_BUDGET = 13_000_000

/**
 * Instantiates a WebAssembly module that stays on V8's baseline compiler. A pack runs SQLite's
 * interpreter for some 8,000 rows, enough for V8 to recompile its largest functions with its
 * optimising compiler: 100 ms of CPU taken from the block workers, for a few milliseconds saved
 * on the inserts. The budget is read when an instance is made, so only this one is affected;
 * later ones get the default of Node 22 and after (Node 20 starts lower, at 1,800,000: there
 * they tier up a few milliseconds of work later).
 */
export async function instantiateUnoptimised<T>(instantiate: () => Promise<T>): Promise<T> {
  setFlagsFromString('--wasm-tiering-budget=2000000000')
  try {
    return await instantiate()
  } finally {
    setFlagsFromString(`--wasm-tiering-budget=${DEFAULT_TIERING_BUDGET}`)
  }
}
