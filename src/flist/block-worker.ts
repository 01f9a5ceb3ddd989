// Worker thread entry: encodes file segments with one hasher and one read buffer for its lifetime,
// and stores the blobs itself when the stores are local directories.
import { parentPort, workerData } from 'node:worker_threads'
import { isUserError } from '../errors.js'
import { BLOCK_SIZE, HASH_LENGTH, createBlake2b256, toHex, type Blake2b256 } from './codec.js'
import type { EncodeTask, EncodedChunkEntry, WorkerMessage, WorkerSetup } from './block-protocol.js'
import { LocalBlobStores } from './local-blobs.js'
import { encodeSegment } from './segment.js'

const port = parentPort
if (!port) throw new Error('block-worker must run as a worker thread')

const setup = (workerData ?? {}) as WorkerSetup
const localStores = setup.localStores && new LocalBlobStores(setup.localStores)
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
      const transfer: ArrayBuffer[] = [ids.buffer, keys.buffer]
      segments.forEach((segment, position) => {
        encodeSegment(segment, hash, buffer, (index, block, plainLength) => {
          ids.set(block.id, chunks.length * HASH_LENGTH)
          keys.set(block.key, chunks.length * HASH_LENGTH)
          if (localStores) {
            const written = localStores.store(toHex(block.id), block.blob)
            chunks.push({ segment: position, index, plainLength, written })
          } else {
            chunks.push({ segment: position, index, plainLength, blob: block.blob })
            transfer.push(block.blob.buffer as ArrayBuffer)
          }
        })
      })
      post({ type: 'done', task, chunks, ids, keys }, transfer)
    } catch (error) {
      post({
        type: 'error',
        task,
        message: error instanceof Error ? error.message : String(error),
        userFacing: isUserError(error)
      })
    }
  })
  post({ type: 'ready' })
}

// No top-level await: the bundler's output for this entry must not depend on it.
void createBlake2b256().then(serve)
