// File-type bits of st_mode, as Linux (and rfs) define them.
export const S_IFMT = 0o170000
export const S_IFSOCK = 0o140000
export const S_IFLNK = 0o120000
export const S_IFREG = 0o100000
export const S_IFBLK = 0o060000
export const S_IFDIR = 0o040000
export const S_IFCHR = 0o020000
export const S_IFIFO = 0o010000

export type EntryType =
  'file' | 'directory' | 'symlink' | 'block' | 'char' | 'fifo' | 'socket' | 'unknown'

export function entryType(mode: number): EntryType {
  switch (mode & S_IFMT) {
    case S_IFREG:
      return 'file'
    case S_IFDIR:
      return 'directory'
    case S_IFLNK:
      return 'symlink'
    case S_IFBLK:
      return 'block'
    case S_IFCHR:
      return 'char'
    case S_IFIFO:
      return 'fifo'
    case S_IFSOCK:
      return 'socket'
    default:
      return 'unknown'
  }
}

export function permissions(mode: number): number {
  return mode & ~S_IFMT & 0o7777
}
