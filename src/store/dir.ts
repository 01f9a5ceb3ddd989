// rfs's dir:// store. Blobs are written flat, at ROOT/<hex id>: the one layout every rfs reads
// (rfs releases read nothing else). ROOT/<first two hex digits>/<hex id>, which later rfs builds
// and earlier versions of this action write, is read too, and moved flat as blobs are asked for.
import { statSync, unlinkSync, type Dir, type Dirent } from 'node:fs'
import { mkdir, opendir, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../common/atomic-write.js'
import { BlobIdSet, type BlobListing, type BlobStore } from './store.js'

export class DirBlobStore implements BlobStore {
  readonly display: string
  /** The root normalised once, ending in a slash: blob paths are then plain concatenation. */
  private readonly prefix: string
  /** Set once the root is known to exist. */
  private rootMade = false

  constructor(readonly root: string) {
    this.display = `dir://${root}`
    this.prefix = join(root, '/')
  }

  /**
   * The flat copy's size, else the sharded one's: the copy this project's reader fetches. A
   * sharded copy is moved flat, so a pack that finds it whole leaves a store every rfs reads.
   */
  async storedSize(id: string): Promise<number | undefined> {
    return (await fileSize(this.flat(id))) ?? moveFlat(this.sharded(id), this.flat(id))
  }

  async get(id: string): Promise<Buffer | undefined> {
    for (const path of [this.flat(id), this.sharded(id)]) {
      try {
        return await readFile(path)
      } catch (error) {
        if (!isMissing(error)) throw error
      }
    }
    return undefined
  }

  /**
   * Writes through a temporary name and renames, so a blob is either whole or absent. A sharded
   * copy is then removed: a blob is put because the store lacks it whole, and rfs builds that read
   * both layouts look there first.
   */
  async put(id: string, blob: Uint8Array): Promise<void> {
    if (!this.rootMade) {
      await mkdir(this.root, { recursive: true }).catch(error => notADirectory(error, this.root))
      this.rootMade = true
    }
    writeFileAtomically(this.flat(id), blob)
    removeIfPresent(this.sharded(id))
  }

  /**
   * The blobs under the prefix, flat or in a shard of the older layout, or undefined once more
   * than `limit` turn up. Flat blobs share one directory, so every listing reads the root through,
   * a directory read at a time; each blob the caller then asks about costs one stat for its size.
   */
  async listIds(prefix: string, limit: number): Promise<BlobListing | undefined> {
    const flat: string[] = []
    const shards: string[] = []
    for await (const entry of entriesOf(this.root)) {
      if (isShard(entry, prefix)) shards.push(entry.name)
      else if (isBlob(entry, prefix) && flat.push(entry.name) > limit) return undefined
    }
    const sharded: string[] = []
    for (const shard of shards) {
      for await (const entry of entriesOf(join(this.root, shard))) {
        // A blob is found in the shard named by its first two digits, and only there.
        if (!isBlob(entry, shard)) continue
        if (entry.name.startsWith(prefix) && flat.length + sharded.push(entry.name) > limit) {
          return undefined
        }
      }
    }
    return new DirListing(this.prefix, new BlobIdSet(flat), new BlobIdSet(sharded))
  }

  private sharded(id: string): string {
    return `${this.prefix}${id.slice(0, 2)}/${id}`
  }

  private flat(id: string): string {
    return `${this.prefix}${id}`
  }
}

/** The blobs one listing found, flat and sharded, each one's size read from disk when asked for. */
class DirListing implements BlobListing {
  constructor(
    /** The store's root, ending in a slash. */
    private readonly base: string,
    private readonly flat: BlobIdSet,
    private readonly sharded: BlobIdSet
  ) {}

  get size(): number {
    return this.flat.size + this.sharded.size
  }

  async storedSize(id: string): Promise<number | undefined> {
    if (this.flat.has(id)) {
      const size = await fileSize(`${this.base}${id}`)
      if (size !== undefined) return size
    }
    if (!this.sharded.has(id)) return undefined
    return moveFlat(`${this.base}${id.slice(0, 2)}/${id}`, `${this.base}${id}`)
  }
}

/** A blob's name is its 64 lower-case hex digits; the temporary files of unfinished writes are longer. */
function isBlob(entry: Dirent, prefix: string): boolean {
  return BLOB_NAME.test(entry.name) && entry.name.startsWith(prefix) && entry.isFile()
}

const BLOB_NAME = /^[0-9a-f]{64}$/

/** Anything named by two characters may be a shard of the older layout, if the prefix allows. */
function isShard(entry: Dirent, prefix: string): boolean {
  return entry.name.length === 2 && entry.name.startsWith(prefix.slice(0, 2))
}

/**
 * A directory's entries as they are read, a batch at a time, so a listing that stops at its limit
 * reads no further; none when the directory does not exist.
 */
async function* entriesOf(path: string): AsyncGenerator<Dirent> {
  let dir: Dir
  try {
    dir = await opendir(path, { bufferSize: 1024 })
  } catch (error) {
    if (isMissing(error)) return
    throw error
  }
  yield* dir
}

/**
 * Looked for first, without an error object when it is absent (most blobs have no such copy); a
 * copy that cannot be looked for or removed (permissions) fails the put.
 */
function removeIfPresent(path: string): void {
  try {
    if (!statSync(path, { throwIfNoEntry: false })) return
    unlinkSync(path)
  } catch (error) {
    if (!isMissing(error)) throw error
  }
}

/**
 * A sharded copy's size, once moved to the flat name; undefined when there is none. Where the
 * store cannot be changed (a read-only mount), the copy stays where it is.
 */
async function moveFlat(sharded: string, flat: string): Promise<number | undefined> {
  const size = await fileSize(sharded)
  if (size !== undefined) await rename(sharded, flat).catch(() => undefined)
  return size
}

/**
 * Synchronous, as the store's writes are: a stat takes microseconds, and a pack asks one per blob,
 * where the thread pool's hand-offs would cost the main thread more than the calls.
 */
async function fileSize(path: string): Promise<number | undefined> {
  try {
    const stats = statSync(path, { throwIfNoEntry: false })
    return stats?.isFile() ? stats.size : undefined
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

/** mkdir's EEXIST says less than what it means here. */
function notADirectory(error: unknown, path: string): never {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  throw Object.assign(new Error(`ENOTDIR: ${path} is not a directory`), { code: 'ENOTDIR' })
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
