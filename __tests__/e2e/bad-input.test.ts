// The bad-input catalogue: every mistake a user can make ends the real run (not a dry run) with
// a non-zero exit, one error line naming the culprit, no stack trace, and nothing in any bucket.
// Every case runs with the S3 settings of the test server (a case overrides or removes some), and
// a store it names is on that server too, so the empty buckets show the run wrote nothing.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import {
  errorLines,
  runAction,
  runCli,
  secretSpellings,
  type ActionRun
} from '../helpers/action.js'
import {
  copyExample,
  EXAMPLE_KERNEL,
  makeProject,
  standardProject,
  type TestProject
} from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { startAnsweringServer } from '../helpers/answering-server.js'
import { ACTION_INPUTS } from '../../src/action/action-inputs.js'

let s3: TestS3
const projects: TestProject[] = []
const BUCKETS = ['blobs', 'manifests']

beforeAll(async () => {
  s3 = await startS3({ buckets: BUCKETS })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

/** Empty buckets again, for the cases that follow. */
async function restartS3(): Promise<void> {
  await s3.stop()
  s3 = await startS3({ buckets: BUCKETS })
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

function keep(project: TestProject): TestProject {
  projects.push(project)
  return project
}

/** A store spec of the test server's blob bucket. */
function s3Store(): string {
  const credentials = `${encodeURIComponent(s3.accessKey)}:${encodeURIComponent(s3.secretKey)}`
  return `s3://${credentials}@${s3.host}:${s3.port}/blobs`
}

/** Inputs of a run that would publish to the test server. */
function s3Inputs(): Record<string, string> {
  return {
    engine: 'native',
    's3-endpoint': s3.endpoint,
    's3-bucket': 'blobs',
    'manifest-bucket': 'manifests',
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey
  }
}

const GOOD_BUILD = 'KERNEL_VERSION=6.12.44\n'
const GOOD_KERNEL = 'CONFIG_LOCALVERSION="-Zero-OS"\n'
function withBuildConf(buildConf: string): () => TestProject {
  return () =>
    makeProject({
      buildConf,
      kernelConfig: GOOD_KERNEL,
      moduleVersions: [EXAMPLE_KERNEL],
      firmware: true
    })
}
function withRfsConf(rfsConf: string): () => TestProject {
  return () => standardProject(rfsConf)
}
function standard(): TestProject {
  return standardProject()
}

type Inputs = Record<string, string | undefined>
type Case = [
  name: string,
  project: () => TestProject,
  /** Given on top of s3Inputs(); undefined removes one of those. */
  inputs: Inputs | ((project: TestProject) => Inputs),
  culprit: RegExp
]

const CATALOGUE: Case[] = [
  // Config files
  [
    'build.conf missing',
    () => makeProject({ kernelConfig: GOOD_KERNEL, moduleVersions: [EXAMPLE_KERNEL] }),
    {},
    /build\.conf/
  ],
  [
    'build.conf unreadable (a directory)',
    () => {
      const project = standard()
      rmSync(join(project.root, 'config/build.conf'))
      mkdirSync(join(project.root, 'config/build.conf'))
      return project
    },
    {},
    /build\.conf/
  ],
  ['config-dir missing', standard, { 'config-dir': 'no-such-dir' }, /no-such-dir|build\.conf/],
  ['KERNEL_VERSION missing', withBuildConf('OTHER=1\n'), {}, /KERNEL_VERSION/],
  ['KERNEL_VERSION empty', withBuildConf('KERNEL_VERSION=\n'), {}, /KERNEL_VERSION/],
  ['KERNEL_VERSION invalid', withBuildConf('KERNEL_VERSION=six\n'), {}, /KERNEL_VERSION/],
  ['kernel-version input invalid', standard, { 'kernel-version': 'v6.12' }, /kernel-version/],
  ['a line without =', withBuildConf('KERNEL_VERSION 6.12.44\n'), {}, /build\.conf:1/],
  ['an unterminated quote', withBuildConf('KERNEL_VERSION="6.12.44\n'), {}, /build\.conf:1/],
  ['command substitution', withBuildConf('KERNEL_VERSION=$(make kernelversion)\n'), {}, /literal/],
  ['backticks', withBuildConf('KERNEL_VERSION=`uname -r`\n'), {}, /literal/],
  ['malformed rfs.conf line', withRfsConf('S3_BUCKET\n'), {}, /rfs\.conf:1/],
  // S3 settings
  [
    'an endpoint without a bucket',
    withRfsConf('S3_ENDPOINT=https://s3.example.com\n'),
    { 's3-endpoint': undefined, 's3-bucket': undefined },
    /bucket/i
  ],
  ['an access key without a secret', standard, { 's3-secret-key': undefined }, /secret/i],
  ['a secret without an access key', standard, { 's3-access-key': undefined }, /access/i],
  ['an endpoint with no scheme', standard, { 's3-endpoint': 's3.example.com' }, /scheme/],
  ['an endpoint with a path', standard, { 's3-endpoint': 'https://s3.example.com/bucket' }, /path/],
  [
    'an endpoint with a bad port',
    standard,
    { 's3-endpoint': 'https://s3.example.com:99999' },
    /port/
  ],
  // Store specs
  ['a store range reversed', standard, () => ({ store: `f0-0f=${s3Store()}` }), /store/],
  ['a store range not hex', standard, () => ({ store: `zz-ff=${s3Store()}` }), /store/],
  [
    'an unknown store scheme',
    standard,
    () => ({ store: `${s3Store()}\nftp://example.com/blobs` }),
    /store/
  ],
  [
    'a zdb store with the built-in engine',
    standard,
    () => ({ engine: 'native', store: `${s3Store()}\nzdb://127.0.0.1:9900` }),
    /engine: rfs/
  ],
  ['a read-store that is not a URL', standard, { 'read-store': 'nowhere' }, /read-store/],
  // Trees
  [
    'no modules tree at all',
    () => makeProject({ buildConf: GOOD_BUILD, kernelConfig: GOOD_KERNEL, firmware: true }),
    {},
    /modules/
  ],
  [
    'a modules tree for another version',
    () =>
      makeProject({
        buildConf: GOOD_BUILD,
        kernelConfig: GOOD_KERNEL,
        moduleVersions: ['6.12.44'],
        firmware: true
      }),
    {},
    /6\.12\.44-Zero-OS[\s\S]*6\.12\.44\b/
  ],
  [
    'no firmware tree',
    () =>
      makeProject({
        buildConf: GOOD_BUILD,
        kernelConfig: GOOD_KERNEL,
        moduleVersions: [EXAMPLE_KERNEL]
      }),
    {},
    /firmware/
  ],
  ['modules-dir that does not exist', standard, { 'modules-dir': 'nothing/here' }, /modules-dir/],
  [
    'firmware-dir that is a file',
    () => {
      const project = standard()
      writeFileSync(join(project.root, 'firmware.tar'), 'not a directory')
      return project
    },
    { 'firmware-dir': 'firmware.tar' },
    /firmware-dir/
  ],
  ...(['native', 'rfs'] as const).map((engine): Case => [
    `firmware names that are not UTF-8 (engine ${engine})`,
    () => {
      const project = standard()
      for (const byte of [0xff, 0xfe]) {
        const name = Buffer.concat([Buffer.from('fw'), Buffer.from([byte]), Buffer.from('.bin')])
        writeFileSync(Buffer.concat([Buffer.from(`${project.root}/firmware/`), name]), 'x')
      }
      return project
    },
    () => ({ ...s3Inputs(), engine }),
    /firmware\/fw\\x(ff|fe)\.bin: the name is not UTF-8.*rename it to UTF-8/
  ]),
  // Choices
  ['an unknown engine', standard, { engine: 'docker' }, /engine/],
  ['an unknown verify mode', standard, { verify: 'paranoid' }, /verify/],
  ['an unknown rfs-build mode', standard, { 'rfs-build': 'sometimes' }, /rfs-build/],
  ['an unknown flist kind', standard, { flists: 'modules,kernel' }, /flists/],
  ['overwrite not a boolean', standard, { overwrite: 'maybe' }, /overwrite/],
  ['a bad rfs-sha256', standard, { 'rfs-sha256': 'abc' }, /rfs-sha256/],
  // Names and metadata
  ['owner not numeric', standard, { owner: 'root:root' }, /owner/],
  ['owner without a group', standard, { owner: '0' }, /owner/],
  ['a tag without a value', standard, { tags: 'release' }, /tags/],
  ['a tag with a bad key', standard, { tags: 'bad key=1' }, /tags/],
  ['a firmware tag with a slash', standard, { 'firmware-tag': '2026/11' }, /firmware-tag/],
  ['a firmware tag with a space', standard, { 'firmware-tag': 'nov 2026' }, /firmware-tag/],
  ['a firmware tag in rfs.conf of dots only', withRfsConf('FIRMWARE_TAG=..\n'), {}, /FIRMWARE_TAG/],
  // Key prefixes and URLs that readers would resolve elsewhere
  ['a prefix that climbs out', standard, { 's3-prefix': '../blobs' }, /s3-prefix.*'\.\.'/],
  ['a prefix ending in ..', standard, { 's3-prefix': 'zos/..' }, /s3-prefix/],
  ['a prefix with a . segment', standard, { 's3-prefix': 'zos/./v4' }, /s3-prefix/],
  ['a prefix with %-escaped dots', standard, { 's3-prefix': '%2e%2e/blobs' }, /s3-prefix/],
  ['a prefix with backslashes', standard, { 's3-prefix': 'zos\\..\\blobs' }, /s3-prefix/],
  ['a prefix in rfs.conf that climbs out', withRfsConf('S3_PREFIX=a/../../x\n'), {}, /S3_PREFIX/],
  [
    'a public URL with credentials',
    standard,
    { 'public-url': 'https://reader:Pw9Qx7Lm@cdn.example.com/zos' },
    /public-url.*credentials/
  ],
  [
    'a public URL that climbs out',
    standard,
    { 'public-url': 'https://cdn.example.com/zos/../other' },
    /public-url/
  ],
  [
    'a public URL with %-escaped dots',
    standard,
    { 'public-url': 'https://cdn.example.com/zos/%2E%2e/other' },
    /public-url/
  ],
  [
    'a read-store whose path climbs out',
    standard,
    { 'read-store': 'https://cdn.example.com/blobs/../other' },
    /read-store.*path segment '\.\.'/
  ],
  [
    'a store bucket that is not a bucket name',
    standard,
    () => ({ store: `${s3Store().replace(/\/blobs$/, '/blo%2Fbs')}` }),
    /store.*bucket/
  ],
  // Where the output goes
  [
    'output-dir inside the modules tree',
    standard,
    { 'output-dir': `initramfs/lib/modules/${EXAMPLE_KERNEL}/out` },
    /output-dir .* inside the modules tree/
  ],
  [
    'output-dir that is the firmware tree',
    standard,
    { 'output-dir': 'firmware' },
    /output-dir.*firmware tree/
  ],
  [
    'output-dir inside the firmware tree through a symlink',
    () => {
      const project = standard()
      symlinkSync(join(project.root, 'firmware/intel'), join(project.root, 'out'))
      return project
    },
    { 'output-dir': 'out/flists' },
    /output-dir .* inside the firmware tree/
  ],
  [
    'a dir:// store inside the firmware tree',
    standard,
    project => ({ store: `dir://${project.root}/firmware/blobs` }),
    /store dir:\/\/.* inside the firmware tree/
  ],
  [
    'the firmware tree inside a dir:// store',
    standard,
    project => ({ store: `dir://${project.root}` }),
    /modules tree .* inside input store dir:/
  ],
  [
    'output-dir that is a file',
    () => {
      const project = standard()
      writeFileSync(join(project.root, 'flists'), 'a file')
      return project
    },
    { 'output-dir': 'flists' },
    /output-dir .*flists is a file/
  ],
  [
    'output-dir under a file',
    () => {
      const project = standard()
      writeFileSync(join(project.root, 'flists'), 'a file')
      return project
    },
    { 'output-dir': 'flists/out' },
    /output-dir .*flists\/out is under .*flists, which is a file/
  ],
  ['output-dir under /proc', standard, { 'output-dir': '/proc/rfs-flist-test/out' }, /output-dir/],
  ['output-dir under /sys', standard, { 'output-dir': '/sys/rfs-flist-test' }, /output-dir/],
  ['output-dir that takes no files', standard, { 'output-dir': '/sys/kernel' }, /output-dir/],
  [
    'output-dir over PATH_MAX',
    standard,
    { 'output-dir': 'deep/'.repeat(900) },
    /output-dir.*PATH_MAX/
  ],
  [
    'output-dir with a name over NAME_MAX',
    standard,
    { 'output-dir': 'n'.repeat(300) },
    /output-dir.*NAME_MAX/
  ],
  [
    'modules-dir over PATH_MAX',
    standard,
    { 'modules-dir': 'deep/'.repeat(900) },
    /^input modules-dir .* cannot be used: the name is too long \(ENAMETOOLONG\)/
  ],
  [
    'config-dir over PATH_MAX',
    standard,
    { 'config-dir': 'deep/'.repeat(900) },
    /build\.conf cannot be read: the name is too long \(ENAMETOOLONG\)/
  ],
  [
    'a dir:// store under /proc',
    standard,
    { store: 'dir:///proc/rfs-flist-test/blobs' },
    /store dir:\/\/\/proc/
  ],
  // Secrets in URL-shaped inputs that do not parse
  [
    'a store whose secret holds / and @',
    standard,
    () => ({ store: `s3://AKAT:p@ss:w0rd/x+y=z@${s3.host}:${s3.port}/blobs` }),
    /store.*s3:\/\/ URL does not parse/
  ],
  [
    'a store whose secret holds #',
    standard,
    () => ({ store: `s3://AKAT:qz#w0rd@${s3.host}:${s3.port}/blobs` }),
    /store.*s3:\/\/ URL does not parse/
  ],
  [
    'a read-store whose secret holds ?',
    standard,
    () => ({ 'read-store': `s3://AKAT:qz?w0rd@${s3.host}:${s3.port}/blobs` }),
    /read-store.*does not parse/
  ],
  [
    'an endpoint with credentials and no scheme',
    standard,
    { 's3-endpoint': 'AKAT:qzw0rd@s3.example.com' },
    /s3-endpoint.*credentials/
  ]
]

async function expectCleanFailure(run: ActionRun, culprit: RegExp): Promise<void> {
  expect(run.code).toBe(1)
  const errors = errorLines(run)
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(culprit)
  expect(run.everything).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  const shown = run.everything.replace(/^::add-mask::.*$/gm, '')
  for (const secret of secretSpellings(s3.secretKey)) expect(shown).not.toContain(secret)
  for (const bucket of BUCKETS) expect(await listKeys(s3, bucket)).toEqual([])
}

describe('bad input', () => {
  test.each(CATALOGUE)('%s', async (_, make, inputs, culprit) => {
    const project = keep(make())
    const caseInputs = typeof inputs === 'function' ? inputs(project) : inputs
    const given = Object.fromEntries(
      Object.entries({ ...s3Inputs(), ...caseInputs }).filter(
        (entry): entry is [string, string] => entry[1] !== undefined
      )
    )
    const run = await runAction({ 'project-root': project.root, ...given }, { timeoutMs: 30_000 })
    try {
      await expectCleanFailure(run, culprit)
      expect(flFiles(project.root)).toEqual([])
      for (const store of dirStores(given.store)) expect(blobFiles(store)).toEqual([])
      await expectSameInShell(run, project.root, given)
      expect(flFiles(project.root)).toEqual([])
    } finally {
      // A case that wrote must not make the ones after it fail.
      if ((await Promise.all(BUCKETS.map(bucket => listKeys(s3, bucket)))).flat().length > 0) {
        await restartS3()
      }
    }
  })

  test('the settings every case starts from publish when nothing is wrong', async () => {
    const project = keep(standard())
    const run = await runAction({ 'project-root': project.root, ...s3Inputs() })
    expect(run.code).toBe(0)
    expect(await listKeys(s3, 'blobs')).not.toEqual([])
    expect(await listKeys(s3, 'manifests')).toHaveLength(2)
    expect(flFiles(project.root)).toHaveLength(2)
    await restartS3()
  })
})

/**
 * The same mistake made in a shell: it fails as cleanly, and each message names the inputs as
 * that user gave them, flags there and inputs on the runner, the same inputs both ways.
 */
async function expectSameInShell(
  run: ActionRun,
  root: string,
  inputs: Record<string, string>
): Promise<void> {
  const shell = await runShell(root, inputs)
  expect(shell.code).toBe(1)
  const shellErrors = shellLines(shell, 'error')
  expect(shellErrors).toHaveLength(1)
  // Which blob a failing upload meets first depends on timing.
  const anyBlob = (line: string): string => line.replace(/\b[0-9a-f]{64}\b/g, '<blob>')
  expect(anyBlob(shellErrors[0])).toBe(anyBlob(asTyped(errorLines(run)[0])))
  for (const line of [...shellErrors, ...shellLines(shell, 'warning')]) {
    expect(namedAsInputs(line)).toEqual([])
    expect(namedBare(line)).toEqual([])
  }
  for (const line of run.stdout.split('\n').filter(line => /^::(error|warning)/.test(line))) {
    expect(namedAsFlags(line)).toEqual([])
    expect(namedBare(line)).toEqual([])
  }
  expect(shell.everything).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
  for (const secret of secretSpellings(s3.secretKey)) expect(shell.everything).not.toContain(secret)
  for (const bucket of BUCKETS) expect(await listKeys(s3, bucket)).toEqual([])
}

/** The run of a shell user who types the case's inputs as flags, the secret in the environment. */
function runShell(root: string, inputs: Record<string, string>): Promise<ActionRun> {
  const { 's3-secret-key': secret, ...flags } = inputs
  const args = Object.entries(flags).map(([name, value]) => `--${name}=${value}`)
  return runCli(['--project-root', root, ...args], {
    env: { S3_SECRET_KEY: secret },
    timeoutMs: 30_000
  })
}

/** The `error:` or `warning:` lines of a shell run, without that word. */
function shellLines(run: ActionRun, kind: 'error' | 'warning'): string[] {
  return run.stderr
    .split('\n')
    .filter(line => line.startsWith(`${kind}: `))
    .map(line => line.slice(kind.length + 2))
}

const INPUT_NAMES = ACTION_INPUTS.map(input => input.name)

/**
 * How a runner's message names an input, with what a shell's message writes instead: `input x`
 * (`--x`), and `x: value` as in a workflow (`--x value`); after an article it is prose ("is not
 * an owner: write UID:GID").
 */
const RUNNER_SPELLINGS = INPUT_NAMES.map(name => ({
  name,
  spellings: [
    { runner: new RegExp(`(^|[^\\w-])input ${name}(?![\\w-])`, 'g'), shell: `$1--${name}` },
    { runner: new RegExp(`(^|[^\\w-])(?<!\\b(a|an|the) )${name}: `, 'g'), shell: `$1--${name} ` }
  ]
}))

/** The inputs a message names the way a runner's user wrote them. */
function namedAsInputs(message: string): string[] {
  return RUNNER_SPELLINGS.filter(({ spellings }) =>
    spellings.some(({ runner }) => new RegExp(runner.source).test(message))
  ).map(({ name }) => name)
}

/** The inputs of two or more words a message names bare, neither `input x` nor `--x`. */
function namedBare(message: string): string[] {
  return INPUT_NAMES.filter(
    name => name.includes('-') && new RegExp(`(?<!input |--|[\\w-])${name}(?![\\w-])`).test(message)
  )
}

/** A runner's message as a shell user reads it, each input as the flag typed. */
function asTyped(message: string): string {
  return RUNNER_SPELLINGS.flatMap(({ spellings }) => spellings).reduce(
    (typed, { runner, shell }) => typed.replace(runner, shell),
    message
  )
}

/** The inputs a message names as a shell user typed them: `--x`. */
function namedAsFlags(message: string): string[] {
  return INPUT_NAMES.filter(name => new RegExp(`(^|[^\\w-])--${name}(?![\\w-])`).test(message))
}

/** A directory of /sys whose regular files are all write-only, if this machine has one. */
function writeOnlySysfsDirectory(): string | undefined {
  try {
    for (const bus of readdirSync('/sys/bus')) {
      const drivers = join('/sys/bus', bus, 'drivers')
      for (const driver of existsSync(drivers) ? readdirSync(drivers) : []) {
        const dir = join(drivers, driver)
        const entries = readdirSync(dir, { withFileTypes: true })
        const files = entries.filter(entry => entry.isFile())
        if (entries.some(entry => entry.isDirectory()) || files.length === 0) continue
        if (files.every(file => (statSync(join(dir, file.name)).mode & 0o444) === 0)) return dir
      }
    }
  } catch {
    return undefined
  }
  return undefined
}

/** The directories of the dir:// stores among store specs. */
function dirStores(specs: string | undefined): string[] {
  return (specs ?? '')
    .split('\n')
    .map(spec => /^(?:[0-9a-f]{2}-[0-9a-f]{2}=)?dir:\/\/(\/.*)$/i.exec(spec.trim())?.[1])
    .filter((path): path is string => path !== undefined)
}

/** Files named like blobs (64 hex digits) under a directory, if it exists. */
function blobFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return (readdirSync(dir, { recursive: true }) as string[]).filter(path =>
    /(^|\/)[0-9a-f]{64}$/.test(path)
  )
}

/** The .fl files anywhere in a project. */
function flFiles(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter(path => path.endsWith('.fl'))
}

describe('bad conditions met while running', () => {
  /** A run on the example with these S3 settings fails cleanly, on a runner and in a shell. */
  async function failsBothWays(inputs: Record<string, string>, culprit: RegExp): Promise<void> {
    const root = keep(copyExample()).root
    const given = { ...s3Inputs(), ...inputs }
    const run = await runAction({ 'project-root': root, ...given })
    await expectCleanFailure(run, culprit)
    await expectSameInShell(run, root, given)
  }

  test('an unreachable endpoint', async () => {
    await failsBothWays(
      { 's3-endpoint': 'http://127.0.0.1:9' },
      /cannot reach the S3 endpoint.*s3-endpoint/
    )
  })

  test('an endpoint that answers 200 to everything: stopped before packing', async () => {
    const server = await startAnsweringServer(
      200,
      'text/html',
      '<html><body>It works!</body></html>'
    )
    try {
      const root = keep(copyExample()).root
      const given = { ...s3Inputs(), 's3-endpoint': server.endpoint }
      const run = await runAction({ 'project-root': root, ...given })
      expect(run.code).toBe(1)
      expect(errorLines(run)).toEqual([
        expect.stringMatching(
          new RegExp(
            `^input s3-endpoint ${server.endpoint} does not speak S3: .*; point input s3-endpoint \\(S3_ENDPOINT in rfs.conf\\) at the server's S3 API`
          )
        )
      ])
      await expectSameInShell(run, root, given)
      expect(server.requests.filter(request => !request.startsWith('GET '))).toEqual([])
    } finally {
      await server.close()
    }
  })

  test('a missing bucket', async () => {
    await failsBothWays({ 's3-bucket': 'no-such-bucket' }, /bucket 'no-such-bucket' does not exist/)
  })

  test('an unknown access key', async () => {
    await failsBothWays({ 's3-access-key': 'UNKNOWNKEY' }, /s3-access-key/)
  })

  test('a file that vanishes during the pack', async () => {
    const project = keep(copyExample())
    const modules = join(project.root, 'initramfs/lib/modules', EXAMPLE_KERNEL)
    // Many files ahead of the one that vanishes, so it is still unread when it goes.
    for (let i = 0; i < 400; i++) writeFileSync(join(modules, `a${i}.ko`), randomBytes(256 << 10))
    const doomed = join(modules, 'zz-last.ko')
    writeFileSync(doomed, 'soon gone')
    const running = runAction({ 'project-root': project.root, flists: 'modules', ...s3Inputs() })
    // The first stored blob means the tree was listed: the file is known and not yet read.
    while ((await listKeys(s3, 'blobs')).length === 0) await sleep(10)
    renameSync(doomed, `${doomed}.moved`)
    const run = await running
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([expect.stringMatching(/zz-last\.ko/)])
    expect(await listKeys(s3, 'manifests')).toEqual([])
    await restartS3()
  })

  test('a file replaced by a FIFO during the pack', async () => {
    const project = keep(copyExample())
    const modules = join(project.root, 'initramfs/lib/modules', EXAMPLE_KERNEL)
    for (let i = 0; i < 400; i++) writeFileSync(join(modules, `a${i}.ko`), randomBytes(256 << 10))
    const doomed = join(modules, 'zz-last.ko')
    writeFileSync(doomed, 'soon a fifo')
    const running = runAction(
      { 'project-root': project.root, flists: 'modules', ...s3Inputs() },
      { timeoutMs: 60_000 }
    )
    while ((await listKeys(s3, 'blobs')).length === 0) await sleep(10)
    rmSync(doomed)
    execFileSync('mkfifo', [doomed])
    const run = await running
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([
      expect.stringMatching(/zz-last\.ko is no longer a regular file/)
    ])
    expect(await listKeys(s3, 'manifests')).toEqual([])
    await restartS3()
  })

  // As root every file is readable; a kernel file system still refuses to read a write-only file.
  const writeOnly = writeOnlySysfsDirectory()
  ;(writeOnly ? test : test.skip)(
    'a module file the run may not read, in a runner and a shell',
    async () => {
      const project = keep(copyExample())
      const inputs = { flists: 'modules', 'modules-dir': writeOnly!, ...s3Inputs() }
      const run = await runAction({ 'project-root': project.root, ...inputs })
      await expectCleanFailure(
        run,
        /^cannot read \/sys\/.*: permission denied \(EACCES\): make it readable/
      )
      const shell = await runCli([
        '--project-root',
        project.root,
        ...Object.entries(inputs).flatMap(([name, value]) => [`--${name}`, value])
      ])
      expect(shell.code).toBe(1)
      expect(shell.stderr.split('\n').filter(line => line.startsWith('error:'))).toEqual([
        expect.stringMatching(/^error: cannot read \/sys\/.*\(EACCES\): make it readable/)
      ])
      expect(shell.stdout).not.toContain('::debug::')
      expect(shell.everything).not.toMatch(/^\s+at /m)
    }
  )

  test('output-dir under /proc ends within seconds and heeds SIGTERM', async () => {
    const project = keep(copyExample())
    const run = await runAction(
      { 'project-root': project.root, ...s3Inputs(), 'output-dir': '/proc/rfs-flist-bad/out' },
      { timeoutMs: 20_000 }
    )
    await expectCleanFailure(
      run,
      /output-dir \/proc\/rfs-flist-bad\/out is on \/proc, a kernel file system/
    )
  })

  test('an overwrite conflict', async () => {
    const project = keep(copyExample())
    const inputs = { 'project-root': project.root, ...s3Inputs(), flists: 'modules' }
    expect((await runAction(inputs)).code).toBe(0)
    const published = await listKeys(s3, 'manifests')
    writeFileSync(join(project.root, 'initramfs/lib/modules', EXAMPLE_KERNEL, 'modules.dep'), 'x\n')
    const run = await runAction(inputs)
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([expect.stringMatching(/already published.*overwrite: true/)])
    expect(await listKeys(s3, 'manifests')).toEqual(published)
    await restartS3()
  })
})
