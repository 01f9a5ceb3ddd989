// rfs's dir:// store. Blobs are written flat, at ROOT/<hex id>: the one layout every rfs reads
// (rfs releases read nothing else). ROOT/<first two hex digits>/<hex id>, which later rfs builds
// and earlier versions of this action write, is read too.
import { mkdir, opendir, readFile, rm, stat } from 'node:fs/promises'
import { mkdirSync, opendirSync, renameSync, rmSync, statSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomically, writeFileAtomicallySync } from '../common/atomic-write.js'
import { BlobIdSet, type BlobListing, type BlobStore } from './store.js'

export class DirBlobStore implements BlobStore {
  readonly display: string
  /** The root normalised once, ending in a slash: blob paths are then plain concatenation. */
  private readonly prefix: string
  /** The root as first listed; for the blocking path and the other apart, each listed once. */
  private rootSync: RootListing | undefined
  private rootAsync: Promise<RootListing> | undefined
  /** Blobs the blocking path found whole or wrote since it listed the root. */
  private readonly held = new Set<string>()
  /** Set once the root is known to exist. */
  private rootMade = false

  constructor(readonly root: string) {
    this.display = `dir://${root}`
    this.prefix = join(root, '/')
  }

  /** The flat copy's size, else the sharded one's: the copy this project's reader fetches. */
  async storedSize(id: string): Promise<number | undefined> {
    return (await fileSize(this.flat(id))) ?? (await fileSize(this.sharded(id)))
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
    await writeFileAtomically(this.flat(id), blob)
    const root = this.rootSync ?? (this.rootAsync && (await this.rootAsync))
    if (!root || root.shards.has(id.slice(0, 2))) await rm(this.sharded(id), { force: true })
  }

  /** storedSize, blocking: for block workers. */
  storedSizeSync(id: string): number | undefined {
    return fileSizeSync(this.flat(id)) ?? fileSizeSync(this.sharded(id))
  }

  /**
   * put unless the store holds the blob whole, blocking: for block workers, which store blobs as
   * they encode them. True when it was written.
   *
   * The root is read once, for its names; only a blob it names is looked at on disk, for its size.
   * A blob found whole in the sharded layout is moved to the flat one, so the flist is read by
   * every rfs. Blobs written by others since the listing are written again: the same bytes under
   * the same name, which an atomic rewrite leaves intact.
   */
  putIfAbsentSync(id: string, blob: Uint8Array): boolean {
    if (this.held.has(id)) return false
    this.held.add(id)
    this.rootSync ??= RootListing.readSync(this.root)
    const root = this.rootSync
    const flat = this.flat(id)
    if (root.flat.has(id) && fileSizeSync(flat) === blob.byteLength) return false
    const shard = id.slice(0, 2)
    if (root.shards.has(shard) && root.shardSync(shard).has(id)) {
      const sharded = this.sharded(id)
      if (fileSizeSync(sharded) === blob.byteLength && moveSync(sharded, flat)) return false
      rmSync(sharded, { force: true })
    }
    try {
      if (!this.rootMade) {
        try {
          mkdirSync(this.root, { recursive: true })
        } catch (error) {
          notADirectory(error, this.root)
        }
        this.rootMade = true
      }
      writeFileAtomicallySync(flat, blob)
    } catch (error) {
      this.held.delete(id)
      throw error
    }
    return true
  }

  /**
   * The root read once, whatever the prefix and limit: names come a directory read at a time, a
   * local read costs less than a stat per blob, and each blob the caller asks about costs one
   * stat for its size. The shards of the older layout are read as blobs under them are asked for.
   */
  async listIds(): Promise<BlobListing> {
    this.rootAsync ??= RootListing.read(this.root)
    return new DirListing(await this.rootAsync, this.prefix)
  }

  private sharded(id: string): string {
    return `${this.prefix}${id.slice(0, 2)}/${id}`
  }

  private flat(id: string): string {
    return `${this.prefix}${id}`
  }
}

/** A store's root as read once: its flat blobs, the shards of the older layout, and theirs. */
class RootListing {
  private readonly shardIds = new Map<string, BlobIdSet | Promise<BlobIdSet>>()

  private constructor(
    private readonly root: string,
    readonly flat: BlobIdSet,
    /** Names of two hex digits: anything there may hold sharded blobs. */
    readonly shards: ReadonlySet<string>
  ) {}

  static async read(root: string): Promise<RootListing> {
    const { blobs, shards } = await readEntries(root)
    return new RootListing(root, blobs, shards)
  }

  static readSync(root: string): RootListing {
    const { blobs, shards } = readEntriesSync(root)
    return new RootListing(root, blobs, shards)
  }

  /** One shard's blobs, read once. */
  async shard(shard: string): Promise<BlobIdSet> {
    let ids = this.shardIds.get(shard)
    if (!ids) {
      ids = readEntries(join(this.root, shard)).then(entries => entries.blobs)
      this.shardIds.set(shard, ids)
      this.shardIds.set(shard, await ids)
    }
    return ids
  }

  shardSync(shard: string): BlobIdSet {
    let ids = this.shardIds.get(shard)
    if (!(ids instanceof BlobIdSet)) {
      ids = readEntriesSync(join(this.root, shard)).blobs
      this.shardIds.set(shard, ids)
    }
    return ids
  }
}

/** The blobs of a root listing, each one's size read from disk when asked for. */
class DirListing implements BlobListing {
  constructor(
    private readonly listing: RootListing,
    /** The store's root, ending in a slash. */
    private readonly base: string
  ) {}

  get size(): number {
    return this.listing.flat.size
  }

  async storedSize(id: string): Promise<number | undefined> {
    if (this.listing.flat.has(id)) {
      const size = await fileSize(`${this.base}${id}`)
      if (size !== undefined) return size
    }
    const shard = id.slice(0, 2)
    if (!this.listing.shards.has(shard) || !(await this.listing.shard(shard)).has(id))
      return undefined
    return fileSize(`${this.base}${shard}/${id}`)
  }
}

/** What a directory holds: blobs (named by their 64 hex digits) and shard names. */
interface Entries {
  blobs: BlobIdSet
  shards: Set<string>
}

/**
 * Sorts a directory's entries as they come: temporary files of unfinished writes are longer than
 * a blob's name, and anything named by two digits may be a shard.
 */
function collector(): { visit: (entry: Dirent) => void; done: () => Entries } {
  const shards = new Set<string>()
  const names: string[] = []
  return {
    visit: entry => {
      if (entry.name.length === 2) shards.add(entry.name)
      else if (entry.name.length === 64 && entry.isFile()) names.push(entry.name)
    },
    done: () => ({ blobs: new BlobIdSet(names), shards })
  }
}

/** A directory's blobs and shards; none when it does not exist. */
async function readEntries(path: string): Promise<Entries> {
  const { visit, done } = collector()
  try {
    for await (const entry of await opendir(path, { bufferSize: 1024 })) visit(entry)
  } catch (error) {
    if (!isMissing(error)) throw error
  }
  return done()
}

function readEntriesSync(path: string): Entries {
  const { visit, done } = collector()
  let directory
  try {
    directory = opendirSync(path, { bufferSize: 1024 })
  } catch (error) {
    if (isMissing(error)) return done()
    throw error
  }
  try {
    for (let entry = directory.readSync(); entry; entry = directory.readSync()) visit(entry)
  } finally {
    directory.closeSync()
  }
  return done()
}

/** Moves a whole sharded blob to the flat layout; false when it is gone (moved by another). */
function moveSync(from: string, to: string): boolean {
  try {
    renameSync(from, to)
    return true
  } catch (error) {
    if (isMissing(error)) return fileSizeSync(to) !== undefined
    throw error
  }
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const stats = await stat(path)
    return stats.isFile() ? stats.size : undefined
  } catch (error) {
    if (isMissing(error)) return undefined
    throw error
  }
}

/** No exception for the common answer: most blobs a pack asks about are new. */
function fileSizeSync(path: string): number | undefined {
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
