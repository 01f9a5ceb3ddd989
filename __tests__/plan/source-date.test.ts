// The commit date that clamps recorded timestamps, read from a real git checkout; one owned by
// another user is refused by git itself (`dubious ownership`), as in container jobs.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sourceDate } from '../../src/plan/source-date.js'
import { runAction } from '../helpers/action.js'
import { copyExample } from '../helpers/project.js'

const COMMIT_TIME = 1_700_000_000
/** Only root can give a tree to another user. */
const asRoot = process.getuid?.() === 0 ? test : test.skip
let work: string
let globalConfig: string
const saved = { ...process.env }

function repository(name: string, root = join(work, name)): string {
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
  writeFileSync(join(root, 'build.conf'), 'KERNEL_VERSION=6.12.44\n')
  git('add', '.')
  git('commit', '-q', '-m', 'one')
  return root
}

/** Gives the tree to another user, as a runner's checkout is to the root user of a container. */
function giveAway(root: string): void {
  execFileSync('chown', ['-R', '12345:12345', root])
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'source-date-'))
  // Only the settings of this test: no safe.directory of the machine's own git configuration.
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

describe('sourceDate', () => {
  test('the last commit of a checkout the user owns', async () => {
    const warnings: string[] = []
    expect(await sourceDate(repository('own'), warnings)).toEqual({
      epoch: COMMIT_TIME,
      origin: 'the last commit'
    })
    expect(warnings).toEqual([])
  })

  test('no checkout at all: timestamps as found, and no warning', async () => {
    const plain = join(work, 'plain')
    mkdirSync(plain)
    const warnings: string[] = []
    expect(await sourceDate(plain, warnings)).toBeUndefined()
    expect(warnings).toEqual([])
  })

  asRoot(
    'a checkout git refuses (another owner) is a warning with git’s reason and the fixes',
    async () => {
      const root = repository('foreign')
      giveAway(root)
      const warnings: string[] = []
      expect(await sourceDate(root, warnings)).toBeUndefined()
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(`project-root ${root}`)
      expect(warnings[0]).toContain(`fatal: detected dubious ownership in repository at '${root}'`)
      expect(warnings[0]).toContain('set SOURCE_DATE_EPOCH')
      expect(warnings[0]).toContain(`git config --global --add safe.directory ${root}`)
      expect(warnings[0]).not.toContain('\n')

      // The advice works: marked safe, the commit date is found again.
      execFileSync('git', ['config', '--global', '--add', 'safe.directory', root])
      expect(await sourceDate(root, [])).toEqual({ epoch: COMMIT_TIME, origin: 'the last commit' })
    }
  )

  test('SOURCE_DATE_EPOCH wins over git', async () => {
    process.env.SOURCE_DATE_EPOCH = '1600000000'
    try {
      expect(await sourceDate(repository('overridden'))).toEqual({
        epoch: 1_600_000_000,
        origin: 'SOURCE_DATE_EPOCH'
      })
    } finally {
      delete process.env.SOURCE_DATE_EPOCH
    }
  })
})

asRoot('the action warns of a refused checkout in its log and its job summary', async () => {
  const project = copyExample()
  try {
    repository('', project.root)
    giveAway(project.root)
    const run = await runAction({
      'project-root': project.root,
      'firmware-tag': 'fw1',
      engine: 'native',
      'dry-run': 'true'
    })
    expect(run.code).toBe(0)
    const refused =
      /git gave no commit date for project-root .*dubious ownership.*set SOURCE_DATE_EPOCH.*safe\.directory/
    expect(run.stdout).toMatch(new RegExp(`^::warning::${refused.source}`, 'm'))
    // The summary is Markdown: underscores come escaped.
    expect(run.summary.replace(/\\(.)/g, '$1')).toMatch(refused)
    expect(run.stdout).toContain('timestamps: recorded as found')
  } finally {
    project.remove()
  }
})

// Slim build containers often lack git while the checkout they were given has its .git. Run as
// the bundle with a PATH that has no git: a test's process.env is not the one child processes get.
test('a checkout where git is not installed is a warning naming the fix, a plain tree is not', async () => {
  const project = copyExample()
  try {
    repository('', project.root)
    const noGit = { PATH: join(work, 'no-git-here') }
    const warned = (projectRoot: string): string =>
      `::warning::project-root ${projectRoot} is a git checkout, but git is not installed, so its commit date is unknown: timestamps are recorded as found, so another checkout of the same commit packs different .fl bytes and its manifest conflicts; set SOURCE_DATE_EPOCH, e.g. to $(git log -1 --format=%ct), or install git`
    const inputs = { 'firmware-tag': 'fw1', engine: 'native', 'dry-run': 'true' }
    const run = await runAction({ 'project-root': project.root, ...inputs }, { env: noGit })
    expect(run.code).toBe(0)
    // Workflow commands escape % as %25.
    expect(run.stdout.replace(/%25/g, '%')).toContain(warned(project.root))
    rmSync(join(project.root, '.git'), { recursive: true, force: true })
    const plain = await runAction({ 'project-root': project.root, ...inputs }, { env: noGit })
    expect(plain.code).toBe(0)
    expect(plain.stdout).not.toContain('git is not installed')
  } finally {
    project.remove()
  }
})
