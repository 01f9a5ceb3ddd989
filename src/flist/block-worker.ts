// Worker thread entry: encodes file segments with one hasher and one read buffer for its lifetime.
import { parentPort } from 'node:worker_threads'
import { BLOCK_SIZE, createBlake2b256, type Blake2b256 } from './codec.js'
import type { SegmentTask, WorkerMessage } from './block-protocol.js'
import { encodeSegment } from './segment.js'

const port = parentPort
if (!port) throw new Error('block-worker must run as a worker thread')

const buffer = new Uint8Array(BLOCK_SIZE)
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer)

function serve(hash: Blake2b256): void {
  port!.on('message', (task: SegmentTask) => {
    try {
      encodeSegment(task, hash, buffer, (index, block, plainLength) => {
        const { id, key, blob } = block
        post({ type: 'block', task: task.task, index, id, key, blob, plainLength }, [
          blob.buffer as ArrayBuffer
        ])
      })
      post({ type: 'done', task: task.task })
    } catch (error) {
      post({
        type: 'error',
        task: task.task,
        message: error instanceof Error ? error.message : String(error)
      })
    }
  })
  post({ type: 'ready' })
}

// No top-level await: the bundler's output for this entry must not depend on it.
void createBlake2b256().then(serve)
