// Awkward trees on disk, and a strict comparison of two trees.
import { createHash } from 'node:crypto'
import { afterAll } from '@jest/globals'
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const madeDirs: string[] = []

/** A new directory under the OS's temporary directory, removed once the test file is done. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`))
  madeDirs.push(dir)
  return dir
}

/** Removes every directory tempDir made in this test file. */
export function removeTempDirs(): void {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

// Registered by every test file that imports this module (each has its own copy), so a directory
// made inside a test body, where no hook may be defined, is removed as well.
afterAll(removeTempDirs)

/** Deterministic bytes: half runs of a repeated pattern (compressible), half xorshift noise. */
export function pseudoRandomBytes(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length)
  let state = seed >>> 0 || 1
  for (let i = 0; i < length; i += 4) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    const word = (i >> 12) % 2 === 0 ? state : 0x6b6f2e30 + (i >> 12)
    bytes.writeUInt32LE(word >>> 0, i < length - 3 ? i : length - 4)
  }
  return bytes
}

export const KIB = 1024
export const MIB = 1024 * 1024

/**
 * Empty files, exactly one block and one block plus a byte, multi-MB, repeated blocks, symlinks
 * (relative, absolute, dangling, to a directory), unicode and space names, deep nesting, an empty
 * directory, unusual permissions.
 */
export function makeAwkwardTree(root: string): void {
  mkdirSync(root, { recursive: true })
  writeFileSync(join(root, 'empty'), '')
  writeFileSync(join(root, 'block-exact.bin'), pseudoRandomBytes(512 * KIB, 1))
  writeFileSync(join(root, 'block-plus-one.bin'), pseudoRandomBytes(512 * KIB + 1, 2))
  writeFileSync(join(root, 'multi-mb.bin'), pseudoRandomBytes(3 * MIB + 12345, 3))
  // Four identical blocks: one blob, stored once.
  writeFileSync(
    join(root, 'repeated.bin'),
    Buffer.concat(Array.from({ length: 4 }, () => pseudoRandomBytes(512 * KIB, 4)))
  )
  writeFileSync(join(root, 'small.txt'), 'hello flist\n')
  mkdirSync(join(root, 'names'))
  writeFileSync(join(root, 'names', 'with space.ko'), 'space\n')
  writeFileSync(join(root, 'names', 'ünïcødé-模块-🚀.ko'), 'unicode\n')
  writeFileSync(join(root, 'names', 'Zupper'), 'sorts before lower case\n')
  let deep = root
  for (let level = 0; level < 24; level++) deep = join(deep, `d${level}`)
  mkdirSync(deep, { recursive: true })
  writeFileSync(join(deep, 'bottom.txt'), 'deep\n')
  mkdirSync(join(root, 'empty-dir'))
  mkdirSync(join(root, 'links'))
  symlinkSync('../small.txt', join(root, 'links', 'relative'))
  symlinkSync('/etc/hostname', join(root, 'links', 'absolute'))
  symlinkSync('does/not/exist', join(root, 'links', 'dangling'))
  symlinkSync('../names', join(root, 'links', 'to-dir'))
  writeFileSync(join(root, 'script.sh'), '#!/bin/sh\necho hi\n')
  chmodSync(join(root, 'script.sh'), 0o755)
  writeFileSync(join(root, 'private'), 'secret-ish\n')
  chmodSync(join(root, 'private'), 0o600)
  mkdirSync(join(root, 'restricted'))
  writeFileSync(join(root, 'restricted', 'inside'), 'x')
  chmodSync(join(root, 'restricted'), 0o750)
}

export interface EntrySummary {
  type: string
  mode: number
  size?: number
  content?: string
  target?: string
}

/** Every entry under root by relative path: type, permission bits, content hash, link target. */
export function describeTree(root: string): Record<string, EntrySummary> {
  const result: Record<string, EntrySummary> = {}
  const visit = (relative: string): void => {
    const path = join(root, relative)
    const stats = lstatSync(path)
    const mode = stats.mode & 0o7777
    if (stats.isSymbolicLink())
      result[relative] = { type: 'symlink', mode: 0, target: readlinkSync(path) }
    else if (stats.isFile()) {
      const content = createHash('sha256').update(readFileSync(path)).digest('hex')
      result[relative] = { type: 'file', mode, size: stats.size, content }
    } else if (stats.isDirectory()) {
      if (relative !== '') result[relative] = { type: 'directory', mode }
      for (const name of readdirSync(path)) visit(relative === '' ? name : `${relative}/${name}`)
    } else result[relative] = { type: 'other', mode }
  }
  visit('')
  return result
}
