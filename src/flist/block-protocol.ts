// Messages between the pack and its block workers. Chunks are read by the workers themselves, so
// file bytes never cross threads; only the encoded blobs come back, transferred rather than copied.

/** Encode `count` chunks of one file, starting at chunk `first`. */
export interface SegmentTask {
  type: 'segment'
  task: number
  path: string | Uint8Array
  first: number
  count: number
  /** The file's size as recorded; the last chunk may be shorter than BLOCK_SIZE. */
  size: number
}

export interface EncodedChunkMessage {
  type: 'block'
  task: number
  /** Chunk number within the file. */
  index: number
  id: Uint8Array
  key: Uint8Array
  blob: Uint8Array
  plainLength: number
}

export interface SegmentDoneMessage {
  type: 'done'
  task: number
}

export interface SegmentFailedMessage {
  type: 'error'
  task: number
  message: string
}

export interface WorkerReadyMessage {
  type: 'ready'
}

export type WorkerMessage =
  EncodedChunkMessage | SegmentDoneMessage | SegmentFailedMessage | WorkerReadyMessage
