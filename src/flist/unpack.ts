// Rebuilds a tree from an flist and its stores: contents, modes and mtimes; owners on request.
// Link targets are written as recorded (rfs itself re-roots absolute ones under the target).
import { chmod, lchown, lutimes, mkdir, open, symlink, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import type { S3RequestPolicy, StoreSpec } from '../settings.js'
import type { RouterBlobStore } from '../store/router.js'
import { createBlake2b256, decodeBlock, toHex, type Blake2b256 } from './codec.js'
import { forEachLimited } from './concurrency.js'
import { entryType, permissions } from './modes.js'
import { FlistReader, type TreeEntry } from './reader.js'
import { readerStores } from './routes.js'

export interface UnpackOptions {
  stores?: readonly StoreSpec[]
  /** Give entries their recorded owners (usually needs root). */
  preserveOwnership?: boolean
  signal?: AbortSignal
  /** Retries and timeouts of S3 requests. */
  s3Requests?: S3RequestPolicy
  /** Files downloaded at once. */
  concurrency?: number
  log?: (line: string) => void
}

export interface UnpackResult {
  files: number
  directories: number
  symlinks: number
  /** Devices, fifos and sockets, which are not recreated. */
  skipped: number
  bytes: number
}

export async function unpackFlist(
  flistPath: string,
  target: string,
  options: UnpackOptions = {}
): Promise<UnpackResult> {
  const reader = await FlistReader.open(flistPath)
  try {
    const stores = await readerStores(reader, options.stores, {
      signal: options.signal,
      s3Requests: options.s3Requests
    })
    const hash = await createBlake2b256()
    const entries = [...reader.walk()]
    for (const entry of entries) checkName(entry)
    const result: UnpackResult = { files: 0, directories: 0, symlinks: 0, skipped: 0, bytes: 0 }
    const files: TreeEntry[] = []
    for (const entry of entries) {
      options.signal?.throwIfAborted()
      const path = join(target, entry.path)
      switch (entryType(entry.inode.mode)) {
        case 'directory':
          await mkdir(path, { recursive: true })
          result.directories++
          break
        case 'file':
          files.push(entry)
          break
        case 'symlink':
          await symlink(Buffer.from(entry.inode.data ?? new Uint8Array()), path)
          await lutimes(path, entry.inode.mtime, entry.inode.mtime)
          result.symlinks++
          break
        default:
          options.log?.(`/${entry.path}: ${entryType(entry.inode.mode)} entries are not recreated`)
          result.skipped++
          continue
      }
      if (options.preserveOwnership) await lchown(path, entry.inode.uid, entry.inode.gid)
    }
    await forEachLimited(
      files,
      options.concurrency ?? 4,
      async entry => {
        await writeFile(reader, stores, hash, entry, join(target, entry.path))
        result.files++
        result.bytes += entry.inode.size
      },
      options.signal
    )
    // Directory modes and times last, deepest first: writing inside a directory changes its
    // mtime, and a read-only directory could not be filled.
    for (const entry of entries.reverse()) {
      if (entryType(entry.inode.mode) !== 'directory') continue
      const path = join(target, entry.path)
      await chmod(path, permissions(entry.inode.mode))
      await utimes(path, entry.inode.mtime, entry.inode.mtime)
    }
    return result
  } finally {
    reader.close()
  }
}

async function writeFile(
  reader: FlistReader,
  stores: RouterBlobStore,
  hash: Blake2b256,
  entry: TreeEntry,
  path: string
): Promise<void> {
  const handle = await open(path, 'wx', 0o600)
  try {
    for (const block of reader.blocks(entry.inode.ino)) {
      const hex = toHex(block.id)
      const blob = await stores.get(hex)
      if (!blob) throw new Error(`/${entry.path}: block ${hex} is not in ${stores.display}`)
      await handle.write(decodeBlock(blob, block.id, block.key, hash))
    }
  } finally {
    await handle.close()
  }
  await chmod(path, permissions(entry.inode.mode))
  await utimes(path, entry.inode.mtime, entry.inode.mtime)
}

/** A name from the flist must stay one path component inside the target. */
function checkName(entry: TreeEntry): void {
  if (entry.path === '') return
  const name = entry.inode.name
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new Error(
      `the flist holds an entry named '${name}' under /${entry.path}, which cannot be unpacked safely`
    )
  }
}
