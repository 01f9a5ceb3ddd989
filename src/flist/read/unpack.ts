// Rebuilds a tree from an flist and its stores: contents, modes and mtimes; owners on request.
// Link targets are written as recorded (rfs itself re-roots absolute ones under the target).
//
// Nothing is written outside the target: the reader refuses trees whose names would leave it
// (see FlistReader.checkedTree), the target must be empty, directories and files are created
// with O_EXCL and O_NOFOLLOW, symlinks come after everything else, and modes, times and owners
// are set through the descriptors of what this unpack opened, never through a path that could
// be a link. A failed unpack removes what it created.
import { constants } from 'node:fs'
import {
  lchown,
  lutimes,
  mkdir,
  open,
  readdir,
  realpath,
  rm,
  stat,
  symlink,
  type FileHandle
} from 'node:fs/promises'
import { join } from 'node:path'
import { oneLine, UserError } from '../../common/errors.js'
import type { StoreRouter } from '../../store/router.js'
import { createBlake2b256, decodeBlock, toHex, type Blake2b256 } from '../format/codec.js'
import { forEachLimited } from '../../common/concurrency.js'
import { entryType, permissions } from '../format/modes.js'
import { escapeName } from '../format/name-bytes.js'
import { FlistReader, type TreeEntry } from '../format/reader.js'
import { readerStores } from './routes.js'
import type { S3RequestPolicy } from '../../s3/client.js'
import type { StoreSpec } from '../../store-url/spec.js'

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
  /** Told the credentials of the stores it reads, routes included (a runner masks them). */
  mask?: (secret: string) => void
}

export interface UnpackResult {
  files: number
  directories: number
  symlinks: number
  /** Devices, fifos and sockets, which are not recreated. */
  skipped: number
  bytes: number
}

const { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants
/** What this unpack needs of the directories it makes until their own modes are set. */
const WORKING_MODE = 0o700

export async function unpackFlist(
  flistPath: string,
  target: string,
  options: UnpackOptions = {}
): Promise<UnpackResult> {
  const reader = await FlistReader.open(flistPath)
  try {
    const stores = await readerStores(reader, options.stores, {
      signal: options.signal,
      s3Requests: options.s3Requests,
      mask: options.mask
    })
    const hash = await createBlake2b256()
    const entries = [...reader.walk()]
    options.signal?.throwIfAborted()
    const claimed = await claimTarget(target)
    try {
      return await rebuild(reader, stores, hash, entries, claimed.root, options)
    } catch (error) {
      // The failure is what the caller must see; one in the clean-up is only told.
      await claimed
        .release(entries)
        .catch((cleanup: unknown) =>
          options.log?.(`removing what was unpacked into ${target} failed: ${oneLine(cleanup)}`)
        )
      throw error
    }
  } finally {
    reader.close()
  }
}

async function rebuild(
  reader: FlistReader,
  stores: StoreRouter,
  hash: Blake2b256,
  entries: TreeEntry[],
  root: string,
  options: UnpackOptions
): Promise<UnpackResult> {
  const result: UnpackResult = { files: 0, directories: 0, symlinks: 0, skipped: 0, bytes: 0 }
  const files: TreeEntry[] = []
  const links: TreeEntry[] = []
  const directories: TreeEntry[] = []
  // Parents come before their children, so each directory's parent is already made.
  for (const entry of entries) {
    options.signal?.throwIfAborted()
    const type = entryType(entry.inode.mode)
    if (type === 'directory') {
      if (entry.path !== '') await mkdir(join(root, entry.path), WORKING_MODE)
      directories.push(entry)
    } else if (type === 'file') files.push(entry)
    else if (type === 'symlink') links.push(entry)
    else {
      options.log?.(`/${escapeName(entry.path)}: ${type} entries are not recreated`)
      result.skipped++
    }
  }
  await forEachLimited(
    files,
    options.concurrency ?? 4,
    async entry => {
      await writeFile(reader, stores, hash, entry, root, options)
      result.files++
      result.bytes += entry.inode.size
    },
    options.signal
  )
  // Links last: no path this unpack creates or opens can then lead through one.
  for (const entry of links) {
    options.signal?.throwIfAborted()
    const path = join(root, entry.path)
    await symlink(Buffer.from(entry.inode.data!), path)
    await lutimes(path, entry.inode.mtime, entry.inode.mtime)
    if (options.preserveOwnership) await lchown(path, entry.inode.uid, entry.inode.gid)
    result.symlinks++
  }
  // Directory modes and times after their contents, deepest first: writing inside a directory
  // changes its mtime, and a read-only directory could not be filled.
  for (const entry of directories.reverse()) {
    const handle = await open(join(root, entry.path), O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
    try {
      await applyMetadata(handle, entry, options)
    } finally {
      await handle.close()
    }
    result.directories++
  }
  return result
}

async function writeFile(
  reader: FlistReader,
  stores: StoreRouter,
  hash: Blake2b256,
  entry: TreeEntry,
  root: string,
  options: UnpackOptions
): Promise<void> {
  const path = join(root, entry.path)
  const handle = await open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
  try {
    let written = 0
    for (const block of reader.blocks(entry.inode.ino)) {
      // Checked before each fetch: a crafted flist may name one blob for ever more blocks, and
      // the disk must not fill before the sizes are compared.
      if (written > entry.inode.size) throw tooLarge(reader, entry)
      const hex = toHex(block.id)
      const blob = await stores.get(hex)
      if (!blob)
        throw new Error(
          `${reader.path}: /${escapeName(entry.path)}: block ${hex} is not in ${stores.display}`
        )
      const plain = decodeBlock(blob, block.id, block.key, hash)
      await handle.write(plain)
      written += plain.length
    }
    if (written > entry.inode.size) throw tooLarge(reader, entry)
    if (written !== entry.inode.size) {
      throw new UserError(
        `${reader.path}: /${escapeName(entry.path)}: its blocks hold ${written} bytes, its inode says ${entry.inode.size}`
      )
    }
    await applyMetadata(handle, entry, options)
  } finally {
    await handle.close()
  }
}

function tooLarge(reader: FlistReader, entry: TreeEntry): UserError {
  return new UserError(
    `${reader.path}: /${escapeName(entry.path)}: its blocks hold more than the ${entry.inode.size} bytes its inode says`
  )
}

/** Mode, times and (on request) owner, set through an open descriptor: links are never followed. */
async function applyMetadata(
  handle: FileHandle,
  { inode }: TreeEntry,
  options: UnpackOptions
): Promise<void> {
  if (options.preserveOwnership) await handle.chown(inode.uid, inode.gid)
  await handle.chmod(permissions(inode.mode))
  await handle.utimes(inode.mtime, inode.mtime)
}

interface ClaimedTarget {
  /** The target's real path: entries are made under it. */
  root: string
  /** Removes what the unpack made, and gives back a target that was there its mode and times. */
  release(entries: TreeEntry[]): Promise<void>
}

/** A new or empty directory; anything else is refused, so an unpack never mixes with other files. */
async function claimTarget(target: string): Promise<ClaimedTarget> {
  const found = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw targetError(target, error)
  })
  if (!found) {
    // The first directory mkdir made, the target or one of its parents: all of it is ours.
    const made = await mkdir(target, { recursive: true, mode: WORKING_MODE }).catch(
      (error: NodeJS.ErrnoException) => {
        throw targetError(target, error)
      }
    )
    const root = await realpath(target)
    return {
      root,
      release: async entries => {
        await makeWritable(root, entries)
        await rm(made ?? target, { recursive: true, force: true })
      }
    }
  }
  if (!found.isDirectory())
    throw new UserError(
      `the unpack target ${target} is not a directory: unpack into a new or empty directory`
    )
  const inside = await readdir(target).catch((error: NodeJS.ErrnoException) => {
    throw targetError(target, error)
  })
  if (inside.length > 0)
    throw new UserError(
      `the unpack target ${target} is not empty: unpack into a new or empty directory`
    )
  const root = await realpath(target)
  return {
    root,
    release: async entries => {
      await makeWritable(root, entries)
      for (const name of await readdir(root))
        await rm(join(root, name), { recursive: true, force: true })
      const handle = await open(root, O_RDONLY | O_DIRECTORY)
      try {
        await handle.chmod(found.mode & 0o7777)
        await handle.utimes(found.atime, found.mtime)
      } finally {
        await handle.close()
      }
    }
  }
}

/** Directories given read-only modes before a failure must be emptied: give them back to us. */
async function makeWritable(root: string, entries: TreeEntry[]): Promise<void> {
  for (const entry of entries) {
    if (entryType(entry.inode.mode) !== 'directory') continue
    const handle = await open(join(root, entry.path), O_RDONLY | O_DIRECTORY | O_NOFOLLOW).catch(
      () => undefined
    )
    if (!handle) continue
    await handle.chmod(WORKING_MODE).catch(() => undefined)
    await handle.close()
  }
}

const TARGET_REASONS: Record<string, string> = {
  ENOTDIR: 'part of its path is a file, not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'its path has too many symbolic links'
}

function targetError(target: string, error: NodeJS.ErrnoException): UserError {
  const reason = TARGET_REASONS[error.code ?? ''] ?? error.code ?? error.message
  return new UserError(
    `the unpack target ${target} cannot be used (${reason}): unpack into a new or empty directory you can write to`
  )
}
