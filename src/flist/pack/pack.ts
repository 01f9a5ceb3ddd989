// Packs a tree into an flist: list it, encode its chunks on every core, store the blobs the
// stores lack, and write the metadata as it goes. The .fl is saved only once every blob is stored.
import { setImmediate as nextTurn } from 'node:timers/promises'
import { UserError } from '../../common/errors.js'
import { hexByte } from '../../store/router.js'
import { S_IFMT, S_IFREG } from '../format/modes.js'
import { inodeRecord, type Owner } from './record.js'
import { BlockRows } from '../format/block-rows.js'
import { walkTree, type TreeItem } from './walk.js'
import { BlockWorkerPool } from '../pool/worker-pool.js'
import { FlistWriter } from '../format/writer.js'
import { loadSqlite } from '../format/sqlite.js'
import type { StoreSpec } from '../../store-url/spec.js'
import { countEntries, type FlistCounts } from '../format/counts.js'
import { planTasks } from './tasks.js'
import { storeBlocks, type BlockOptions } from './store-blocks.js'

export { UPLOAD_CONCURRENCY } from './store-blocks.js'

export interface PackOptions extends BlockOptions {
  source: string
  flistPath: string
  /** Routes recorded for readers; passwords already stripped. */
  routes: readonly StoreSpec[]
  tags: ReadonlyArray<readonly [string, string]>
  owner?: Owner
  sourceDateEpoch?: number
  /** Threads that encode; one per core by default. */
  workers?: number
  /**
   * Key and id pairs of the blocks an earlier flist written by this very codec names (see
   * known-blocks.ts): such chunks are hashed but not encoded, and their blobs are checked in the
   * stores; one the stores lack is encoded and stored after all.
   */
  knownBlocks?: Uint8Array
}

/** Inode rows written between two turns of the event loop. */
const INODE_SLICE = 500

export async function packTree(options: PackOptions): Promise<FlistCounts> {
  const uncovered = options.stores.uncoveredPrefixes()
  if (uncovered.length > 0) {
    throw new UserError(
      `the stores do not cover blob ids starting with ${describeBytes(uncovered)}; store ranges must cover 00-ff together`
    )
  }
  options.signal?.throwIfAborted()
  // SQLite compiles and the workers start while the tree is listed. Whatever happens, both are
  // closed.
  loadSqlite().catch(() => undefined)
  const pool = BlockWorkerPool.start(options.workers, { known: options.knownBlocks })
  const writer = FlistWriter.create()
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
    const blocks = await storeBlocks(files, tasks, blockRows, pool, options)
    await inodes
    writeFlist(await writer, blockRows, options)
    return {
      ...countEntries(items.map(item => item.stats)),
      blocks: blocks.total,
      blocksUploaded: blocks.uploaded,
      blocksPresent: blocks.present,
      blocksEncoded: blocks.encoded
    }
  } finally {
    await Promise.all([
      pool.close(),
      writer.then(
        opened => opened.close(),
        () => undefined
      )
    ])
  }
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
function writeFlist(writer: FlistWriter, blockRows: BlockRows, options: PackOptions): void {
  if (!blockRows.complete) throw new Error('the flist was to be saved before all its block rows')
  for (const route of options.routes) writer.route(route.start, route.end, route.url)
  for (const [key, value] of options.tags) writer.tag(key, value)
  writer.commit()
  options.signal?.throwIfAborted()
  writer.save(options.flistPath)
}

function describeBytes(bytes: number[]): string {
  const shown = bytes.slice(0, 4).map(hexByte).join(', ')
  return bytes.length > 4 ? `${shown} and ${bytes.length - 4} more` : shown
}
