/** One row of the inode table, with its link target from the extra table when it has one. */
export interface InodeRecord {
  ino: number
  parent: number
  /** UTF-8: the packer refuses other names, the reader refuses flists that hold them. */
  name: string
  size: number
  uid: number
  gid: number
  /** Full st_mode: file-type bits and permissions. */
  mode: number
  rdev: number
  ctime: number
  mtime: number
  /** Symlink target bytes (the extra table). */
  data?: Uint8Array
}

export interface BlockRecord {
  id: Uint8Array
  key: Uint8Array
}

export interface RouteRecord {
  start: number
  end: number
  url: string
}
