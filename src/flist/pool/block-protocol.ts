// Messages between the pack and its block workers. Chunks are read by the workers themselves, so
// file bytes never cross threads; the ciphertexts of the blobs come back transferred rather than
// copied.
import type { Segment } from '../pack/segment.js'

/** Given to every worker as it starts. */
export interface WorkerSetup {
  /** Key and id pairs of blocks an earlier flist names (see known-blocks.ts): not encoded again. */
  known?: Uint8Array
}

/**
 * Encode the chunks of one or more file segments. Many small files go in one task, so the cost of
 * a message is paid per few megabytes rather than per file.
 */
export interface EncodeTask {
  type: 'encode'
  task: number
  segments: Segment[]
  /** Encode every chunk, known blocks too. */
  fresh?: boolean
}

/** One encoded chunk of a task. */
export interface EncodedChunkEntry {
  /** Position of its segment in the task. */
  segment: number
  /** Chunk number within the file. */
  index: number
  plainLength: number
  /** Bytes of the blob: what a store must hold under its id. */
  blobLength: number
  /**
   * The blob's ciphertext; the blob, for the main thread to store, is it followed by the chunk's
   * tag. Absent when its id was taken from the known blocks: no blob was made, and blobLength is
   * 0 (the stores are asked for its size).
   */
  ciphertext?: Uint8Array
}

/**
 * A task's chunks, in order; ids and keys are 32 bytes each, tags (AES-GCM's) 16, in the same
 * order (a known block's tag is zeros).
 */
export interface TaskDoneMessage {
  type: 'done'
  task: number
  chunks: EncodedChunkEntry[]
  ids: Uint8Array
  keys: Uint8Array
  tags: Uint8Array
}

export interface TaskFailedMessage {
  type: 'error'
  task: number
  message: string
  /** A failure the user can act on (a store refused a blob), not a bug. */
  userFacing: boolean
}

export type WorkerMessage = TaskDoneMessage | TaskFailedMessage
