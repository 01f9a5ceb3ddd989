// The action's warnings about the commit date, from the bundle: a checkout git refuses (another
// user's), and one where git is not installed.
import { expect, test } from '@jest/globals'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { runAction } from '../helpers/action.js'
import { giveAway, gitRepository, isolatedGitWork } from '../helpers/git-repo.js'
import { copyExample } from '../helpers/project.js'

const asRoot = process.getuid?.() === 0 ? test : test.skip
const work = isolatedGitWork('source-date-e2e-')

asRoot('the action warns of a refused checkout in its log and its job summary', async () => {
  const project = copyExample()
  try {
    gitRepository(project.root)
    giveAway(project.root)
    const run = await runAction({
      'project-root': project.root,
      'firmware-tag': 'fw1',
      engine: 'native',
      'dry-run': 'true'
    })
    expect(run.code).toBe(0)
    const refused =
      /git gave no commit date for input project-root .*dubious ownership.*set SOURCE_DATE_EPOCH.*safe\.directory/
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
    gitRepository(project.root)
    const noGit = { PATH: join(work(), 'no-git-here') }
    const warned = (projectRoot: string): string =>
      `::warning::input project-root ${projectRoot} is a git checkout, but git is not installed, so its commit date is unknown: timestamps are recorded as found, so another checkout of the same commit packs different .fl bytes and its manifest conflicts; set SOURCE_DATE_EPOCH, e.g. to $(git log -1 --format=%ct), or install git`
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
