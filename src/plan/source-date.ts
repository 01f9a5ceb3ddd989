import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { UserError } from '../common/errors.js'
import type { InputLabel } from '../common/input-label.js'

export interface SourceDate {
  /** Seconds since the epoch; recorded mtime/ctime are clamped to it. */
  epoch: number
  origin: string
}

/**
 * The time the build stands for: SOURCE_DATE_EPOCH when set, else the last commit of the project.
 * Every checkout gives files new mtimes; without a clamp, a rerun of the same commit would make a
 * different .fl and be refused as a conflicting manifest. When git refuses to answer (it does for a
 * checkout another user owns, the usual case in container jobs), that is a warning pushed onto
 * `warnings`, with git's own reason and the fix: silence would look like reproducibility. `label`
 * names the project-root input in them as the run was given it.
 */
export async function sourceDate(
  projectRoot: string,
  label: InputLabel,
  warnings: string[] = []
): Promise<SourceDate | undefined> {
  const value = process.env.SOURCE_DATE_EPOCH
  if (value !== undefined && value !== '') {
    if (!/^\d+$/.test(value)) {
      throw new UserError(
        `SOURCE_DATE_EPOCH='${value}' is not a number of seconds: unset it or set it to e.g. $(git log -1 --format=%ct)`
      )
    }
    return { epoch: Number(value), origin: 'SOURCE_DATE_EPOCH' }
  }
  let stdout: string
  try {
    ;({ stdout } = await promisify(execFile)('git', ['log', '-1', '--format=%ct'], {
      cwd: projectRoot
    }))
  } catch (error) {
    const refusal = gitRefusal(error, projectRoot, label('project-root'))
    if (refusal) warnings.push(refusal)
    return undefined
  }
  const epoch = Number(stdout.trim())
  return Number.isInteger(epoch) && epoch > 0 ? { epoch, origin: 'the last commit' } : undefined
}

/** Answers of git that mean there is no commit to take a date from, which is no fault. */
const NO_COMMIT = /not a git repository|does not have any commits yet|bad default revision/i

const AS_FOUND =
  'timestamps are recorded as found, so another checkout of the same commit packs different .fl ' +
  'bytes and its manifest conflicts'

/** Whether the directory or one above it holds a .git (a directory, or a worktree's file). */
function insideCheckout(projectRoot: string): boolean {
  for (let dir = resolve(projectRoot); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return true
    if (dirname(dir) === dir) return false
  }
}

/** Why git gave no commit date, as a warning line; undefined when the project simply has none. */
function gitRefusal(error: unknown, projectRoot: string, projectInput: string): string | undefined {
  const { code, stderr } = error as { code?: unknown; stderr?: unknown }
  // No git at all: silence unless the project is a checkout, whose commit date then goes unread.
  if (code === 'ENOENT') {
    if (!insideCheckout(projectRoot)) return undefined
    return (
      `${projectInput} ${projectRoot} is a git checkout, but git is not installed, so its commit date ` +
      `is unknown: ${AS_FOUND}; set SOURCE_DATE_EPOCH, e.g. to $(git log -1 --format=%ct), or install git`
    )
  }
  const said = String(stderr ?? '')
  if (NO_COMMIT.test(said)) return undefined
  const reason =
    said
      .split('\n')
      .map(line => line.trim())
      .find(line => /^(fatal|error):/i.test(line)) ?? `git exited with code ${String(code)}`
  const fix = /dubious ownership|safe\.directory/i.test(said)
    ? `, or mark the checkout safe: git config --global --add safe.directory ${repositoryOf(said) ?? projectRoot}`
    : ''
  return (
    `git gave no commit date for ${projectInput} ${projectRoot} (${reason}): ${AS_FOUND}; ` +
    `set SOURCE_DATE_EPOCH, e.g. to $(git log -1 --format=%ct)${fix}`
  )
}

/** The repository git names in a dubious-ownership refusal. */
function repositoryOf(said: string): string | undefined {
  return /repository at '([^']+)'/.exec(said)?.[1]
}
