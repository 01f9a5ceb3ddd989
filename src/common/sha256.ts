import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** Hex sha256 of bytes in memory. */
export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Hex sha256 of a file, read as a stream so that a large file is never held in memory. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}
