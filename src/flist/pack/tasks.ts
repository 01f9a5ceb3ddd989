// How a tree's files become worker tasks: large files cut into segments spread across workers,
// small ones grouped so a message's cost is paid per few megabytes rather than per file.
import { BLOCK_SIZE } from '../format/codec.js'
import type { Segment } from './segment.js'
import type { TreeItem } from './walk.js'

/** Chunks one worker encodes in a row: large files spread across workers, small ones stay whole. */
const SEGMENT_CHUNKS = 8
/** One worker task: up to this many bytes of plain data, from up to TASK_FILES files. */
export const TASK_BYTES = SEGMENT_CHUNKS * BLOCK_SIZE
const TASK_FILES = 64

export interface Task {
  segments: Segment[]
  /** The file of each segment. */
  files: TreeItem[]
  /** Plain bytes the task covers. */
  bytes: number
}

/** Cuts files into segments and groups them into tasks, in file order. */
export function planTasks(files: TreeItem[]): Task[] {
  const tasks: Task[] = []
  let current: Task | undefined
  for (const file of files) {
    const { size } = file.stats
    const chunks = Math.ceil(size / BLOCK_SIZE)
    for (let first = 0; first < chunks; first += SEGMENT_CHUNKS) {
      const count = Math.min(SEGMENT_CHUNKS, chunks - first)
      const bytes = Math.min(size, (first + count) * BLOCK_SIZE) - first * BLOCK_SIZE
      if (!current || current.bytes + bytes > TASK_BYTES || current.segments.length >= TASK_FILES) {
        current = { segments: [], files: [], bytes: 0 }
        tasks.push(current)
      }
      current.segments.push({ path: file.path, first, count, size })
      current.files.push(file)
      current.bytes += bytes
    }
  }
  return tasks
}
