// rfs's dir:// store: blobs at ROOT/<first two hex digits>/<hex id>; readers also accept a flat
// ROOT/<hex id>, the older layout.
import { mkdir, opendir, readFile, stat } from 'node:fs/promises'
import { mkdirSync, opendirSync, statSync, type Dir, type Dirent } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomically, writeFileAtomicallySync } from '../atomic-write.js'
import { BlobIdSet, type BlobStore } from './store.js'

/** Flat-layout blobs beyond this many make listings give up (exists then checks each blob). */
const FLAT_LIMIT = 100_000

export class DirBlobStore implements BlobStore {
  readonly display: string
  private readonly createdShards = new Set<string>()
  /** Shards missing when the blocking path listed the root, and the ids written there since. */
  private readonly newShards = new Map<string, Set<string>>()
  /** The root as the blocking path first listed it; undefined: too many flat blobs to hold. */
  private rootSync: RootListing | undefined | null = null
  private flatIds: Promise<string[] | undefined> | undefined
  /** The root normalised once, ending in a slash: blob paths are then plain concatenation. */
  private readonly prefix: string

  constructor(readonly root: string) {
    this.display = `dir://${root}`
    this.prefix = join(root, '/')
  }

  async exists(id: string): Promise<boolean> {
    return (await isFile(this.sharded(id))) || (await isFile(this.flat(id)))
  }

  async get(id: string): Promise<Buffer | undefined> {
    for (const path of [this.sharded(id), this.flat(id)]) {
      try {
        return await readFile(path)
      } catch (error) {
        if (!isMissing(error)) throw error
      }
    }
    return undefined
  }

  /** Writes through a temporary name and renames, so a blob is either whole or absent. */
  async put(id: string, blob: Uint8Array): Promise<void> {
    const shard = this.shard(id)
    if (!this.createdShards.has(shard)) {
      await mkdir(shard, { recursive: true })
      this.createdShards.add(shard)
    }
    await writeFileAtomically(this.sharded(id), blob)
  }

  /**
   * put unless the store holds the blob, blocking: for block workers, which store blobs as they
   * encode them. True when it was written.
   *
   * Presence is asked of the disk only where the answer can be yes. The root is listed once, for
   * its flat-layout blobs and its shards. A shard missing then held nothing, so the blobs in it
   * that matter are the ones this object wrote since: any other writer can only add the same
   * bytes under the same name, which an atomic rewrite leaves intact. In a new store, no blob
   * costs a lookup.
   */
  putIfAbsentSync(id: string, blob: Uint8Array): boolean {
    const root = this.listRootSync()
    const shard = this.shard(id)
    let written = this.newShards.get(shard)
    if (!written && root && !root.shards.has(id.slice(0, 2))) {
      written = new Set()
      this.newShards.set(shard, written)
    }
    if (written ? written.has(id) : isFileSync(this.sharded(id))) return false
    if (root ? root.flatIds.has(id) : isFileSync(this.flat(id))) return false
    if (!this.createdShards.has(shard)) {
      mkdirSync(shard, { recursive: true })
      this.createdShards.add(shard)
    }
    writeFileAtomicallySync(this.sharded(id), blob)
    written?.add(id)
    return true
  }

  /**
   * One directory read per shard instead of a stat per blob; flat-layout blobs count too. The
   * prefix is up to two hex digits: a shorter one covers every shard that starts with it.
   */
  async listIds(prefix: string, limit: number): Promise<BlobIdSet | undefined> {
    this.flatIds ??= readNames(this.root, FLAT_LIMIT, isBlobFile)
    const flat = await this.flatIds
    if (!flat) return undefined
    const names: string[] = []
    for (const shard of shardsUnder(prefix)) {
      const path = `${this.prefix}${shard}`
      const found = await readNames(path, limit - names.length, isBlobFile)
      if (!found) return undefined
      if (found.length > 0) this.createdShards.add(path)
      names.push(...found)
    }
    for (const id of flat) if (id.startsWith(prefix)) names.push(id)
    return names.length > limit ? undefined : new BlobIdSet(names)
  }

  private listRootSync(): RootListing | undefined {
    if (this.rootSync === null) this.rootSync = listRootSync(this.root, FLAT_LIMIT)
    return this.rootSync
  }

  private shard(id: string): string {
    return `${this.prefix}${id.slice(0, 2)}`
  }

  private sharded(id: string): string {
    return `${this.prefix}${id.slice(0, 2)}/${id}`
  }

  private flat(id: string): string {
    return `${this.prefix}${id}`
  }
}

/**
 * Names in a directory that `keep` accepts (none when it does not exist), or undefined once more
 * than `limit` are found.
 */
async function readNames(
  path: string,
  limit: number,
  keep: (entry: Dirent) => boolean
): Promise<string[] | undefined> {
  const names: string[] = []
  try {
    const directory = await opendir(path, { bufferSize: 1024 })
    for await (const entry of directory) {
      if (!keep(entry)) continue
      names.push(entry.name)
      // Leaving the loop closes the directory.
      if (names.length > limit) return undefined
    }
  } catch (error) {
    if (isMissing(error)) return []
    throw error
  }
  return names
}

/** What a store's root holds: flat-layout blob ids, and the names of its shards. */
interface RootListing {
  flatIds: Set<string>
  shards: Set<string>
}

/** The root's flat blobs and shards (none when it does not exist), or undefined past `limit`. */
function listRootSync(path: string, limit: number): RootListing | undefined {
  const listing: RootListing = { flatIds: new Set(), shards: new Set() }
  let directory: Dir
  try {
    directory = opendirSync(path, { bufferSize: 1024 })
  } catch (error) {
    if (isMissing(error)) return listing
    throw error
  }
  try {
    for (let entry = directory.readSync(); entry; entry = directory.readSync()) {
      // Anything under a shard's name counts: a blob path through it must be asked about.
      if (entry.name.length === 2) listing.shards.add(entry.name)
      if (!isBlobFile(entry)) continue
      listing.flatIds.add(entry.name)
      if (listing.flatIds.size > limit) return undefined
    }
  } finally {
    directory.closeSync()
  }
  return listing
}

function shardsUnder(prefix: string): string[] {
  if (!/^[0-9a-f]{0,2}$/.test(prefix)) throw new Error(`not a blob id prefix: ${prefix}`)
  const shards: string[] = []
  for (let byte = 0; byte < 256; byte++) {
    const shard = byte.toString(16).padStart(2, '0')
    if (shard.startsWith(prefix)) shards.push(shard)
  }
  return shards
}

/** Blob files are named by their 64 hex digits; temporary files of unfinished writes are longer. */
function isBlobFile(entry: Dirent): boolean {
  return entry.name.length === 64 && entry.isFile()
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

/** No exception for the common answer: most blobs a pack asks about are new. */
function isFileSync(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
