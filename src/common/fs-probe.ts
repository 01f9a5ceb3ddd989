import { stat } from 'node:fs/promises'

/** Looks at the file system: whether a directory (or a symlink to one) is at `path`. */
export async function existsAsDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory()
  } catch {
    return false
  }
}
