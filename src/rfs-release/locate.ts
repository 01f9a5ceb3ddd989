import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, isAbsolute, join, resolve } from 'node:path'
import { readdirSync } from 'node:fs'
import { UserError } from '../common/errors.js'
import type { InputLabel } from '../common/input-label.js'

/** Looks at the file system: whether a regular file this process may execute is at `path`. */
export function existsAsExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The `rfs-path` input: it names a binary on purpose, so anything wrong with it is an error. */
export function fromInput(path: string, projectRoot: string, label: InputLabel): string {
  const input = label('rfs-path')
  const absolute = isAbsolute(path) ? path : resolve(projectRoot, path)
  let isFile: boolean
  try {
    isFile = statSync(absolute).isFile()
  } catch {
    throw new UserError(
      `${input}: ${absolute} does not exist; give the path of an rfs binary or leave ${input} empty`
    )
  }
  if (!isFile)
    throw new UserError(
      `${input}: ${absolute} is not a file; give the path of the rfs binary itself`
    )
  if (!existsAsExecutable(absolute)) {
    throw new UserError(`${input}: ${absolute} is not executable; run chmod +x on it`)
  }
  return absolute
}

/** The first executable `rfs` in the PATH directories, as a shell would pick it. */
export function onPath(pathVariable: string | undefined = process.env.PATH): string | undefined {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = resolve(dir, 'rfs')
    if (existsAsExecutable(candidate)) return candidate
  }
  return undefined
}

const PREFERRED_TARGET = 'x86_64-unknown-linux-musl'

/**
 * A binary already built in the source tree: `target/<triple>/release/rfs`, the static musl build
 * first (what Zero-OS ships), then any other triple, then a host build in `target/release/rfs`.
 */
export function inSourceTree(source: string): string | undefined {
  const targetDir = join(source, 'target')
  let triples: string[]
  try {
    triples = readdirSync(targetDir, { withFileTypes: true })
      .filter(entry => entry.isDirectory() && entry.name !== 'release' && entry.name !== 'debug')
      .map(entry => entry.name)
      .sort(
        (a, b) =>
          Number(b === PREFERRED_TARGET) - Number(a === PREFERRED_TARGET) || a.localeCompare(b)
      )
  } catch {
    return undefined
  }
  const candidates = [
    ...triples.map(triple => join(targetDir, triple, 'release', 'rfs')),
    join(targetDir, 'release', 'rfs')
  ]
  return candidates.find(existsAsExecutable)
}
