// Worker thread entry: encodes file segments with one hasher and one read buffer for its lifetime.
import { parentPort, workerData } from 'node:worker_threads'
import { isUserError } from '../../common/errors.js'
import { BLOCK_SIZE, createBlake2b256, type Blake2b256 } from '../format/codec.js'
import type { EncodeTask, WorkerMessage, WorkerSetup } from './block-protocol.js'
import { encodeTask } from './encode-task.js'
import { KnownBlocks } from '../pack/known-blocks.js'

const port = parentPort
if (!port) throw new Error('block-worker must run as a worker thread')

const setup = (workerData ?? {}) as WorkerSetup
const buffer = new Uint8Array(BLOCK_SIZE)
const known = setup.known && new KnownBlocks(setup.known)
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer)

function serve(hash: Blake2b256): void {
  const encoder = { hash, buffer, known }
  port!.on('message', ({ task, segments, fresh }: EncodeTask) => {
    try {
      const { transfer, ...done } = encodeTask(segments, encoder, fresh)
      post({ type: 'done', task, ...done }, transfer)
    } catch (error) {
      post({
        type: 'error',
        task,
        message: error instanceof Error ? error.message : String(error),
        userFacing: isUserError(error)
      })
    }
  })
}

// No top-level await: the bundler's output for this entry must not depend on it.
void createBlake2b256().then(serve)
