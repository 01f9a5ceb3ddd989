import { randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'

/**
 * Writes a file through a temporary name in the same directory and renames it into place, so a
 * reader (or a concurrent writer of the same content) never sees half of it.
 *
 * Synchronous on purpose: the files written are local (a dir:// store's blobs, a manifest, a
 * result file), and a write into the page cache is a few system calls. A dir:// pack writes one
 * file per blob; through the thread pool, handing each call over costs the main thread more than
 * the call itself, CPU taken from the workers that encode (docs/performance.md).
 */
export function writeFileAtomically(path: string, bytes: Uint8Array): void {
  const temporary = temporaryName(path)
  try {
    writeFileSync(temporary, bytes)
    renameSync(temporary, path)
  } catch (error) {
    // The first failure is the one to report: a clean-up of a path that could not be made fails
    // too (ENOTDIR where the parent is a file).
    try {
      rmSync(temporary, { force: true })
    } catch {
      // Nothing was written there.
    }
    throw error
  }
}

/**
 * Unique among writers in other threads, processes or hosts that share the directory: a random
 * part drawn once per thread, and a counter.
 */
const writer = randomBytes(6).toString('hex')
let written = 0

function temporaryName(path: string): string {
  return `${path}.${writer}${(written++).toString(36)}.tmp`
}
