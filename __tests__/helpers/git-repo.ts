// A real git checkout with one commit at a fixed time, and the chown that makes it another user's
// (as a runner's checkout is to the root user of a container).
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const COMMIT_TIME = 1_700_000_000

/** Makes `root` (created if need be) a checkout whose one commit is at COMMIT_TIME. */
export function gitRepository(root: string): string {
  mkdirSync(root, { recursive: true })
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
      cwd: root,
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: `@${COMMIT_TIME} +0000`,
        GIT_COMMITTER_DATE: `@${COMMIT_TIME} +0000`
      },
      stdio: 'ignore'
    })
  }
  git('init', '-q')
  writeFileSync(`${root}/build.conf`, 'KERNEL_VERSION=6.12.44\n')
  git('add', '.')
  git('commit', '-q', '-m', 'one')
  return root
}

/** Gives the tree to another user. */
export function giveAway(root: string): void {
  execFileSync('chown', ['-R', '12345:12345', root])
}

/**
 * A scratch directory for the tests of one file, and a git configuration of their own (no
 * safe.directory of the machine's), emptied before each test; SOURCE_DATE_EPOCH unset. Returns
 * the directory, known once the file's tests start.
 */
export function isolatedGitWork(prefix: string): () => string {
  let work = ''
  let globalConfig = ''
  const saved = { ...process.env }
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), prefix))
    globalConfig = join(work, 'gitconfig')
    process.env.GIT_CONFIG_GLOBAL = globalConfig
    process.env.GIT_CONFIG_NOSYSTEM = '1'
    delete process.env.SOURCE_DATE_EPOCH
  })
  beforeEach(() => writeFileSync(globalConfig, ''))
  afterAll(() => {
    process.env = saved
    rmSync(work, { recursive: true, force: true })
  })
  return () => work
}
