import * as cache from '@actions/cache'
import { createHash } from 'node:crypto'
import { chmod, copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { arch, platform } from 'node:os'
import { dirname, join, relative, sep } from 'node:path'
import { oneLine } from '../common/errors.js'
import { existsAsExecutable } from './locate.js'
import type { RfsLog } from './log.js'
import { runProgram } from './run.js'

/** Build output and tooling that do not change what is built. */
const NOT_SOURCE = new Set(['target', '.git', 'node_modules'])

/**
 * Identifies the source to build: the git tree id of the source directory when it is a clean git
 * checkout (the same rfs at any commit of the enclosing repository gives the same key), else a
 * hash of its files.
 */
export async function sourceFingerprint(source: string): Promise<string> {
  return (await gitTree(source)) ?? `sha256-${await hashTree(source)}`
}

async function gitTree(source: string): Promise<string | undefined> {
  try {
    const tree = await runProgram('git', ['-C', source, 'rev-parse', 'HEAD:./'])
    if (tree.code !== 0) return undefined
    const status = await runProgram('git', ['-C', source, 'status', '--porcelain', '--', '.'])
    if (status.code !== 0 || status.stdout.trim() !== '') return undefined
    const id = tree.stdout.trim()
    return /^[0-9a-f]{40,64}$/.test(id) ? `git-${id}` : undefined
  } catch {
    return undefined
  }
}

async function hashTree(root: string): Promise<string> {
  const hash = createHash('sha256')
  const walk = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    )
    for (const entry of entries) {
      if (dir === root && NOT_SOURCE.has(entry.name)) continue
      if (entry.name === '.git') continue
      const path = join(dir, entry.name)
      const name = relative(root, path).split(sep).join('/')
      if (entry.isDirectory()) {
        await walk(path)
      } else if (entry.isFile()) {
        const executable = ((await stat(path)).mode & 0o111) !== 0
        hash.update(`${name}\0${executable ? 'x' : '-'}\0`)
        hash.update(await readFile(path))
        hash.update('\0')
      } else if (entry.isSymbolicLink()) {
        hash.update(`${name}\0l\0`)
      }
    }
  }
  await walk(root)
  return hash.digest('hex')
}

export function buildCacheKey(fingerprint: string, target: string | undefined): string {
  return `rfs-bin-${platform()}-${arch()}-${target ?? 'host'}-${fingerprint}`
}

/**
 * Where the cached binary lives: inside the source's target directory, so the path is the same on
 * every run of the workflow (@actions/cache matches paths as well as keys) and cargo clean drops it.
 */
export function cachedBinaryPath(source: string): string {
  return join(source, 'target', 'rfs-flist-action', 'rfs')
}

/**
 * No cache service (self-hosted Forgejo/Gitea without one, a shell run) only costs a build, so
 * every trouble here is a warning.
 */
function available(): boolean {
  try {
    return cache.isFeatureAvailable()
  } catch {
    return false
  }
}

/** The binary of an earlier build of the same source, if the cache has it. */
export async function restoreBuilt(
  source: string,
  key: string,
  log: RfsLog
): Promise<string | undefined> {
  if (!available()) {
    log.warning('No cache service here, so rfs is built from source on every run')
    return undefined
  }
  const path = cachedBinaryPath(source)
  try {
    const hit = await cache.restoreCache([path], key)
    if (hit && existsAsExecutable(path)) return path
  } catch (error) {
    log.warning(`Could not restore the rfs build from the cache: ${oneLine(error)}`)
  }
  return undefined
}

/** Keeps a fresh build for later runs. */
export async function saveBuilt(
  binary: string,
  source: string,
  key: string,
  log: RfsLog
): Promise<void> {
  // Restoring has already warned when there is no cache service.
  if (!available()) return
  const path = cachedBinaryPath(source)
  try {
    await mkdir(dirname(path), { recursive: true })
    await copyFile(binary, path)
    await chmod(path, 0o755)
    await cache.saveCache([path], key)
  } catch (error) {
    log.warning(`Could not save the rfs build to the cache: ${oneLine(error)}`)
  }
}
