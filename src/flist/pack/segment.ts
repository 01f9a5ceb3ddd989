// Reads one segment of a file, chunk by chunk, for its encoder. Kept apart from the worker entry
// so it can run (and be tested) on any thread.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { UserError } from '../../common/errors.js'
import { describeOsError } from '../../common/os-error.js'
import { BLOCK_SIZE } from '../format/codec.js'

export interface Segment {
  path: string | Uint8Array
  first: number
  count: number
  size: number
}

/**
 * Calls `emit` with each chunk of the segment in order. `buffer` (BLOCK_SIZE bytes) is reused for
 * every read: the codec copies what it keeps. A file that got shorter since it was listed fails.
 */
export function readSegment(
  segment: Segment,
  buffer: Uint8Array,
  emit: (index: number, plain: Uint8Array) => void
): void {
  const fd = openRegular(segment.path)
  try {
    for (let index = segment.first; index < segment.first + segment.count; index++) {
      const offset = index * BLOCK_SIZE
      const length = Math.min(BLOCK_SIZE, segment.size - offset)
      const plain = buffer.subarray(0, length)
      try {
        readFully(fd, plain, offset, segment.path)
      } catch (error) {
        throw readError(error, segment.path)
      }
      emit(index, plain)
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
      throw new UserError(
        `${pathName(path)} got shorter while it was being packed: pack a tree nothing writes to meanwhile`
      )
    }
    filled += read
  }
}

/**
 * Opens a file listed as regular. Non-blocking, so that one replaced by a FIFO since it was listed
 * fails here instead of waiting forever for a writer.
 */
function openRegular(path: string | Uint8Array): number {
  let fd: number
  try {
    // Paths cross threads as Uint8Array (a cloned Buffer); fs takes any Uint8Array.
    fd = openSync(path as string | Buffer, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    throw readError(error, path)
  }
  if (!fstatSync(fd).isFile()) {
    closeSync(fd)
    throw new UserError(
      `${pathName(path)} is no longer a regular file: pack a tree nothing changes while it is packed`
    )
  }
  return fd
}

function readError(error: unknown, path: string | Uint8Array): Error {
  if (error instanceof UserError) return error
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    return new UserError(
      `${pathName(path)} disappeared while it was being packed: pack a tree nothing changes meanwhile`
    )
  }
  return new UserError(
    `cannot read ${pathName(path)}: ${describeOsError(error)}: make it readable, or remove it from the tree`
  )
}

function pathName(path: string | Uint8Array): string {
  return typeof path === 'string' ? path : Buffer.from(path).toString()
}
