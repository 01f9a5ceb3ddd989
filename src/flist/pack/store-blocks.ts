// The blocks of a pack: each task encoded on a worker, each blob put into the stores that lack it,
// with the plain bytes in flight bounded whatever the tree. Block rows are handed over as tasks
// finish.
import { UserError } from '../../common/errors.js'
import { Semaphore } from '../../common/semaphore.js'
import type { StoreRouter } from '../../store/router.js'
import { BLOCK_SIZE, toHex } from '../format/codec.js'
import type { BlockRows } from '../format/block-rows.js'
import type { BlockWorkerPool, EncodedChunk } from '../pool/worker-pool.js'
import type { StoreContents } from '../blobs/contents.js'
import { ProgressReporter, megabytes, type PackProgressState } from './progress.js'
import { BlobTally } from './tally.js'
import { TASK_BYTES, type Task } from './tasks.js'
import { BlockUploader } from './upload.js'
import type { TreeItem } from './walk.js'

/** Store requests in flight at once, by default: for all packs of a run together. */
export const UPLOAD_CONCURRENCY = 32

export interface BlockOptions {
  stores: StoreRouter
  signal?: AbortSignal
  log: (line: string) => void
  /** Shown in progress lines. */
  label?: string
  /** Store requests in flight at once. */
  uploadConcurrency?: number
  /** Permits for store requests shared with packs running beside this one, instead. */
  uploadRequests?: Semaphore
  /** Encoded blocks held in memory, waiting for their stores: bounds memory whatever the tree. */
  maxPendingBlocks?: number
  progressIntervalMs?: number
  /**
   * Filled with the encoded length of every blob the flist references, by hex id: the size a
   * store must hold for the blob to count as present, for the checks after the pack.
   */
  encodedLengths?: Map<string, number>
  /**
   * Filled with what the stores were found to hold and what was put into them, for the exists
   * check after the pack (shared by the packs of one run).
   */
  storeContents?: StoreContents
}

export interface StoredBlocks {
  total: number
  uploaded: number
  present: number
  /** Chunks compressed and encrypted: not taken from the known blocks. */
  encoded: number
}

export async function storeBlocks(
  files: TreeItem[],
  tasks: Task[],
  blockRows: BlockRows,
  pool: BlockWorkerPool,
  options: BlockOptions
): Promise<StoredBlocks> {
  const state: PackProgressState = {
    files: files.length,
    filesDone: 0,
    bytes: files.reduce((sum, file) => sum + file.stats.size, 0),
    bytesDone: 0,
    blocksUploaded: 0,
    blocksSkipped: 0
  }
  const progress = new ProgressReporter(options.label ?? 'pack', state, options.log)
  const chunksLeft = new Map<number, number>()
  let expectedBlocks = 0
  for (const file of files) {
    const chunks = Math.ceil(file.stats.size / BLOCK_SIZE)
    chunksLeft.set(file.ino, chunks)
    expectedBlocks += chunks
    if (chunks === 0) state.filesDone++
  }

  const tally = new BlobTally()
  let encodedCount = 0
  const uploader = new BlockUploader(options.stores, {
    concurrency: options.uploadConcurrency ?? UPLOAD_CONCURRENCY,
    requests: options.uploadRequests,
    expectedBlocks,
    tally,
    contents: options.storeContents
  })
  // Plain bytes of the blocks being encoded or waiting for their stores: bounds memory.
  const pendingBytes = Math.max((options.maxPendingBlocks ?? 64) * BLOCK_SIZE, TASK_BYTES)
  const pending = new Semaphore(pendingBytes)
  /** Plain bytes of the blobs held until the listings that answer for them come, and the most. */
  let heldForListings = 0
  const holdableBytes = (pendingBytes - TASK_BYTES) / 2
  const work: Array<Promise<unknown>> = []
  let failure: { error: unknown } | undefined
  const fail = (error: unknown): void => {
    if (failure) return
    failure = { error }
    pending.fail(error)
    uploader.stop(error)
    void pool.close()
  }
  const onAbort = (): void => fail(options.signal?.reason)
  options.signal?.addEventListener('abort', onAbort, { once: true })
  const aborted = new Promise<never>((_, reject) => {
    if (options.signal?.aborted) reject(options.signal.reason)
    options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true })
  })
  aborted.catch(() => undefined)

  const counted = (file: TreeItem): void => {
    state.blocksUploaded = tally.counts.uploaded
    state.blocksSkipped = tally.counts.present + tally.counts.repeated
    const left = chunksLeft.get(file.ino)! - 1
    chunksLeft.set(file.ino, left)
    if (left === 0) state.filesDone++
  }
  const stored = (file: TreeItem, plainLength: number): void => {
    pending.release(plainLength)
    counted(file)
  }

  /** Encodes one chunk again, for a blob the stores turned out to lack, and stores it. */
  const encodeAgain = async (file: TreeItem, index: number, id: string): Promise<number> => {
    const { path, stats } = file
    const [again] = await pool.encode([{ path, first: index, count: 1, size: stats.size }], true)
    encodedCount++
    if (toHex(again.id) !== id) {
      throw new UserError(
        `${path.toString()} changed while it was being packed: pack a tree nothing writes to`
      )
    }
    await uploader.store(id, sentBlob(again, id))
    return again.blobLength
  }

  /**
   * For a block whose blob was let go while the stores' listings came: encoded again if needed.
   * It takes the chunk's figures, not the chunk: the blob must not stay reachable meanwhile.
   */
  const storeOnceListed = async (
    file: TreeItem,
    { index, plainLength, blobLength }: Omit<EncodedChunk, 'blob'>,
    id: string
  ): Promise<void> => {
    if (!(await uploader.listedEverywhere(id, blobLength))) {
      await pending.acquire(plainLength)
      await encodeAgain(file, index, id)
      pending.release(plainLength)
    }
    counted(file)
  }

  /**
   * For a chunk whose id was known: its blob is looked for in the stores, and encoded and stored
   * after all when they lack it.
   */
  const confirmKnown = async (file: TreeItem, chunk: EncodedChunk, id: string): Promise<void> => {
    const held = await uploader.heldSize(id)
    if (held !== undefined) {
      options.encodedLengths?.set(id, held)
      counted(file)
      return
    }
    await pending.acquire(chunk.plainLength)
    // Encoded before it is recorded: an optional call would skip its argument.
    const blobLength = await encodeAgain(file, chunk.index, id)
    options.encodedLengths?.set(id, blobLength)
    stored(file, chunk.plainLength)
  }

  /** Counts an encoded chunk and sends its blob on: uploaded, or let go until the listings come. */
  const place = (file: TreeItem, chunk: EncodedChunk): void => {
    state.bytesDone += chunk.plainLength
    const id = toHex(chunk.id)
    if (!chunk.blob) {
      pending.release(chunk.plainLength)
      work.push(confirmKnown(file, chunk, id).catch(fail))
      return
    }
    encodedCount++
    options.encodedLengths?.set(id, chunk.blobLength)
    const { plainLength } = chunk
    const awaitsListing = uploader.awaitsListing(id)
    if (awaitsListing && heldForListings + plainLength > holdableBytes) {
      // Holding every blob until the listings come would stall encoding once the memory bound
      // is reached; on an unchanged pack the listings name them all. Up to half of what a task
      // leaves of the bound is held, so a first pack encodes fewer blobs twice.
      pending.release(plainLength)
      const { blob: _letGo, ...figures } = chunk
      work.push(storeOnceListed(file, figures, id).catch(fail))
      return
    }
    const held = awaitsListing ? plainLength : 0
    heldForListings += held
    const upload = uploader.store(id, chunk.blob)
    work.push(
      upload
        .then(() => {
          heldForListings -= held
          stored(file, plainLength)
        })
        .catch(fail)
    )
  }

  progress.start(options.progressIntervalMs ?? 5000)
  try {
    const run = async (): Promise<void> => {
      for (const [index, task] of tasks.entries()) {
        await pending.acquire(task.bytes)
        const encoded = pool.encode(task.segments).then(chunks => {
          for (const chunk of chunks) place(task.files[chunk.segment], chunk)
          blockRows.add(
            index,
            chunks.map(({ segment, id, key }) => ({ ino: task.files[segment].ino, id, key }))
          )
        })
        work.push(encoded.catch(fail))
      }
      // Encoding pushes upload promises while it runs: wait until the list stops growing.
      for (let settled = 0; settled < work.length;) {
        const end = work.length
        await Promise.all(work.slice(settled, end))
        settled = end
      }
    }
    await Promise.race([run().catch(fail), aborted])
    if (failure) throw failure.error
  } finally {
    progress.stop()
    options.signal?.removeEventListener('abort', onAbort)
    // The workers wind down while the metadata is written; packTree waits for them at its end.
    void pool.close()
  }
  const { uploaded, present, repeated } = tally.counts
  options.log(
    `${options.label ?? 'pack'}: ${files.length} files, ${megabytes(state.bytes)} MB in ${progress.elapsedSeconds().toFixed(1)} s ` +
      `(${progress.rate()} MB/s); ${uploaded + present + repeated} blocks: ${uploaded} uploaded, ${present} already in the store, ${repeated} repeated; ${encodedCount} encoded`
  )
  return { total: uploaded + present + repeated, uploaded, present, encoded: encodedCount }
}

/** The blob a worker sent back for this thread to store. */
function sentBlob(chunk: EncodedChunk, id: string): Uint8Array {
  if (!chunk.blob) throw new Error(`a block worker kept blob ${id} it was to send back`)
  return chunk.blob
}
