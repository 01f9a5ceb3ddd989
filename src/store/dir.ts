// rfs's dir:// store. Blobs are written flat, at ROOT/<hex id>: the one layout every rfs reads
// (rfs releases read nothing else). ROOT/<first two hex digits>/<hex id>, which later rfs builds
// and earlier versions of this action write, is read too, and moved flat as blobs are asked for.
import { mkdir, opendir, readFile, rename, rm, stat } from 'node:fs/promises'
import type { Dirent } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomically } from '../common/atomic-write.js'
import { BlobIdSet, type BlobListing, type BlobStore } from './store.js'

export class DirBlobStore implements BlobStore {
  readonly display: string
  /** The root normalised once, ending in a slash: blob paths are then plain concatenation. */
  private readonly prefix: string
  /** The root as first listed. */
  private rootListing: Promise<RootListing> | undefined
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
    const root = this.rootListing && (await this.rootListing)
    if (!root || root.shards.has(id.slice(0, 2))) await rm(this.sharded(id), { force: true })
  }

  /**
   * The root read once, whatever the prefix and limit: names come a directory read at a time, a
   * local read costs less than a stat per blob, and each blob the caller asks about costs one
   * stat for its size. The shards of the older layout are read as blobs under them are asked for.
   */
  async listIds(): Promise<BlobListing> {
    this.rootListing ??= RootListing.read(this.root)
    return new DirListing(await this.rootListing, this.prefix)
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
    return moveFlat(`${this.base}${shard}/${id}`, `${this.base}${id}`)
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

/**
 * A sharded copy's size, once moved to the flat name; undefined when there is none. Where the
 * store cannot be changed (a read-only mount), the copy stays where it is.
 */
async function moveFlat(sharded: string, flat: string): Promise<number | undefined> {
  const size = await fileSize(sharded)
  if (size !== undefined) await rename(sharded, flat).catch(() => undefined)
  return size
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

/** mkdir's EEXIST says less than what it means here. */
function notADirectory(error: unknown, path: string): never {
  if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  throw Object.assign(new Error(`ENOTDIR: ${path} is not a directory`), { code: 'ENOTDIR' })
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
