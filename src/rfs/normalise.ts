// What rfs leaves undone in the flist it wrote, done with the built-in SQLite:
// - ownership and times: rfs records them as it finds them (a CI checkout gives the runner's uid
//   and the checkout's mtimes); an owner or a SOURCE_DATE_EPOCH is applied afterwards;
// - tags and routes: the rfs releases (v2.0.x) have no `config` command, so they are written here,
//   the way rfs's later `config tag add` and `config store` do (insert-or-replace; whole table).
// Only metadata changes, never a block, so the store is unaffected.
import { readFile } from 'node:fs/promises'
import { writeFileAtomically } from '../atomic-write.js'
import type { Owner, StoreSpec } from '../settings.js'
import { loadSqlite } from '../flist/sqlite.js'

export interface MetadataFixes {
  owner?: Owner
  /** Seconds; later ctime/mtime values are clamped to it. */
  sourceDateEpoch?: number
  /** Added to the flist's tags; a key already there gets the new value. */
  tags?: ReadonlyArray<readonly [string, string]>
  /** Replace every route rfs recorded. */
  routes?: readonly StoreSpec[]
}

export function needsFixes(fixes: MetadataFixes): boolean {
  return (
    fixes.owner !== undefined ||
    fixes.sourceDateEpoch !== undefined ||
    (fixes.tags ?? []).length > 0 ||
    fixes.routes !== undefined
  )
}

export async function applyMetadataFixes(flistPath: string, fixes: MetadataFixes): Promise<void> {
  if (!needsFixes(fixes)) return
  const SQL = await loadSqlite()
  const db = new SQL.Database(await readFile(flistPath))
  try {
    db.run('BEGIN')
    if (fixes.owner) db.run('update inode set uid = ?, gid = ?', [fixes.owner.uid, fixes.owner.gid])
    if (fixes.sourceDateEpoch !== undefined) {
      const epoch = fixes.sourceDateEpoch
      db.run('update inode set mtime = ? where mtime > ?', [epoch, epoch])
      db.run('update inode set ctime = ? where ctime > ?', [epoch, epoch])
    }
    for (const [key, value] of fixes.tags ?? []) {
      db.run('insert or replace into tag (key, value) values (?, ?)', [key, value])
    }
    if (fixes.routes) {
      db.run('delete from route')
      for (const route of fixes.routes) {
        db.run('insert into route (start, end, url) values (?, ?, ?)', [
          route.start,
          route.end,
          route.url
        ])
      }
    }
    db.run('COMMIT')
    await writeFileAtomically(flistPath, db.export())
  } finally {
    db.close()
  }
}
