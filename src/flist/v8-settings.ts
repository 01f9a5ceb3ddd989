// V8 settings packing depends on, set at run time because a `node24` action cannot pass Node
// flags: V8 reads them when it needs them, not only at startup. Each was measured with npm run
// bench on two cores, under Node 20 and 24.
import { setFlagsFromString } from 'node:v8'

const V8_MAJOR = Number.parseInt(process.versions.v8, 10)
let applied = false

/** The settings a pack runs with, applied once per process; they last until it exits. */
export function applyPackSettings(): void {
  if (applied) return
  applied = true
  stopYoungGenerationGrowth()
  if (V8_MAJOR < 12) postponeOptimisation()
}

/**
 * V8 grows a thread's young generation while much of what it allocates outlives a scavenge, as
 * the S3 client's request objects do with dozens of uploads in flight. Under Node 24 the main
 * thread's reached 128 MB in a firmware pack, a quarter of its peak RSS (460 MB). Without growth
 * it stays at its first few megabytes: 340 MB, in no more time. Applies to this thread from its
 * next scavenge and to threads started after.
 */
function stopYoungGenerationGrowth(): void {
  setFlagsFromString('--semi-space-growth-factor=1')
}

/**
 * V8 11 (Node 20) has no compiler between its interpreter and TurboFan, so every function that
 * runs hot enough gets TurboFan's full optimisation: in a pack of 4,000 small files, some 90 of
 * them, 150 ms of CPU beside two busy encoders, for code that runs half a second in all. Letting
 * the interpreter run 15 times longer (V8 11's budget is 67,584) before it asks took 40 ms off
 * that pack and 30 ms off a 590 MB one. From V8 12 the flag is gone, and Node 24's
 * Maglev compiles such code cheaply first; raising its thresholds gained nothing there.
 */
function postponeOptimisation(): void {
  setFlagsFromString('--interrupt-budget=1000000')
}

/** The part of the WebAssembly global used here; Node's type definitions leave the global out. */
interface WebAssemblyConstructors {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => object
}
const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyConstructors })
  .WebAssembly

/** Threads started by this process that compile WebAssembly as they run: block workers. */
let wasmThreads = 0

/**
 * Registers threads that compile WebAssembly of their own; call the function it returns once
 * they have exited. Meanwhile compileWithoutTierUp leaves V8's settings alone.
 */
export function holdWasmSettings(threads: number): () => void {
  wasmThreads += threads
  let released = false
  return () => {
    if (released) return
    released = true
    wasmThreads -= threads
  }
}

/** Whether compileWithoutTierUp may change V8's settings now: no other thread compiles. */
export function wasmSettingsFree(): boolean {
  return wasmThreads === 0
}

/**
 * Compiles a WebAssembly module that V8 never recompiles with its optimising compiler, and gives
 * back a function that instantiates it. Every function is compiled at once by the baseline
 * compiler, without the counters that would trigger a recompilation. A pack runs SQLite for
 * some 8,000 rows: by default V8 recompiles its interpreter loop, 100 ms of CPU taken from the
 * block workers to save a few on the inserts, and its counters slow the rest.
 *
 * The settings are the whole process's, and Node 24 reads them again whenever it first compiles
 * any function: a block worker's hash compiled meanwhile would never be optimised (4 packs in 10
 * took three times as long). So while such threads run, the module is compiled as V8 would.
 */
export function compileWithoutTierUp(bytes: Uint8Array): (imports: object) => object {
  if (!wasmSettingsFree()) {
    const module = new Module(bytes)
    return imports => new Instance(module, imports)
  }
  setFlagsFromString('--no-wasm-lazy-compilation --no-wasm-dynamic-tiering --no-wasm-tier-up')
  let module: object
  try {
    module = new Module(bytes)
  } finally {
    setFlagsFromString('--wasm-lazy-compilation --wasm-dynamic-tiering --wasm-tier-up')
  }
  return imports => new Instance(module, imports)
}
