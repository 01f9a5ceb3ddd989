// rfs's dir:// store: blobs at ROOT/<first two hex digits>/<hex id>; readers also accept a flat
// ROOT/<hex id>, the older layout.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { BlobStore } from './store.js'

export class DirBlobStore implements BlobStore {
  readonly display: string
  private readonly createdShards = new Set<string>()

  constructor(readonly root: string) {
    this.display = `dir://${root}`
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
    const shard = join(this.root, id.slice(0, 2))
    if (!this.createdShards.has(shard)) {
      await mkdir(shard, { recursive: true })
      this.createdShards.add(shard)
    }
    const target = join(shard, id)
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temporary, blob)
      await rename(temporary, target)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  }

  private sharded(id: string): string {
    return join(this.root, id.slice(0, 2), id)
  }

  private flat(id: string): string {
    return join(this.root, id)
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'ENOENT' || code === 'ENOTDIR'
}
