// Plans made before the build, and names every leg and rerun of one commit agrees on: the bundled
// action in dry-run on projects whose trees do not exist yet, and the default firmware tag taken
// from the source date (a real git repository whose commit date is fixed).
import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { makeProject, standardProject, type TestProject } from '../helpers/project.js'

const projects: TestProject[] = []
afterAll(() => projects.forEach(project => project.remove()))
function track(project: TestProject): TestProject {
  projects.push(project)
  return project
}

const S3_CONF_WITHOUT_SECRET = [
  'S3_ENDPOINT=https://s3.example.com',
  'S3_BUCKET=zos-blobs',
  'MANIFEST_BUCKET=zos-flists',
  'S3_PREFIX=zos/v5',
  'S3_ACCESS_KEY=zos-ci'
].join('\n')

function lines(run: ActionRun, command: 'notice' | 'warning'): string[] {
  return run.stdout
    .split('\n')
    .filter(line => line.startsWith(`::${command}`))
    .map(line => line.replace(/^::[a-z]+[^:]*::/, ''))
}

describe('a plan before the build', () => {
  const configsOnly = (): TestProject =>
    track(
      makeProject({
        buildConf: 'KERNEL_VERSION=6.12.44\n',
        kernelConfig: 'CONFIG_LOCALVERSION="-Zero-OS"\n',
        rfsConf: S3_CONF_WITHOUT_SECRET
      })
    )

  test('without trees or secret: names, keys, URLs, store and routes', async () => {
    const project = configsOnly()
    const run = await runAction(
      { 'project-root': project.root, 'dry-run': 'true', 'firmware-tag': 'fw1' },
      { env: { SOURCE_DATE_EPOCH: '1700000000' } }
    )
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs['modules-flist']).toBe('modules-6.12.44-Zero-OS.fl')
    expect(run.outputs['modules-flist-url']).toBe(
      'https://s3.example.com/zos-flists/zos/v5/manifests/modules-6.12.44-Zero-OS.fl'
    )
    expect(run.outputs['firmware-flist-url']).toBe(
      'https://s3.example.com/zos-flists/zos/v5/manifests/firmware-fw1.fl'
    )
    expect(run.outputs['store-url']).toBe(
      's3s://zos-ci@s3.example.com:443/zos-blobs?region=us-east-1'
    )
    expect(run.outputs['modules-flist-sha256']).toBeUndefined()
    expect(run.outputs['result-path']).toBe('')
    const result = JSON.parse(run.outputs.result)
    expect(result.routes).toEqual(['s3s://zos-ci@s3.example.com:443/zos-blobs?region=us-east-1'])
    expect(result.flists.modules.manifestKey).toBe('zos/v5/manifests/modules-6.12.44-Zero-OS.fl')
    // Which trees are still to come, and what a plan cannot know.
    const notices = lines(run, 'notice')
    expect(notices).toEqual([
      expect.stringMatching(
        /^no modules tree for kernel 6\.12\.44-Zero-OS: tried .*Planned without it; a real run needs it$/
      ),
      expect.stringMatching(/^no firmware tree: tried .*Planned without it; a real run needs it$/)
    ])
    expect(run.stdout).toContain('a plan does not know: the sha256 of each flist, its counts')
    expect(run.stdout).toContain('modules: (no tree yet)')
  })

  test('an explicit modules-dir still to be built is planned too', async () => {
    const project = configsOnly()
    const run = await runAction({
      'project-root': project.root,
      'dry-run': 'true',
      'modules-dir': 'build/lib/modules/6.12.44-Zero-OS',
      flists: 'modules'
    })
    expect(run.code).toBe(0)
    expect(lines(run, 'notice')).toEqual([
      expect.stringContaining(
        `modules-dir ${join(project.root, 'build/lib/modules/6.12.44-Zero-OS')} does not exist`
      )
    ])
  })

  test('a real run still refuses a missing tree, and wants the secret', async () => {
    const project = configsOnly()
    const noSecret = await runAction({ 'project-root': project.root })
    expect(noSecret.code).toBe(1)
    expect(errorLines(noSecret)).toEqual([
      expect.stringContaining('incomplete S3 settings: missing the secret key')
    ])
    const noTree = await runAction({ 'project-root': project.root, 's3-secret-key': 'k' })
    expect(noTree.code).toBe(1)
    expect(errorLines(noTree)).toEqual([
      expect.stringMatching(/^no modules tree for kernel 6\.12\.44-Zero-OS: tried /)
    ])
  })

  test('without configs or kernel-version: one line', async () => {
    const project = track(makeProject({}))
    const run = await runAction({ 'project-root': project.root, 'dry-run': 'true' })
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([
      expect.stringMatching(
        /^config directory .*config does not exist: .*set input kernel-version$/
      )
    ])
  })

  test('kernel-version makes the configs unnecessary; their absence is one notice', async () => {
    const project = track(makeProject({}))
    const run = await runAction({
      'project-root': project.root,
      'dry-run': 'true',
      'kernel-version': '6.12.44'
    })
    expect(run.code).toBe(0)
    expect(run.outputs['kernel-version']).toBe('6.12.44')
    const notices = lines(run, 'notice')
    expect(notices.filter(line => line.includes('config'))).toEqual([
      'config directory config does not exist: kernel version 6.12.44 from input kernel-version, without CONFIG_LOCALVERSION, and no rfs.conf; set input config-dir if the configs are elsewhere'
    ])
    expect(lines(run, 'warning').filter(line => line.includes('kernel.config'))).toEqual([])

    const withBuildConf = track(makeProject({ buildConf: 'KERNEL_VERSION=6.6.58\n' }))
    const second = await runAction({
      'project-root': withBuildConf.root,
      'dry-run': 'true',
      'kernel-version': '6.12.44'
    })
    expect(lines(second, 'notice').filter(line => line.includes('config'))).toEqual([
      'config/kernel.config not found: kernel version 6.12.44 from input kernel-version, without CONFIG_LOCALVERSION'
    ])
  })
})

describe('public-url', () => {
  test('is the public base of the manifest bucket: the whole key follows it', async () => {
    const project = track(standardProject(S3_CONF_WITHOUT_SECRET))
    const run = await runAction({
      'project-root': project.root,
      'dry-run': 'true',
      'firmware-tag': 'fw1',
      'public-url': 'https://hub.example.com/zos'
    })
    expect(run.code).toBe(0)
    expect(run.outputs['modules-flist-url']).toBe(
      'https://hub.example.com/zos/zos/v5/manifests/modules-6.12.44-Zero-OS.fl'
    )
    expect(lines(run, 'warning').filter(line => line.includes('public-url'))).toEqual([])
  })

  test('a base that already ends with the prefix is warned about', async () => {
    const project = track(standardProject(S3_CONF_WITHOUT_SECRET))
    const run = await runAction({
      'project-root': project.root,
      'dry-run': 'true',
      'firmware-tag': 'fw1',
      'public-url': 'https://hub.example.com/zos/v5/'
    })
    expect(run.code).toBe(0)
    expect(lines(run, 'warning')).toContainEqual(
      'input public-url=https://hub.example.com/zos/v5 ends with the prefix zos/v5: the manifest URLs are https://hub.example.com/zos/v5/zos/v5/manifests/NAME; input public-url is the public base of the manifest bucket, to which the whole key (PREFIX/manifests/NAME) is appended, so this was likely meant as https://hub.example.com'
    )
  })
})

describe('the default firmware tag', () => {
  /** A project committed to a real git repository with a fixed commit date. */
  function committed(date: string): TestProject {
    const project = track(standardProject())
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: project.root,
        env: { ...process.env, GIT_COMMITTER_DATE: date, GIT_AUTHOR_DATE: date },
        stdio: 'ignore'
      })
    }
    git('init', '-q')
    git('add', '-A')
    git('commit', '-q', '-m', 'build')
    return project
  }

  function tagOf(
    project: TestProject,
    env: Record<string, string | undefined> = {}
  ): Promise<ActionRun> {
    return runAction({ 'project-root': project.root, 'dry-run': 'true' }, { env })
  }

  test('is the UTC date of the last commit, the same on every run of that commit', async () => {
    // 23:30 at UTC-5 is the next day in UTC.
    const project = committed('2020-01-02T23:30:00-05:00')
    const runs = [await tagOf(project), await tagOf(project)]
    for (const run of runs) {
      expect(run.code).toBe(0)
      expect(run.outputs['firmware-tag']).toBe('20200103')
      expect(run.outputs['firmware-flist']).toBe('firmware-20200103.fl')
      expect(lines(run, 'warning').filter(line => line.includes('firmware tag'))).toEqual([])
    }
  })

  test('SOURCE_DATE_EPOCH comes before the commit', async () => {
    const project = committed('2020-01-02T12:00:00Z')
    const run = await tagOf(project, { SOURCE_DATE_EPOCH: '1700000000' })
    expect(run.outputs['firmware-tag']).toBe('20231114')
  })

  // libfaketime, where installed, moves the clock of the whole node process: no hook in the code.
  const libfaketime = [
    '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
    '/usr/lib/faketime/libfaketime.so.1'
  ].find(path => existsSync(path))
  ;(libfaketime ? test : test.skip)(
    'runs on either side of midnight agree (libfaketime)',
    async () => {
      const project = committed('2020-01-02T12:00:00Z')
      const days: string[] = []
      const tags: string[] = []
      for (const now of ['2030-01-01 23:59:50', '2030-01-02 00:00:10']) {
        const env = { LD_PRELOAD: libfaketime, FAKETIME: `@${now}`, TZ: 'UTC' }
        const clock = spawnSync(process.execPath, ['-e', 'console.log(new Date().toISOString())'], {
          env: { ...process.env, ...env },
          encoding: 'utf8'
        })
        days.push(clock.stdout.slice(0, 10))
        tags.push((await tagOf(project, env)).outputs['firmware-tag'])
      }
      expect(days).toEqual(['2030-01-01', '2030-01-02'])
      expect(tags).toEqual(['20200102', '20200102'])
    }
  )

  test('without source date it is today, with a warning that says why that is fragile', async () => {
    const project = track(standardProject())
    rmSync(join(project.root, '.git'), { recursive: true, force: true })
    const run = await tagOf(project)
    const today = new Date().toISOString().slice(0, 10).replace(/-/g, '')
    expect(run.outputs['firmware-tag']).toBe(today)
    expect(lines(run, 'warning')).toContainEqual(
      expect.stringMatching(
        /^firmware tag \d{8} is today's UTC date: there is no SOURCE_DATE_EPOCH and no commit date, so a matrix leg or rerun on another day names the firmware flist differently; set input firmware-tag/
      )
    )
  })
})
