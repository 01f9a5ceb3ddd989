// Worker thread entry: encodes file segments with one hasher and one read buffer for its lifetime.
import { parentPort } from 'node:worker_threads'
import { BLOCK_SIZE, HASH_LENGTH, createBlake2b256, type Blake2b256 } from './codec.js'
import type { EncodeTask, EncodedChunkEntry, WorkerMessage } from './block-protocol.js'
import { encodeSegment } from './segment.js'

const port = parentPort
if (!port) throw new Error('block-worker must run as a worker thread')

const buffer = new Uint8Array(BLOCK_SIZE)
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer)

function serve(hash: Blake2b256): void {
  port!.on('message', ({ task, segments }: EncodeTask) => {
    try {
      const total = segments.reduce((sum, segment) => sum + segment.count, 0)
      const ids = new Uint8Array(total * HASH_LENGTH)
      const keys = new Uint8Array(total * HASH_LENGTH)
      const chunks: EncodedChunkEntry[] = []
      segments.forEach((segment, position) => {
        encodeSegment(segment, hash, buffer, (index, block, plainLength) => {
          ids.set(block.id, chunks.length * HASH_LENGTH)
          keys.set(block.key, chunks.length * HASH_LENGTH)
          chunks.push({ segment: position, index, blob: block.blob, plainLength })
        })
      })
      post({ type: 'done', task, chunks, ids, keys }, [
        ids.buffer,
        keys.buffer,
        ...chunks.map(chunk => chunk.blob.buffer as ArrayBuffer)
      ])
    } catch (error) {
      post({
        type: 'error',
        task,
        message: error instanceof Error ? error.message : String(error)
      })
    }
  })
  post({ type: 'ready' })
}

// No top-level await: the bundler's output for this entry must not depend on it.
void createBlake2b256().then(serve)
