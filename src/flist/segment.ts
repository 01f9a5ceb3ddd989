// Reads and encodes one segment of a file. Kept apart from the worker entry so it can run (and be
// tested) on any thread.
import { closeSync, openSync, readSync } from 'node:fs'
import { BLOCK_SIZE, encodeBlock, type Blake2b256, type EncodedBlock } from './codec.js'

export interface Segment {
  path: string | Uint8Array
  first: number
  count: number
  size: number
}

/**
 * Calls `emit` for each chunk of the segment in order. `buffer` (BLOCK_SIZE bytes) is reused for
 * every read: the codec copies what it keeps. A file that got shorter since it was listed fails.
 */
export function encodeSegment(
  segment: Segment,
  hash: Blake2b256,
  buffer: Uint8Array,
  emit: (index: number, block: EncodedBlock, plainLength: number) => void
): void {
  // Paths cross threads as Uint8Array (a cloned Buffer); fs takes any Uint8Array.
  const fd = openSync(segment.path as string | Buffer, 'r')
  try {
    for (let index = segment.first; index < segment.first + segment.count; index++) {
      const offset = index * BLOCK_SIZE
      const length = Math.min(BLOCK_SIZE, segment.size - offset)
      const plain = buffer.subarray(0, length)
      readFully(fd, plain, offset, segment.path)
      emit(index, encodeBlock(plain, hash), length)
    }
  } finally {
    closeSync(fd)
  }
}

function readFully(
  fd: number,
  target: Uint8Array,
  position: number,
  path: string | Uint8Array
): void {
  let filled = 0
  while (filled < target.length) {
    const read = readSync(fd, target, filled, target.length - filled, position + filled)
    if (read === 0) {
      const name = typeof path === 'string' ? path : Buffer.from(path).toString()
      throw new Error(`${name} got shorter while it was being packed`)
    }
    filled += read
  }
}
