import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { UserError } from './errors.js'

export interface SourceDate {
  /** Seconds since the epoch; recorded mtime/ctime are clamped to it. */
  epoch: number
  origin: string
}

/**
 * The time the build stands for: SOURCE_DATE_EPOCH when set, else the last commit of the project.
 * Every checkout gives files new mtimes; without a clamp, a rerun of the same commit would make a
 * different .fl and be refused as a conflicting manifest.
 */
export async function sourceDate(projectRoot: string): Promise<SourceDate | undefined> {
  const value = process.env.SOURCE_DATE_EPOCH
  if (value !== undefined && value !== '') {
    if (!/^\d+$/.test(value)) {
      throw new UserError(
        `SOURCE_DATE_EPOCH='${value}' is not a number of seconds: unset it or set it to e.g. $(git log -1 --format=%ct)`
      )
    }
    return { epoch: Number(value), origin: 'SOURCE_DATE_EPOCH' }
  }
  try {
    const { stdout } = await promisify(execFile)('git', ['log', '-1', '--format=%ct'], {
      cwd: projectRoot
    })
    const epoch = Number(stdout.trim())
    return Number.isInteger(epoch) && epoch > 0 ? { epoch, origin: 'the last commit' } : undefined
  } catch {
    // Not a git checkout (or no git): timestamps are recorded as found.
    return undefined
  }
}
