import { randomBytes } from 'node:crypto'
import { rename, rm, writeFile } from 'node:fs'
import { promisify } from 'node:util'

// The callback forms: fs/promises' writeFile opens a FileHandle per call, which costs the calling
// thread about half as much again per file, and a dir:// pack writes one file per blob.
const writeFileAsync = promisify(writeFile)
const renameAsync = promisify(rename)
const rmAsync = promisify(rm)

/**
 * Writes a file through a temporary name in the same directory and renames it into place, so a
 * reader (or a concurrent writer of the same content) never sees half of it.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = temporaryName(path)
  try {
    await writeFileAsync(temporary, bytes)
    await renameAsync(temporary, path)
  } catch (error) {
    await rmAsync(temporary, { force: true })
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
