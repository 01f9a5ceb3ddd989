// Packs a tree into an flist: list it, encode its chunks on every core, store the blobs the
// stores lack, and write the metadata as it goes. The .fl is saved only once every blob is stored.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { UserError } from '../../common/errors.js'
import { hexByte, type RouterBlobStore } from '../../store/router.js'
import { BLOCK_SIZE, toHex } from '../format/codec.js'
import { S_IFDIR, S_IFLNK, S_IFMT, S_IFREG } from '../format/modes.js'
import { ProgressReporter, megabytes, type PackProgressState } from './progress.js'
import { inodeRecord, type Owner } from './record.js'
import { Semaphore } from '../../common/semaphore.js'
import { BlobTally } from './tally.js'
import { BlockUploader } from './upload.js'
import { BlockRows } from '../format/block-rows.js'
import { localStoreRoutes } from './local-blobs.js'
import { walkTree, type TreeItem } from './walk.js'
import type { Segment } from './segment.js'
import { BlockWorkerPool, type EncodedChunk } from '../pool/worker-pool.js'
import { FlistWriter } from '../format/writer.js'
import { loadSqlite } from '../format/sqlite.js'
import type { StoreSpec } from '../../store/spec.js'
import type { FlistCounts } from '../format/counts.js'

export interface PackOptions {
  source: string
  flistPath: string
  stores: RouterBlobStore
  /** Routes recorded for readers; passwords already stripped. */
  routes: readonly StoreSpec[]
  tags: ReadonlyArray<readonly [string, string]>
  owner?: Owner
  sourceDateEpoch?: number
  signal?: AbortSignal
  log: (line: string) => void
  /** Shown in progress lines. */
  label?: string
  /** Threads that encode, this one among them with directory stores; one per core by default. */
  workers?: number
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
   * Key and id pairs of the blocks an earlier flist written by this very codec names (see
   * known-blocks.ts): such chunks are hashed but not encoded, and their blobs are checked in the
   * stores; one the stores lack is encoded and stored after all.
   */
  knownBlocks?: Uint8Array
}

/** Store requests in flight at once, by default: for all packs of a run together. */
export const UPLOAD_CONCURRENCY = 32
/** Chunks one worker encodes in a row: large files spread across workers, small ones stay whole. */
const SEGMENT_CHUNKS = 8
/** One worker task: up to this many bytes of plain data, from up to TASK_FILES files. */
const TASK_BYTES = SEGMENT_CHUNKS * BLOCK_SIZE
const TASK_FILES = 64
/** Inode rows written between two turns of the event loop. */
const INODE_SLICE = 500

interface Task {
  segments: Segment[]
  /** The file of each segment. */
  files: TreeItem[]
  /** Plain bytes the task covers. */
  bytes: number
}

export async function packTree(options: PackOptions): Promise<FlistCounts> {
  const uncovered = options.stores.uncoveredPrefixes()
  if (uncovered.length > 0) {
    throw new UserError(
      `the stores do not cover blob ids starting with ${describeBytes(uncovered)}; store ranges must cover 00-ff together`
    )
  }
  options.signal?.throwIfAborted()
  // SQLite compiles and the workers start while the tree is listed; directory stores are written
  // by the encoders, other stores by this thread. Whatever happens, both are closed.
  loadSqlite().catch(() => undefined)
  const localStores = localStoreRoutes(options.stores)
  const pool = BlockWorkerPool.start(options.workers, {
    localStores,
    known: options.knownBlocks
  })
  const writer = pool.then(nextTurn).then(() => FlistWriter.create())
  try {
    const items = await walkTree(options.source, options.signal)
    const files = items.filter(item => (item.stats.mode & S_IFMT) === S_IFREG)
    const tasks = planTasks(files)
    // Inode rows do not depend on blocks: they are written while the blocks are encoded, and the
    // block rows follow them as their tasks are done.
    const blockRows = new BlockRows(tasks.length)
    const inodes = writer.then(async opened => {
      await writeInodes(opened, items, options)
      blockRows.writeTo(opened)
    })
    inodes.catch(() => undefined)
    const blocks = await storeBlocks(
      files,
      tasks,
      blockRows,
      await pool,
      localStores !== undefined,
      options
    )
    await inodes
    await writeFlist(await writer, blockRows, options)
    return {
      ...countEntries(items),
      blocks: blocks.total,
      blocksUploaded: blocks.uploaded,
      blocksPresent: blocks.present,
      blocksEncoded: blocks.encoded
    }
  } finally {
    await Promise.all([
      pool.then(
        started => started.close(),
        () => undefined
      ),
      writer.then(
        opened => opened.close(),
        () => undefined
      )
    ])
  }
}

interface StoredBlocks {
  total: number
  uploaded: number
  present: number
  /** Chunks compressed and encrypted: not taken from the known blocks. */
  encoded: number
}

/** Cuts files into segments and groups them into tasks, in file order. */
function planTasks(files: TreeItem[]): Task[] {
  const tasks: Task[] = []
  let current: Task | undefined
  for (const file of files) {
    const { size } = file.stats
    const chunks = Math.ceil(size / BLOCK_SIZE)
    for (let first = 0; first < chunks; first += SEGMENT_CHUNKS) {
      const count = Math.min(SEGMENT_CHUNKS, chunks - first)
      const bytes = Math.min(size, (first + count) * BLOCK_SIZE) - first * BLOCK_SIZE
      if (!current || current.bytes + bytes > TASK_BYTES || current.segments.length >= TASK_FILES) {
        current = { segments: [], files: [], bytes: 0 }
        tasks.push(current)
      }
      current.segments.push({ path: file.path, first, count, size })
      current.files.push(file)
      current.bytes += bytes
    }
  }
  return tasks
}

/** `workersStore`: the encoders put the blobs into the stores; otherwise they are uploaded here. */
async function storeBlocks(
  files: TreeItem[],
  tasks: Task[],
  blockRows: BlockRows,
  pool: BlockWorkerPool,
  workersStore: boolean,
  options: PackOptions
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
  const uploader = workersStore
    ? undefined
    : new BlockUploader(options.stores, {
        concurrency: options.uploadConcurrency ?? UPLOAD_CONCURRENCY,
        requests: options.uploadRequests,
        expectedBlocks,
        tally
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
    uploader?.stop(error)
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
  /** For a block whose blob was let go while the stores' listings came: encoded again if needed. */
  const storeOnceListed = async (
    uploader: BlockUploader,
    file: TreeItem,
    index: number,
    plainLength: number,
    id: string,
    blobLength: number
  ): Promise<void> => {
    if (!(await uploader.listedEverywhere(id, blobLength))) {
      await pending.acquire(plainLength)
      const { path, stats } = file
      const [again] = await pool.encode([{ path, first: index, count: 1, size: stats.size }], true)
      encodedCount++
      if (toHex(again.id) !== id) {
        throw new UserError(
          `${path.toString()} changed while it was being packed: pack a tree nothing writes to`
        )
      }
      await uploader.store(id, sentBlob(again, id))
      pending.release(plainLength)
    }
    counted(file)
  }

  /**
   * For a chunk whose id was known: its blob is looked for in the stores, and encoded and stored
   * after all when they lack it.
   */
  const confirmKnown = async (
    uploader: BlockUploader,
    file: TreeItem,
    index: number,
    plainLength: number,
    id: string
  ): Promise<void> => {
    const held = await uploader.heldSize(id)
    if (held !== undefined) {
      options.encodedLengths?.set(id, held)
      counted(file)
      return
    }
    await pending.acquire(plainLength)
    const { path, stats } = file
    const [again] = await pool.encode([{ path, first: index, count: 1, size: stats.size }], true)
    encodedCount++
    if (toHex(again.id) !== id) {
      throw new UserError(
        `${path.toString()} changed while it was being packed: pack a tree nothing writes to`
      )
    }
    options.encodedLengths?.set(id, again.blobLength)
    await uploader.store(id, sentBlob(again, id))
    stored(file, plainLength)
  }

  /** Counts an encoded chunk and sends its blob on: stored by its encoder, uploaded, or let go. */
  const place = (file: TreeItem, chunk: EncodedChunk): void => {
    state.bytesDone += chunk.plainLength
    const id = toHex(chunk.id)
    if (chunk.reused && uploader) {
      pending.release(chunk.plainLength)
      work.push(confirmKnown(uploader, file, chunk.index, chunk.plainLength, id).catch(fail))
      return
    }
    if (!chunk.reused) encodedCount++
    options.encodedLengths?.set(id, chunk.blobLength)
    if (!uploader) {
      tally.record(id, chunk.written === true)
      stored(file, chunk.plainLength)
      return
    }
    const { index, plainLength, blobLength } = chunk
    if (uploader.awaitsListing(id) && heldForListings + plainLength > holdableBytes) {
      // Holding every blob until the listings come would stall encoding once the memory bound
      // is reached; on an unchanged pack the listings name them all. Up to half of what a task
      // leaves of the bound is held, so a first pack encodes fewer blobs twice.
      pending.release(plainLength)
      work.push(storeOnceListed(uploader, file, index, plainLength, id, blobLength).catch(fail))
      return
    }
    const held = uploader.awaitsListing(id) ? plainLength : 0
    heldForListings += held
    const upload = uploader.store(id, sentBlob(chunk, id))
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

/** Opens the flist's one transaction and adds the inode rows, a slice at a time. */
async function writeInodes(
  writer: FlistWriter,
  items: TreeItem[],
  options: PackOptions
): Promise<void> {
  writer.begin()
  for (let start = 0; start < items.length; start += INODE_SLICE) {
    for (const item of items.slice(start, start + INODE_SLICE)) {
      writer.inode(inodeRecord(item, options))
    }
    // Worker replies and store writes wait for the main thread: let them through.
    await nextTurn()
  }
}

/** Adds the routes and tags behind the block rows, commits writeInodes' transaction, and saves. */
async function writeFlist(
  writer: FlistWriter,
  blockRows: BlockRows,
  options: PackOptions
): Promise<void> {
  if (!blockRows.complete) throw new Error('the flist was to be saved before all its block rows')
  for (const route of options.routes) writer.route(route.start, route.end, route.url)
  for (const [key, value] of options.tags) writer.tag(key, value)
  writer.commit()
  options.signal?.throwIfAborted()
  await writer.save(options.flistPath)
}

/** The blob a worker sent back for this thread to store. */
function sentBlob(chunk: EncodedChunk, id: string): Uint8Array {
  if (!chunk.blob) throw new Error(`a block worker kept blob ${id} it was to send back`)
  return chunk.blob
}

function countEntries(
  items: TreeItem[]
): Pick<FlistCounts, 'files' | 'directories' | 'symlinks' | 'bytes'> {
  const counts = { files: 0, directories: 0, symlinks: 0, bytes: 0 }
  for (const { stats } of items) {
    const type = stats.mode & S_IFMT
    if (type === S_IFREG) {
      counts.files++
      counts.bytes += stats.size
    } else if (type === S_IFDIR) counts.directories++
    else if (type === S_IFLNK) counts.symlinks++
  }
  return counts
}

function describeBytes(bytes: number[]): string {
  const shown = bytes.slice(0, 4).map(hexByte).join(', ')
  return bytes.length > 4 ? `${shown} and ${bytes.length - 4} more` : shown
}
