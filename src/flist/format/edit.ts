// One way to change the metadata of a written flist: its tags, its routes, the owner and the times
// of its entries. The rfs-compatible `config` command edits a file in place with it; the rfs
// engine applies it while it rewrites rfs's flist in canonical order. Blocks are never touched, so
// the store is unaffected.
import type { InodeRecord, RouteRecord } from './inode.js'
import { FlistReader } from './reader.js'
import { FlistWriter } from './writer.js'

type Tag = readonly [string, string]

export interface FlistEdit {
  /** Given to every entry. */
  owner?: Pick<InodeRecord, 'uid' | 'gid'>
  /** Seconds; later ctime and mtime values are clamped to it. */
  sourceDateEpoch?: number
  /** Tags removed first: those of these keys, or every tag. */
  deleteTags?: readonly string[] | 'all'
  /** Then set, as rfs's `config tag add` does: a key already there takes the new value in place. */
  setTags?: readonly Tag[]
  /** Routes removed first: those of these URLs, or every route. */
  deleteRoutes?: readonly string[] | 'all'
  /** Then appended, in this order. */
  addRoutes?: readonly RouteRecord[]
}

/** The edit that makes `routes` the flist's whole route table. */
export function replaceRoutes(routes: readonly RouteRecord[]): FlistEdit {
  return { deleteRoutes: 'all', addRoutes: routes }
}

export function editedInode(inode: InodeRecord, edit: FlistEdit): InodeRecord {
  const epoch = edit.sourceDateEpoch
  const clamp = (time: number): number => (epoch !== undefined && time > epoch ? epoch : time)
  return {
    ...inode,
    uid: edit.owner?.uid ?? inode.uid,
    gid: edit.owner?.gid ?? inode.gid,
    ctime: clamp(inode.ctime),
    mtime: clamp(inode.mtime)
  }
}

/** The tags after the edit, in the order they are to be stored. */
export function editedTags(present: readonly Tag[], edit: FlistEdit): Array<[string, string]> {
  const tags = new Map<string, string>()
  for (const [key, value] of present) {
    if (!removed(edit.deleteTags, key)) tags.set(key, value)
  }
  for (const [key, value] of edit.setTags ?? []) tags.set(key, value)
  return [...tags]
}

/** The routes after the edit, in the order they are to be stored. */
export function editedRoutes(present: readonly RouteRecord[], edit: FlistEdit): RouteRecord[] {
  const kept = present.filter(route => !removed(edit.deleteRoutes, route.url))
  return [...kept, ...(edit.addRoutes ?? [])].map(({ start, end, url }) => ({ start, end, url }))
}

/** Edits the flist at `path` in place: entries keep their numbers and rows their order. */
export async function editFlist(path: string, edit: FlistEdit): Promise<void> {
  const reader = await FlistReader.open(path)
  let tags: Array<[string, string]>
  let routes: RouteRecord[]
  const changed: InodeRecord[] = []
  try {
    tags = editedTags(reader.tags(), edit)
    routes = editedRoutes(reader.routes(), edit)
    if (edit.owner !== undefined || edit.sourceDateEpoch !== undefined) {
      for (const { inode } of reader.walk()) {
        const after = editedInode(inode, edit)
        const same = ['uid', 'gid', 'ctime', 'mtime'] as const
        if (same.some(field => after[field] !== inode[field])) changed.push(after)
      }
    }
  } finally {
    reader.close()
  }
  const writer = await FlistWriter.open(path)
  try {
    writer.transaction(() => {
      writer.replaceTags(tags)
      writer.replaceRoutes(routes)
      for (const inode of changed) writer.updateOwnerAndTimes(inode)
    })
    writer.save(path)
  } finally {
    writer.close()
  }
}

function removed(deleted: readonly string[] | 'all' | undefined, key: string): boolean {
  return deleted === 'all' || (deleted?.includes(key) ?? false)
}
