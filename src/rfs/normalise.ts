// rfs records ownership and times as it finds them (a CI checkout gives the runner's uid and the
// checkout's mtimes). When the run asks for an owner or a SOURCE_DATE_EPOCH, the written flist is
// corrected afterwards: only inode metadata changes, never a block, so the store is unaffected.
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import type { Owner } from '../settings.js'
import { loadSqlite } from '../flist/sqlite.js'

export interface MetadataFixes {
  owner?: Owner
  /** Seconds; later ctime/mtime values are clamped to it. */
  sourceDateEpoch?: number
}

export function needsFixes(fixes: MetadataFixes): boolean {
  return fixes.owner !== undefined || fixes.sourceDateEpoch !== undefined
}

export async function applyMetadataFixes(flistPath: string, fixes: MetadataFixes): Promise<void> {
  if (!needsFixes(fixes)) return
  const SQL = await loadSqlite()
  const db = new SQL.Database(await readFile(flistPath))
  try {
    if (fixes.owner) db.run('update inode set uid = ?, gid = ?', [fixes.owner.uid, fixes.owner.gid])
    if (fixes.sourceDateEpoch !== undefined) {
      const epoch = fixes.sourceDateEpoch
      db.run('update inode set mtime = ? where mtime > ?', [epoch, epoch])
      db.run('update inode set ctime = ? where ctime > ?', [epoch, epoch])
    }
    const temporary = `${flistPath}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temporary, db.export())
      await rename(temporary, flistPath)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
  } finally {
    db.close()
  }
}
