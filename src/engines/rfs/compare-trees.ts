// Compares a tree as it was packed with the same tree as a reader rebuilt it: which entries exist,
// their types, the contents and permission bits of files, and the targets of links. One line per
// difference, each naming the entry by its path inside the tree.
import type { Stats } from 'node:fs'
import { lstat, open, readdir, readlink } from 'node:fs/promises'
import { join } from 'node:path'

export interface TreeComparison {
  /** One line per difference, in path order. */
  differences: string[]
  /** Entries of the expected tree that were compared. */
  compared: number
  /** Devices, fifos and sockets of the expected tree: readers do not recreate them. */
  skipped: number
}

export interface CompareOptions {
  /** What the rebuilt tree is called in the lines, e.g. "rfs's unpack". */
  actualName: string
  signal?: AbortSignal
}

/**
 * `expected` is the source tree, `actual` what a reader made of it. Directory permissions, owners
 * and timestamps are not compared: `rfs unpack` creates directories with the process's umask and
 * never sets times (nor owners without `-p`, which needs root).
 */
export async function compareTrees(
  expected: string,
  actual: string,
  options: CompareOptions
): Promise<TreeComparison> {
  const result: TreeComparison = { differences: [], compared: 0, skipped: 0 }
  const walk = new TreeWalk(expected, actual, options, result)
  await walk.directory('')
  return result
}

type Kind = 'file' | 'directory' | 'symlink' | 'special'

function kindOf(stats: Stats): Kind {
  if (stats.isFile()) return 'file'
  if (stats.isDirectory()) return 'directory'
  if (stats.isSymbolicLink()) return 'symlink'
  return 'special'
}

const ARTICLE: Record<Kind, string> = {
  file: 'a file',
  directory: 'a directory',
  symlink: 'a symlink',
  special: 'a special file'
}

class TreeWalk {
  constructor(
    private readonly expected: string,
    private readonly actual: string,
    private readonly options: CompareOptions,
    private readonly result: TreeComparison
  ) {}

  private differ(relative: string, what: string): void {
    this.result.differences.push(`/${relative}: ${what}`)
  }

  async directory(relative: string): Promise<void> {
    this.options.signal?.throwIfAborted()
    const [expectedNames, actualNames] = await Promise.all([
      names(join(this.expected, relative)),
      names(join(this.actual, relative))
    ])
    const all = [...new Set([...expectedNames, ...actualNames])].sort()
    for (const name of all) {
      const path = relative === '' ? name : `${relative}/${name}`
      const source = expectedNames.has(name) ? await lstat(join(this.expected, path)) : undefined
      const rebuilt = actualNames.has(name) ? await lstat(join(this.actual, path)) : undefined
      if (source && kindOf(source) === 'special') {
        this.result.skipped++
        continue
      }
      if (!rebuilt) {
        this.differ(path, `in the source tree, missing from ${this.options.actualName}`)
        continue
      }
      if (!source) {
        this.differ(path, `in ${this.options.actualName}, not in the source tree`)
        continue
      }
      this.result.compared++
      const kind = kindOf(source)
      if (kind !== kindOf(rebuilt)) {
        this.differ(
          path,
          `${ARTICLE[kind]} in the source tree, ${ARTICLE[kindOf(rebuilt)]} in ${this.options.actualName}`
        )
        continue
      }
      if (kind === 'directory') await this.directory(path)
      else if (kind === 'file') await this.file(path, source, rebuilt)
      else await this.symlink(path)
    }
  }

  private async file(path: string, source: Stats, rebuilt: Stats): Promise<void> {
    const mode = source.mode & 0o7777
    const rebuiltMode = rebuilt.mode & 0o7777
    if (mode !== rebuiltMode) {
      this.differ(
        path,
        `mode ${octal(mode)} in the source tree, ${octal(rebuiltMode)} in ${this.options.actualName}`
      )
    }
    if (source.size !== rebuilt.size) {
      this.differ(
        path,
        `${source.size} bytes in the source tree, ${rebuilt.size} in ${this.options.actualName}`
      )
      return
    }
    const at = await firstDifference(join(this.expected, path), join(this.actual, path))
    if (at !== undefined) {
      this.differ(path, `content differs from byte ${at} in ${this.options.actualName}`)
    }
  }

  private async symlink(path: string): Promise<void> {
    const target = await readlink(join(this.expected, path))
    const rebuilt = await readlink(join(this.actual, path))
    // rfs may re-root an absolute target under the directory it unpacks into.
    const rerooted = target.startsWith('/') && rebuilt === join(this.actual, target)
    if (target !== rebuilt && !rerooted) {
      this.differ(
        path,
        `link to '${target}' in the source tree, to '${rebuilt}' in ${this.options.actualName}`
      )
    }
  }
}

async function names(dir: string): Promise<Set<string>> {
  try {
    return new Set(await readdir(dir))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Set()
    throw error
  }
}

function octal(mode: number): string {
  return mode.toString(8).padStart(4, '0')
}

const CHUNK = 1 << 20

/** The offset of the first byte where two files of the same size differ, if any. */
async function firstDifference(a: string, b: string): Promise<number | undefined> {
  const [left, right] = await Promise.all([open(a), open(b)])
  try {
    const one = Buffer.alloc(CHUNK)
    const two = Buffer.alloc(CHUNK)
    for (let offset = 0; ; offset += CHUNK) {
      const [{ bytesRead }, other] = await Promise.all([
        left.read(one, 0, CHUNK, offset),
        right.read(two, 0, CHUNK, offset)
      ])
      const length = Math.min(bytesRead, other.bytesRead)
      if (!one.subarray(0, length).equals(two.subarray(0, length))) {
        for (let i = 0; i < length; i++) if (one[i] !== two[i]) return offset + i
      }
      if (bytesRead !== other.bytesRead) return offset + length
      if (bytesRead === 0) return undefined
    }
  } finally {
    await Promise.all([left.close(), right.close()])
  }
}
