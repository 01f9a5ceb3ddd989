// A fixed set of encoders: block workers, each fed at most a few tasks at a time so none idles
// while the main thread is busy and none hoards work another could take, and, with directory
// stores, the main thread itself, one task at a time when it is free.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { UserError } from '../../common/errors.js'
import { BLOCK_SIZE, HASH_LENGTH, createBlake2b256 } from '../format/codec.js'
import type { EncodeTask, EncodedChunkEntry, WorkerMessage, WorkerSetup } from './block-protocol.js'
import { encodeTask, type Encoder } from './encode-task.js'
import { KnownBlocks } from '../pack/known-blocks.js'
import { LocalBlobStores, type LocalStoreRoute } from '../pack/local-blobs.js'
import type { Segment } from '../pack/segment.js'

const TASKS_PER_WORKER = 4

export interface EncodedChunk {
  /** Position of its segment in the task. */
  segment: number
  /** Chunk number within the file. */
  index: number
  id: Uint8Array
  key: Uint8Array
  plainLength: number
  /** Bytes of the blob: what a store must hold under its id. */
  blobLength: number
  /** The blob, for the caller to store; absent when the worker stored it. */
  blob?: Uint8Array
  /** When the worker stored the blob: whether it wrote it (false: the stores held it). */
  written?: boolean
  /** Its id came from the known blocks; no blob was made (see EncodedChunkEntry). */
  reused?: boolean
}

interface PendingTask {
  resolve: (chunks: EncodedChunk[]) => void
  reject: (error: Error) => void
}

interface PoolWorker {
  worker: Worker
  tasks: Map<number, PendingTask>
}

export class BlockWorkerPool {
  private nextTask = 1
  private readonly waiting: Array<() => void> = []
  private failure: Error | undefined
  /** Set once close() is called. */
  private closing: Promise<void> | undefined

  private here: InlineEncoder | undefined

  private constructor(private readonly workers: PoolWorker[]) {
    for (const entry of workers) this.watch(entry)
  }

  /**
   * Starts encoders for `size` threads (default: one per core). With directory stores this
   * thread is one of them, between its other work: it has no uploads to keep moving, and a worker
   * fewer is one fewer to start and to compile the codec for. Tasks can be given at once: a
   * worker takes those sent while it starts once it is ready.
   */
  static async start(
    size = availableParallelism(),
    setup: WorkerSetup = {}
  ): Promise<BlockWorkerPool> {
    const entry = locateWorker()
    const storesHere = size > 1 ? setup.localStores : undefined
    const workers = Array.from(
      { length: storesHere ? size - 1 : Math.max(1, size) },
      () => new Worker(entry, { workerData: setup })
    )
    const pool = new BlockWorkerPool(workers.map(worker => ({ worker, tasks: new Map() })))
    if (storesHere) {
      try {
        pool.here = await InlineEncoder.create(storesHere, setup.known)
      } catch (error) {
        await pool.close()
        throw error
      }
    }
    return pool
  }

  /** Threads that encode, this one included when it does. */
  get size(): number {
    return this.workers.length + (this.here ? 1 : 0)
  }

  /**
   * Encodes the segments on the least busy encoder; their chunks in order, once all are done.
   * `fresh`: known blocks are encoded too.
   */
  async encode(segments: Segment[], fresh = false): Promise<EncodedChunk[]> {
    // An encoder is taken in the same turn it is found free, or concurrent calls would all see
    // the same one free.
    let entry = this.freeEncoder()
    while (!entry) {
      await new Promise<void>(resolve => this.waiting.push(resolve))
      entry = this.freeEncoder()
    }
    if (entry instanceof InlineEncoder) return this.encodeHere(entry, segments, fresh)
    const task = this.nextTask++
    const message: EncodeTask = { type: 'encode', task, segments, fresh }
    return new Promise<EncodedChunk[]>((resolve, reject) => {
      entry.tasks.set(task, { resolve, reject })
      entry.worker.postMessage(message)
    })
  }

  /** Stops the workers; every call waits until they have exited. */
  close(): Promise<void> {
    this.closing ??= this.stop()
    return this.closing
  }

  private async stop(): Promise<void> {
    this.fail(new Error('the block workers were stopped'))
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()))
  }

  /** The least busy worker with room for a task, else this thread when it is free. */
  private freeEncoder(): PoolWorker | InlineEncoder | undefined {
    if (this.failure) throw this.failure
    const entry = this.workers.reduce((best, candidate) =>
      candidate.tasks.size < best.tasks.size ? candidate : best
    )
    if (entry.tasks.size < TASKS_PER_WORKER) return entry
    if (this.here && !this.here.busy) return this.here
    return undefined
  }

  private async encodeHere(
    here: InlineEncoder,
    segments: Segment[],
    fresh: boolean
  ): Promise<EncodedChunk[]> {
    here.busy = true
    try {
      // Replies from the workers, and whatever else waits for this thread, go first.
      await nextTurn()
      if (this.failure) throw this.failure
      return here.encode(segments, fresh)
    } finally {
      here.busy = false
      this.waiting.shift()?.()
    }
  }

  private watch(entry: PoolWorker): void {
    entry.worker.on('message', (message: WorkerMessage) => {
      const pending = entry.tasks.get(message.task)
      if (!pending) return
      entry.tasks.delete(message.task)
      if (message.type === 'done') {
        pending.resolve(withIdsAndKeys(message.chunks, message.ids, message.keys))
      } else {
        pending.reject(
          message.userFacing ? new UserError(message.message) : new Error(message.message)
        )
      }
      this.waiting.shift()?.()
    })
    entry.worker.on('error', error => this.fail(error))
    entry.worker.on('exit', code => {
      if (!this.closing) this.fail(new Error(`a block worker exited unexpectedly (code ${code})`))
    })
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const { tasks } of this.workers) {
      for (const pending of tasks.values()) pending.reject(this.failure)
      tasks.clear()
    }
    for (const wake of this.waiting.splice(0)) wake()
  }
}

/** This thread as one more encoder, one task at a time. */
class InlineEncoder {
  busy = false

  private constructor(private readonly encoder: Encoder) {}

  static async create(routes: LocalStoreRoute[], known?: Uint8Array): Promise<InlineEncoder> {
    return new InlineEncoder({
      hash: await createBlake2b256(),
      buffer: new Uint8Array(BLOCK_SIZE),
      localStores: new LocalBlobStores(routes),
      known: known && new KnownBlocks(known)
    })
  }

  encode(segments: Segment[], fresh: boolean): EncodedChunk[] {
    const { chunks, ids, keys } = encodeTask(segments, this.encoder, fresh)
    return withIdsAndKeys(chunks, ids, keys)
  }
}

function withIdsAndKeys(
  chunks: EncodedChunkEntry[],
  ids: Uint8Array,
  keys: Uint8Array
): EncodedChunk[] {
  return chunks.map((chunk, position) => {
    const at = position * HASH_LENGTH
    return {
      ...chunk,
      id: ids.subarray(at, at + HASH_LENGTH),
      key: keys.subarray(at, at + HASH_LENGTH)
    }
  })
}

/**
 * Names the worker's module when no bundle is beside this file: runs from the TypeScript sources
 * (the tests, the benchmark) point it at scripts/block-worker-from-source.mjs, which loads the
 * worker's source through a TypeScript loader (a worker does not inherit the loader of the thread
 * that starts it).
 */
export const BLOCK_WORKER_VARIABLE = 'RFS_FLIST_BLOCK_WORKER'

/**
 * The worker's file: beside a bundle (dist/block-worker/index.js, reached from dist/index.js or
 * one level up from dist/rfs-cli/index.js), else the module BLOCK_WORKER_VARIABLE names.
 */
function locateWorker(): string {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const file of [
    join(here, 'block-worker', 'index.js'),
    join(here, '..', 'block-worker', 'index.js'),
    join(here, 'block-worker.js')
  ]) {
    if (existsSync(file)) return file
  }
  const named = process.env[BLOCK_WORKER_VARIABLE]
  if (named) return named
  throw new Error(
    `the block worker was not found near ${here}; running from the sources, set ${BLOCK_WORKER_VARIABLE} to scripts/block-worker-from-source.mjs`
  )
}
