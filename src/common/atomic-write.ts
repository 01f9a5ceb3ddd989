import { randomBytes } from 'node:crypto'
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'

/**
 * Writes a file through a temporary name in the same directory and renames it into place, so a
 * reader (or a concurrent writer of the same content) never sees half of it.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = temporaryName(path)
  try {
    await writeFile(temporary, bytes)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** The same, blocking: for a worker thread, where a promise per call costs more than the call. */
export function writeFileAtomicallySync(path: string, bytes: Uint8Array): void {
  const temporary = temporaryName(path)
  try {
    writeFileSync(temporary, bytes)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
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
