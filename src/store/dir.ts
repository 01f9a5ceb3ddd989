// rfs's dir:// store: blobs at ROOT/<first two hex digits>/<hex id>; readers also accept a flat
// ROOT/<hex id>, the older layout.
import { mkdir, opendir, readFile, stat } from 'node:fs/promises'
import { mkdirSync, statSync, type Dirent } from 'node:fs'
import { join } from 'node:path'
import { writeFileAtomically, writeFileAtomicallySync } from '../atomic-write.js'
import { BlobIdSet, type BlobStore } from './store.js'

/** Flat-layout blobs beyond this many make listings give up (exists then checks each blob). */
const FLAT_LIMIT = 100_000

export class DirBlobStore implements BlobStore {
  readonly display: string
  private readonly createdShards = new Set<string>()
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

  /** exists, blocking: for block workers, which store blobs as they encode them. */
  existsSync(id: string): boolean {
    return isFileSync(this.sharded(id)) || isFileSync(this.flat(id))
  }

  /** put, blocking: for block workers, which store blobs as they encode them. */
  putSync(id: string, blob: Uint8Array): void {
    const shard = this.shard(id)
    if (!this.createdShards.has(shard)) {
      mkdirSync(shard, { recursive: true })
      this.createdShards.add(shard)
    }
    writeFileAtomicallySync(this.sharded(id), blob)
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
