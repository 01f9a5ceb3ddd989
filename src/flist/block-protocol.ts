// Messages between the pack and its block workers. Chunks are read by the workers themselves, so
// file bytes never cross threads; only the encoded blobs come back, transferred rather than copied.
import type { Segment } from './segment.js'

/**
 * Encode the chunks of one or more file segments. Many small files go in one task, so the cost of
 * a message is paid per few megabytes rather than per file.
 */
export interface EncodeTask {
  type: 'encode'
  task: number
  segments: Segment[]
}

/** One encoded chunk of a task. */
export interface EncodedChunkEntry {
  /** Position of its segment in the task. */
  segment: number
  /** Chunk number within the file. */
  index: number
  blob: Uint8Array
  plainLength: number
}

/** A task's chunks, in order; ids and keys are 32 bytes each, in the same order. */
export interface TaskDoneMessage {
  type: 'done'
  task: number
  chunks: EncodedChunkEntry[]
  ids: Uint8Array
  keys: Uint8Array
}

export interface TaskFailedMessage {
  type: 'error'
  task: number
  message: string
}

export interface WorkerReadyMessage {
  type: 'ready'
}

export type WorkerMessage = TaskDoneMessage | TaskFailedMessage | WorkerReadyMessage
