// The commit date that clamps recorded timestamps, read from a real git checkout; one owned by
// another user is refused by git itself (`dubious ownership`), as in container jobs.
import { describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { sourceDate } from '../../src/plan/source-date.js'
import { COMMIT_TIME, giveAway, gitRepository, isolatedGitWork } from '../helpers/git-repo.js'
import { RUNNER_LABEL } from '../../src/common/input-label.js'

/** Only root can give a tree to another user. */
const asRoot = process.getuid?.() === 0 ? test : test.skip
const work = isolatedGitWork('source-date-')

describe('sourceDate', () => {
  test('the last commit of a checkout the user owns', async () => {
    const warnings: string[] = []
    expect(await sourceDate(gitRepository(join(work(), 'own')), RUNNER_LABEL, warnings)).toEqual({
      epoch: COMMIT_TIME,
      origin: 'the last commit'
    })
    expect(warnings).toEqual([])
  })

  test('no checkout at all: timestamps as found, and no warning', async () => {
    const plain = join(work(), 'plain')
    mkdirSync(plain)
    const warnings: string[] = []
    expect(await sourceDate(plain, RUNNER_LABEL, warnings)).toBeUndefined()
    expect(warnings).toEqual([])
  })

  asRoot(
    'a checkout git refuses (another owner) is a warning with git’s reason and the fixes',
    async () => {
      const root = gitRepository(join(work(), 'foreign'))
      giveAway(root)
      const warnings: string[] = []
      expect(await sourceDate(root, RUNNER_LABEL, warnings)).toBeUndefined()
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(`project-root ${root}`)
      expect(warnings[0]).toContain(`fatal: detected dubious ownership in repository at '${root}'`)
      expect(warnings[0]).toContain('set SOURCE_DATE_EPOCH')
      expect(warnings[0]).toContain(`git config --global --add safe.directory ${root}`)
      expect(warnings[0]).not.toContain('\n')

      // The advice works: marked safe, the commit date is found again.
      execFileSync('git', ['config', '--global', '--add', 'safe.directory', root])
      expect(await sourceDate(root, RUNNER_LABEL)).toEqual({
        epoch: COMMIT_TIME,
        origin: 'the last commit'
      })
    }
  )

  test('SOURCE_DATE_EPOCH wins over git', async () => {
    process.env.SOURCE_DATE_EPOCH = '1600000000'
    try {
      expect(await sourceDate(gitRepository(join(work(), 'overridden')), RUNNER_LABEL)).toEqual({
        epoch: 1_600_000_000,
        origin: 'SOURCE_DATE_EPOCH'
      })
    } finally {
      delete process.env.SOURCE_DATE_EPOCH
    }
  })
})
