// A fixed set of block workers, each fed at most a few tasks at a time so none idles while the
// main thread is busy and none hoards work another could take. All encoding runs on them: the main
// thread stays free for the store requests and the metadata.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { UserError } from '../../common/errors.js'
import { HASH_LENGTH, TAG_LENGTH, joinBlob } from '../format/codec.js'
import type { EncodeTask, TaskDoneMessage, WorkerMessage, WorkerSetup } from './block-protocol.js'
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
  /** The blob, for the caller to store; absent when its id came from the known blocks. */
  blob?: Uint8Array
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

  private constructor(private readonly workers: PoolWorker[]) {
    for (const entry of workers) this.watch(entry)
  }

  /**
   * Starts `size` workers (default: one per core). Tasks can be given at once: a worker takes
   * those sent while it starts once it is ready.
   */
  static start(size = availableParallelism(), setup: WorkerSetup = {}): BlockWorkerPool {
    const entry = locateWorker()
    const workers = Array.from(
      { length: Math.max(1, size) },
      () => new Worker(entry, { workerData: setup })
    )
    return new BlockWorkerPool(workers.map(worker => ({ worker, tasks: new Map() })))
  }

  get size(): number {
    return this.workers.length
  }

  /**
   * Encodes the segments on the least busy worker; their chunks in order, once all are done.
   * `fresh`: known blocks are encoded too.
   */
  async encode(segments: Segment[], fresh = false): Promise<EncodedChunk[]> {
    // A worker is taken in the same turn it is found free, or concurrent calls would all see the
    // same one free.
    let entry = this.freeWorker()
    while (!entry) {
      await new Promise<void>(resolve => this.waiting.push(resolve))
      entry = this.freeWorker()
    }
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

  /** The least busy worker with room for a task. */
  private freeWorker(): PoolWorker | undefined {
    if (this.failure) throw this.failure
    const entry = this.workers.reduce((best, candidate) =>
      candidate.tasks.size < best.tasks.size ? candidate : best
    )
    return entry.tasks.size < TASKS_PER_WORKER ? entry : undefined
  }

  private watch(entry: PoolWorker): void {
    entry.worker.on('message', (message: WorkerMessage) => {
      const pending = entry.tasks.get(message.task)
      if (!pending) return
      entry.tasks.delete(message.task)
      if (message.type === 'done') {
        pending.resolve(encodedChunks(message))
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

/**
 * The chunks of a finished task, each blob joined here from its ciphertext and tag. Joining on
 * this thread keeps the workers from making garbage per chunk: a thread collects its dead buffers
 * only once they add up to a fixed allowance, so each thread that makes them holds that much, and
 * one thread holding them costs less memory than three (docs/performance.md).
 */
function encodedChunks({ chunks, ids, keys, tags }: TaskDoneMessage): EncodedChunk[] {
  return chunks.map(({ ciphertext, ...chunk }, position) => {
    const at = position * HASH_LENGTH
    const tagAt = position * TAG_LENGTH
    return {
      ...chunk,
      id: ids.subarray(at, at + HASH_LENGTH),
      key: keys.subarray(at, at + HASH_LENGTH),
      blob: ciphertext && joinBlob(ciphertext, tags.subarray(tagAt, tagAt + TAG_LENGTH))
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
