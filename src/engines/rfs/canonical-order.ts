// The flist rfs wrote, rewritten in one canonical order with the built-in SQLite, so that the same
// tree packed twice gives the same bytes and an unchanged rerun finds its manifest unchanged:
// rfs uploads several files at once and inserts each block row as its upload finishes, so the
// files' rows interleave differently on every run, and its inode numbers follow readdir order.
// What rfs cannot record is edited in on the way (see flist/format/edit.ts): ownership and times
// as rfs found them (a CI checkout gives the runner's uid and the checkout's mtimes) become the
// owner and SOURCE_DATE_EPOCH asked for; tags and routes go in where this rfs has no `config`
// command (no v2.0.x release has one). Only metadata is rewritten, never a block.
import { editedInode, editedRoutes, editedTags, type FlistEdit } from '../../flist/format/edit.js'
import type { InodeRecord } from '../../flist/format/inode.js'
import { S_IFDIR, S_IFMT } from '../../flist/format/modes.js'
import { FlistReader } from '../../flist/format/reader.js'
import { ROOT_INO } from '../../flist/format/schema.js'
import { FlistWriter } from '../../flist/format/writer.js'

/**
 * Rewrites the flist at `flistPath` in canonical order, with the edit applied:
 * - entries breadth first from the root, the children of each directory sorted by the bytes of
 *   their names, numbered in that order (as the built-in engine numbers them);
 * - each file's blocks in the order rfs inserted them, which is file order: readers fetch a file's
 *   blocks in row order, so that order is kept within the file and only files are regrouped;
 * - tags and routes in the order they hold.
 */
export async function rewriteInCanonicalOrder(
  flistPath: string,
  edit: FlistEdit = {}
): Promise<void> {
  const reader = await FlistReader.open(flistPath)
  let writer: FlistWriter | undefined
  try {
    writer = await FlistWriter.create()
    const out = writer
    out.transaction(() => {
      for (const { inode, ino, parent } of canonicalEntries(reader)) {
        out.inode(editedInode({ ...inode, ino, parent }, edit))
        for (const block of reader.blocks(inode.ino)) out.block(ino, block.id, block.key)
      }
    })
    for (const [key, value] of editedTags(reader.tags(), edit)) out.tag(key, value)
    for (const route of editedRoutes(reader.routes(), edit))
      out.route(route.start, route.end, route.url)
    out.save(flistPath)
  } finally {
    writer?.close()
    reader.close()
  }
}

interface CanonicalEntry {
  inode: InodeRecord
  /** The entry's new inode number and its parent's. */
  ino: number
  parent: number
}

/** Every entry of the tree (the reader has checked it), in canonical order with its new numbers. */
function canonicalEntries(reader: FlistReader): CanonicalEntry[] {
  const children = new Map<number, InodeRecord[]>()
  let root: InodeRecord | undefined
  for (const { inode } of reader.walk()) {
    if (inode.ino === ROOT_INO) root = inode
    else children.set(inode.parent, [...(children.get(inode.parent) ?? []), inode])
  }
  if (!root) throw new Error(`${reader.path} has no root directory`)
  const entries: CanonicalEntry[] = [{ inode: root, ino: ROOT_INO, parent: 0 }]
  for (let next = 0; next < entries.length; next++) {
    const directory = entries[next]
    if ((directory.inode.mode & S_IFMT) !== S_IFDIR) continue
    const sorted = (children.get(directory.inode.ino) ?? [])
      .map(child => ({ child, name: Buffer.from(child.name, 'utf8') }))
      .sort((a, b) => Buffer.compare(a.name, b.name) || a.child.ino - b.child.ino)
    for (const { child } of sorted) {
      entries.push({ inode: child, ino: entries.length + 1, parent: directory.ino })
    }
  }
  return entries
}
