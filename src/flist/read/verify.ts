// Checks an flist against its stores. `exists`: every referenced blob is in a store its route
// names, at its encoded length (where that is not known, at a size its plain length allows).
// `full`: every blob is fetched, decrypted and decompressed, both hashes are checked, and each
// file's blocks add up to its recorded size. Where store ranges overlap, every copy is checked.
// Findings are returned, store failures thrown.
import { setTimeout as sleep } from 'node:timers/promises'
import { createBlake2b256, CorruptBlockError, decodeBlock, toHex } from '../format/codec.js'
import { forEachLimited } from '../../common/concurrency.js'
import type { BlockRecord } from '../format/inode.js'
import { S_IFMT, S_IFREG } from '../format/modes.js'
import { FlistReader } from '../format/reader.js'
import { readerStores } from './routes.js'
import { findMissing } from '../blobs/presence.js'
import { expectedSizes } from '../blobs/blob-sizes.js'
import type { S3RequestPolicy } from '../../s3/client.js'
import type { StoreSpec } from '../../store-url/spec.js'
import type { StoreContents } from '../blobs/contents.js'

export type VerifyDepth = 'exists' | 'full'

export interface VerifyOptions {
  /** Stores to read blobs from instead of the flist's routes (e.g. the write stores, with secrets). */
  stores?: readonly StoreSpec[]
  signal?: AbortSignal
  /** Retries and timeouts of S3 requests. */
  s3Requests?: S3RequestPolicy
  /** Store requests in flight at once. */
  concurrency?: number
  /**
   * Each blob's encoded length by hex id, as the pack gave them (`exists`): a stored size that
   * differs means the blob is missing. Blobs without one are held to the sizes their plain length
   * allows.
   */
  encodedLengths?: ReadonlyMap<string, number>
  /**
   * What the pack found its stores to hold and put into them (`exists`): blobs it answers for
   * are not asked about again.
   */
  storeContents?: StoreContents
}

export interface VerifyReport {
  mode: VerifyDepth
  /** Distinct blobs checked. */
  blocksChecked: number
  /** Regular files whose size was checked (`full` only). */
  filesChecked: number
  /** One line per finding; empty when the flist is sound. */
  problems: string[]
  /** Ids of blobs a store holds that do not decode (`full` only): damaged copies to delete. */
  damaged: string[]
}

/**
 * A blob that does not decode is read again after these pauses before it is reported: S3 servers
 * that write objects in place serve a partial object while another pack rewrites the same blob.
 * A damaged blob stays damaged.
 */
const REREAD_DELAYS_MS = [250, 1000]

export async function verifyFlist(
  flistPath: string,
  mode: VerifyDepth,
  options: VerifyOptions = {}
): Promise<VerifyReport> {
  const reader = await FlistReader.open(flistPath)
  try {
    const stores = await readerStores(reader, options.stores, {
      signal: options.signal,
      s3Requests: options.s3Requests
    })
    const blocks = reader.distinctBlocks()
    const problems: string[] = []
    const concurrency = options.concurrency ?? 16
    if (mode === 'exists') {
      const ids = blocks.map(block => toHex(block.id))
      const expected = expectedSizes(reader, ids, options.encodedLengths)
      const findings = await findMissing(
        stores,
        expected,
        concurrency,
        options.signal,
        options.storeContents
      )
      return {
        mode,
        blocksChecked: blocks.length,
        filesChecked: 0,
        problems: findings,
        damaged: []
      }
    }

    const hash = await createBlake2b256()
    const plainLengths = new Map<string, number>()
    const decodedLengths = new Map<string, number>()
    const damaged: string[] = []
    await forEachLimited(
      blocks,
      concurrency,
      async ({ id, key }) => {
        const hex = toHex(id)
        for (let attempt = 0; ; attempt++) {
          const blob = await stores.get(hex)
          if (!blob) {
            problems.push(`block ${hex}: missing from ${describe(stores.storesFor(hex))}`)
            return
          }
          try {
            plainLengths.set(hex, decodeBlock(blob, id, key, hash).length)
            decodedLengths.set(hex, blob.length)
            return
          } catch (error) {
            if (!(error instanceof CorruptBlockError)) throw error
            if (attempt >= REREAD_DELAYS_MS.length) {
              problems.push(`block ${hex}: ${error.message}`)
              damaged.push(hex)
              return
            }
          }
          await sleep(REREAD_DELAYS_MS[attempt], undefined, { signal: options.signal })
        }
      },
      options.signal
    )
    // Each blob was decoded from the first store that had it; where ranges overlap, every copy
    // must be there at the size of the one that decoded.
    const replicated = [...decodedLengths.keys()].filter(hex => stores.storesFor(hex).length > 1)
    if (replicated.length > 0) {
      const expected = expectedSizes(reader, replicated, decodedLengths)
      problems.push(...(await findMissing(stores, expected, concurrency, options.signal)))
    }
    const filesChecked = checkFileSizes(reader, plainLengths, problems)
    return { mode, blocksChecked: blocks.length, filesChecked, problems, damaged }
  } finally {
    reader.close()
  }
}

/** Files whose blocks all decoded must add up to their recorded size. */
function checkFileSizes(
  reader: FlistReader,
  plainLengths: Map<string, number>,
  problems: string[]
): number {
  let checked = 0
  for (const { path, inode } of reader.walk()) {
    if ((inode.mode & S_IFMT) !== S_IFREG) continue
    checked++
    const total = sumLengths(reader.blocks(inode.ino), plainLengths)
    if (total !== undefined && total !== inode.size) {
      problems.push(`file /${path}: its blocks hold ${total} bytes, its inode says ${inode.size}`)
    }
  }
  return checked
}

function sumLengths(blocks: BlockRecord[], plainLengths: Map<string, number>): number | undefined {
  let total = 0
  for (const block of blocks) {
    const length = plainLengths.get(toHex(block.id))
    if (length === undefined) return undefined
    total += length
  }
  return total
}

function describe(stores: Array<{ display: string }>): string {
  return stores.map(store => store.display).join(' and ')
}
