// The block worker on a real thread, spoken to in its own messages (block-protocol.ts), without
// the pool in between.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import {
  BLOCK_SIZE,
  createBlake2b256,
  decodeBlock,
  encodeBlock,
  joinBlob,
  type Blake2b256
} from '../../../src/flist/format/codec.js'
import type {
  EncodeTask,
  TaskDoneMessage,
  WorkerMessage,
  WorkerSetup
} from '../../../src/flist/pool/block-protocol.js'
import type { Segment } from '../../../src/flist/pack/segment.js'
import { pseudoRandomBytes, tempDir } from '../../helpers/tree.js'

/** Starts the worker the way the pool does, and sends it tasks one at a time. */
function startWorker(setup: WorkerSetup = {}) {
  const worker = new Worker(process.env.RFS_FLIST_BLOCK_WORKER!, { workerData: setup })
  const send = (task: EncodeTask): Promise<WorkerMessage> =>
    new Promise(resolve => {
      worker.once('message', resolve)
      worker.postMessage(task)
    })
  return { worker, send }
}

describe('the block worker', () => {
  const work = tempDir('block-worker')
  const contents = pseudoRandomBytes(BLOCK_SIZE + 300, 7)
  const path = join(work, 'two-chunks')
  const segment: Segment = { path, first: 0, count: 2, size: contents.length }
  const workers: Worker[] = []
  let hash: Blake2b256

  beforeAll(async () => {
    writeFileSync(path, contents)
    hash = await createBlake2b256()
  })
  afterAll(() => Promise.all(workers.map(worker => worker.terminate())))

  const started = (setup?: WorkerSetup) => {
    const running = startWorker(setup)
    workers.push(running.worker)
    return running.send
  }
  const plain = (index: number) => contents.subarray(index * BLOCK_SIZE, (index + 1) * BLOCK_SIZE)

  test("answers a task under its number with each chunk's id, key and a blob that decodes", async () => {
    const send = started()
    const done = (await send({ type: 'encode', task: 41, segments: [segment] })) as TaskDoneMessage
    expect(done.type).toBe('done')
    expect(done.task).toBe(41)
    expect(done.chunks.map(({ index, plainLength }) => [index, plainLength])).toEqual([
      [0, BLOCK_SIZE],
      [1, 300]
    ])
    done.chunks.forEach((chunk, n) => {
      const id = done.ids.subarray(n * 32, (n + 1) * 32)
      const key = done.keys.subarray(n * 32, (n + 1) * 32)
      const blob = joinBlob(chunk.ciphertext!, done.tags.subarray(n * 16, (n + 1) * 16))
      expect(chunk.blobLength).toBe(blob.byteLength)
      expect(Buffer.from(decodeBlock(blob, id, key, hash)).equals(plain(n))).toBe(true)
    })
  })

  test('takes the ids of known blocks from its setup, unless the task asks for fresh blobs', async () => {
    const first = encodeBlock(plain(0), hash)
    const send = started({ known: Buffer.concat([first.key, first.id]) })
    const reused = (await send({ type: 'encode', task: 1, segments: [segment] })) as TaskDoneMessage
    const second = encodeBlock(plain(1), hash)
    expect(reused.chunks.map(chunk => [chunk.blobLength, chunk.ciphertext === undefined])).toEqual([
      [0, true],
      [second.blob.byteLength, false]
    ])
    expect(Buffer.from(reused.ids.subarray(0, 32)).equals(Buffer.from(first.id))).toBe(true)
    const fresh = (await send({
      type: 'encode',
      task: 2,
      segments: [segment],
      fresh: true
    })) as TaskDoneMessage
    expect(fresh.chunks[0].blobLength).toBe(first.blob.byteLength)
    expect(fresh.chunks[0].ciphertext).toBeDefined()
  })

  test('reports a failed task as one line, telling a user error from a bug, and serves on', async () => {
    const send = started()
    const shrunk = { ...segment, size: contents.length + 10 }
    expect(await send({ type: 'encode', task: 5, segments: [shrunk] })).toEqual({
      type: 'error',
      task: 5,
      message: `${path} got shorter while it was being packed: pack a tree nothing writes to meanwhile`,
      userFacing: true
    })
    const broken = { type: 'encode', task: 6, segments: null } as unknown as EncodeTask
    expect(await send(broken)).toMatchObject({ type: 'error', task: 6, userFacing: false })
    const after = await send({ type: 'encode', task: 7, segments: [segment] })
    expect(after).toMatchObject({ type: 'done', task: 7 })
  })
})
