// The flist rfs wrote, rewritten in one canonical order with the built-in SQLite, so that the same
// tree packed twice gives the same bytes and an unchanged rerun finds its manifest unchanged:
// - rfs uploads several files at once and inserts each block row as its upload finishes, so the
//   files' rows interleave differently on every run; its inode numbers follow readdir order;
// - ownership and times: rfs records them as it finds them (a CI checkout gives the runner's uid
//   and the checkout's mtimes); an owner or a SOURCE_DATE_EPOCH is applied here;
// - tags and routes: the rfs releases (v2.0.x) have no `config` command, so they may be written
//   here, the way rfs's later `config tag add` and `config store` do (a key already there gets the
//   new value; routes replace the whole table).
// Only metadata is rewritten, never a block, so the store is unaffected.
import type { InodeRecord, RouteRecord } from '../../flist/format/inode.js'
import { S_IFDIR, S_IFMT } from '../../flist/format/modes.js'
import { FlistReader } from '../../flist/format/reader.js'
import { ROOT_INO } from '../../flist/format/schema.js'
import { FlistWriter } from '../../flist/format/writer.js'
import type { Owner } from '../../flist/pack/record.js'
import type { StoreSpec } from '../../store/spec.js'

export interface MetadataFixes {
  owner?: Owner
  /** Seconds; later ctime/mtime values are clamped to it. */
  sourceDateEpoch?: number
  /** Added to the flist's tags; a key already there gets the new value. */
  tags?: ReadonlyArray<readonly [string, string]>
  /** Replace every route rfs recorded. */
  routes?: readonly StoreSpec[]
}

/**
 * Rewrites the flist at `flistPath` in canonical order, with the fixes applied:
 * - entries breadth first from the root, the children of each directory sorted by the bytes of
 *   their names, numbered in that order (as the built-in engine numbers them);
 * - each file's blocks in the order rfs inserted them, which is file order: readers fetch a file's
 *   blocks in row order, so that order is kept within the file and only files are regrouped;
 * - tags and routes in the order they hold.
 */
export async function normaliseFlist(flistPath: string, fixes: MetadataFixes = {}): Promise<void> {
  const reader = await FlistReader.open(flistPath)
  let writer: FlistWriter | undefined
  try {
    writer = await FlistWriter.create()
    const out = writer
    out.transaction(() => {
      for (const { inode, ino, parent } of canonicalEntries(reader)) {
        out.inode(fixed({ ...inode, ino, parent }, fixes))
        for (const block of reader.blocks(inode.ino)) out.block(ino, block.id, block.key)
      }
    })
    for (const [key, value] of mergedTags(reader.tags(), fixes.tags ?? [])) out.tag(key, value)
    const routes: readonly RouteRecord[] = fixes.routes ?? reader.routes()
    for (const route of routes) out.route(route.start, route.end, route.url)
    await out.save(flistPath)
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

function fixed(inode: InodeRecord, fixes: MetadataFixes): InodeRecord {
  const epoch = fixes.sourceDateEpoch
  const clamp = (time: number): number => (epoch !== undefined && time > epoch ? epoch : time)
  return {
    ...inode,
    uid: fixes.owner?.uid ?? inode.uid,
    gid: fixes.owner?.gid ?? inode.gid,
    ctime: clamp(inode.ctime),
    mtime: clamp(inode.mtime)
  }
}

/** The flist's tags with the added ones: a key keeps its place and takes the new value. */
function mergedTags(
  present: ReadonlyArray<readonly [string, string]>,
  added: ReadonlyArray<readonly [string, string]>
): Map<string, string> {
  const tags = new Map<string, string>()
  for (const [key, value] of [...present, ...added]) tags.set(key, value)
  return tags
}
