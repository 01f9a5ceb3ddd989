// A real git checkout with one commit at a fixed time, and the chown that makes it another user's
// (as a runner's checkout is to the root user of a container).
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'

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
