// The bundle run from a shell, as a tool: plain log lines instead of the runner's commands,
// --json for scripts, the secret from the environment or a file, helpful flag errors, and a
// closed pipe that ends the run quietly.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/action-version.js'
import { DIST_ENTRY, REPO_ROOT, runCli, type ActionRun } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'

const projects: TestProject[] = []
let s3: TestS3
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

function project(rfsConf?: string): TestProject {
  const fresh = copyExample()
  projects.push(fresh)
  if (rfsConf !== undefined) writeFileSync(join(fresh.root, 'config', 'rfs.conf'), rfsConf)
  return fresh
}

/** No runner around: a plain shell with none of the GitHub variables. */
function shell(args: string[], env: Record<string, string | undefined> = {}): Promise<ActionRun> {
  return runCli(args, { env: { GITHUB_ACTIONS: undefined, S3_SECRET_KEY: undefined, ...env } })
}

const COMMAND_LINE = /^::[a-z-]+/m

describe('the log of a shell run', () => {
  test('no workflow commands; warnings on stderr as warning: lines', async () => {
    const root = project('S3_REGOIN=eu-west-1\n').root
    const run = await shell(['--project-root', root, '--firmware-tag', 'fw', '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toMatch(COMMAND_LINE)
    expect(run.stderr).not.toMatch(COMMAND_LINE)
    expect(run.stdout).toMatch(/^Plan$/m)
    expect(run.stderr).toMatch(/^warning: config\/rfs.conf: unknown key S3_REGOIN is ignored/m)
  })

  test('with no S3 settings, one line says which store is used and why', async () => {
    const root = project('').root
    const run = await shell(['--project-root', root, '--firmware-tag', 'fw', '--dry-run'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^no S3 settings \(no --s3-\* flags, no S3_\* keys in config\/rfs.conf\): the blobs go to the embedded store dir:\/\/.*nothing is uploaded$/m
    )
  })

  test('--json prints the result JSON alone on stdout, the log on stderr', async () => {
    const root = project('').root
    const run = await shell(['--project-root', root, '--firmware-tag', 'fw', '--json'])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.flists.modules.name).toBe(`modules-${EXAMPLE_KERNEL}.fl`)
    expect(result.flists.firmware.files).toBeGreaterThan(0)
    expect(run.stderr).toMatch(/^kernel version: /m)
    expect(run.stderr).not.toMatch(COMMAND_LINE)
  })

  test('an unknown rfs.conf key is warned about before the error it causes', async () => {
    const root = project(
      `S3_ENDPIONT=${s3.endpoint}\nS3_BUCKET=blobs\nS3_ACCESS_KEY=ak\nS3_SECRET_KEY=sk\n`
    ).root
    // A firmware tag of its own, so the run has nothing else to warn about.
    const run = await shell(['--project-root', root, '--firmware-tag', 'fw1', '--dry-run'])
    expect(run.code).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toEqual([
      expect.stringMatching(/^warning: config\/rfs.conf: unknown key S3_ENDPIONT is ignored/),
      expect.stringMatching(/^error: incomplete S3 settings: missing the endpoint/)
    ])
  })

  test('--version and -h are answered before the rest of the command line is checked', async () => {
    const version = await shell(['--no-such-flag', '--version'])
    expect([version.code, version.stdout, version.stderr]).toEqual([
      0,
      `${ACTION_NAME} ${ACTION_VERSION}\n`,
      ''
    ])
    const help = await shell(['--engine', 'docker', '-h'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: rfs-flist-action /)
  })

  test('a message names the flag, as the run was given it', async () => {
    const root = project('').root
    const missing = join(root, 'no-modules')
    const run = await shell(['--project-root', root, '--modules-dir', missing, '--rfs-path', 'x'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      new RegExp(
        `^error: --modules-dir ${missing} does not exist: give an existing directory or leave --modules-dir empty$`,
        'm'
      )
    )
    expect(run.stderr).toMatch(
      /^warning: firmware tag \d{8} is today's UTC date: .*; set --firmware-tag, /m
    )
  })

  test('an unknown flag gets a suggestion', async () => {
    const run = await shell(['--kernel-verison', '6.12.44'])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      'error: unknown flag --kernel-verison: did you mean --kernel-version? (see --help for the flags)\n'
    )
  })
})

describe('the S3 secret without a flag', () => {
  const secret = s3SecretForTests()

  function s3Flags(root: string, tag: string): string[] {
    return [
      '--project-root',
      root,
      '--engine',
      'native',
      '--firmware-tag',
      tag,
      '--s3-endpoint',
      s3.endpoint,
      '--s3-bucket',
      'blobs',
      '--s3-prefix',
      tag,
      '--s3-access-key',
      s3.accessKey
    ]
  }

  test('from $S3_SECRET_KEY', async () => {
    const run = await shell(s3Flags(project('').root, 'env'), { S3_SECRET_KEY: secret })
    expect(run.stderr).not.toMatch(/^error:/m)
    expect(run.code).toBe(0)
    expect(await listKeys(s3, 'blobs')).toContain('env/manifests/firmware-env.fl')
    expect(run.everything).not.toContain(secret)
  })

  test('from --s3-secret-key-file, one trailing newline dropped', async () => {
    const root = project('').root
    const file = join(root, 'secret')
    writeFileSync(file, `${secret}\n`)
    const run = await shell([...s3Flags(root, 'file'), '--s3-secret-key-file', file])
    expect(run.stderr).not.toMatch(/^error:/m)
    expect(run.code).toBe(0)
    expect(await listKeys(s3, 'blobs')).toContain('file/manifests/firmware-file.fl')
    expect(run.everything).not.toContain(secret)
  })

  test('a missing secret file is one line naming the flag and the path', async () => {
    const root = project('').root
    const file = join(root, 'no-such-secret')
    const run = await shell([...s3Flags(root, 'gone'), '--s3-secret-key-file', file])
    expect(run.code).toBe(1)
    expect(run.stderr).toBe(
      `error: --s3-secret-key-file ${file}: cannot read the file (ENOENT): give the path of a file that holds the S3 secret\n`
    )
  })
})

/** Spawns `node args` with stdout a pipe whose reading end the test closes at once. */
function withClosedStdout(
  args: string[]
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, GITHUB_ACTIONS: '', GITHUB_OUTPUT: undefined, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  child.stdout.destroy()
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  return new Promise(done => child.on('close', (code, signal) => done({ code, signal, stderr })))
}

describe('a closed pipe', () => {
  test('the action with --json ends quietly', async () => {
    const root = project('').root
    const run = await withClosedStdout([
      DIST_ENTRY,
      '--project-root',
      root,
      '--firmware-tag',
      'fw',
      '--dry-run',
      '--json'
    ])
    expect(run.stderr).not.toMatch(/EPIPE|Error|\n\s+at /)
    // The result is the last write: the run may end before the failed write is even noticed.
    expect([0, 141]).toContain(run.code)
  })

  test('flist tree of a large flist ends quietly', async () => {
    const root = project('').root
    const firmware = join(root, 'firmware', 'many')
    mkdirSync(firmware)
    for (let index = 0; index < 3000; index++) {
      writeFileSync(join(firmware, `file-${index}.bin`), String(index))
    }
    const packed = await shell([
      '--project-root',
      root,
      '--flists',
      'firmware',
      '--firmware-tag',
      'fw',
      '--verify',
      'none'
    ])
    expect(packed.code).toBe(0)
    const flist = join(root, 'dist', 'flists', 'firmware-fw.fl')
    const run = await withClosedStdout([
      join(REPO_ROOT, 'dist', 'rfs-cli', 'index.js'),
      'flist',
      'tree',
      flist
    ])
    expect(run.stderr).toBe('')
    expect(run.code).toBe(141)
  })
})

function s3SecretForTests(): string {
  return 'sEcReT/with+odd=chars%tok3n'
}
