import type { StoreContents } from '../flist/blobs/contents.js'
import type { FlistCounts } from '../flist/format/counts.js'
import type { FlistKind } from '../plan/settings.js'
import type { Owner } from '../flist/pack/record.js'
import type { S3RequestPolicy } from '../s3/client.js'
import type { StoreSpec } from '../store-url/spec.js'

/** What one flist pack needs, whichever engine does it. */
export interface PackRequest {
  kind: FlistKind
  /** Absolute path of the tree to pack. */
  source: string
  /** Absolute path of the .fl file to write. */
  flistPath: string
  /** Stores that receive the blocks; their URLs may hold secrets and must never be printed. */
  writeStores: StoreSpec[]
  /** Routes recorded in the flist for readers, passwords already stripped. */
  routes: StoreSpec[]
  /** Tags written into the flist, in order. */
  tags: Array<[string, string]>
  owner?: Owner
  /** Seconds; when set, recorded mtime/ctime are clamped to it. */
  sourceDateEpoch?: number
  /** Retries and timeouts of S3 store requests. */
  s3Requests?: S3RequestPolicy
  signal?: AbortSignal
  log: (line: string) => void
  /**
   * Filled by engines that encode the blobs themselves: each blob's encoded length by hex id,
   * for the existence checks after the pack. Left empty by engines that cannot know them.
   */
  encodedLengths?: Map<string, number>
  /**
   * Filled by engines that upload the blobs themselves: what the stores were found to hold and
   * what was put there, shared by the packs of a run, for the existence checks after the pack.
   */
  storeContents?: StoreContents
  /**
   * The flist of the same name an earlier run left, if any: engines that can reuse its block ids
   * do (see flist/known-blocks.ts).
   */
  previousFlist?: string
}

export interface PackEngine {
  readonly name: string
  readonly version: string
  /** Whether packs may run at once (sharing the store connection and its request limit). */
  readonly concurrent?: boolean
  /** Whether the engine takes block ids from PackRequest.previousFlist. */
  readonly reusesBlocks?: boolean
  pack(request: PackRequest): Promise<FlistCounts>
}
