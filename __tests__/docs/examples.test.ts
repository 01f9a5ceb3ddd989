// Every fenced example of README.md and docs/*.md, run as a user would run it:
// - each workflow step that uses the action runs through the bundle with its `with:` inputs
//   (secrets, matrix values and `${{ github.* }}` / `${{ steps.* }}` replaced by test values, the
//   S3 settings pointed at a test s3rver, the project at a copy of examples/zos), and runs again to
//   show that a rerun of the same commit changes nothing;
// - each shell example runs as written in a sandbox: a temporary HOME holding the project as ~/zos
//   (its rfs.conf naming the test server), `dist/` reachable from the working directory;
// - every other block carries `<!-- example: not run — REASON -->` right before its fence.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, parseAllDocuments } from 'yaml'
import { errorLines, REPO_ROOT, runAction, runCli } from '../helpers/action.js'
import {
  documentationFiles,
  fencedBlocks,
  label,
  notRunReason,
  type FencedBlock
} from '../helpers/examples.js'
import { copyExample, type TestProject } from '../helpers/project.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

interface Step {
  id?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}
interface Job {
  env?: Record<string, unknown>
  steps?: Step[]
  strategy?: { matrix?: Record<string, unknown> }
}

/** The action itself: `./` in this repository, or its published name (GitHub or a Forgejo URL). */
const ACTION_USES = /^(\.\/?|(?:[^@]*\/)?rfs-flist-action@[^/]+)$/
const SHELL_LANGS = ['sh', 'bash', 'shell']
const YAML_LANGS = ['yaml', 'yml']

/** Buckets the examples name; the test server holds each of them. */
const BUCKETS = ['zos-blobs', 'zos-flists']
const TEST_SHA = 'c0ffee0123456789abcdef0123456789abcdef01'
const GITHUB_VALUES: Record<string, string> = {
  ref_name: 'v1.2.3',
  sha: TEST_SHA,
  token: 'test-github-token',
  run_id: '4242'
}
/** Matrix values with a tree in examples/zos; another matrix key takes its first listed value. */
const MATRIX_VALUES: Record<string, string> = { kernel: '6.12.44', engine: 'native' }
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m

const actionYml = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}
const blocks = documentationFiles().flatMap(file => fencedBlocks(file))
const workflowBlocks = blocks.filter(block => YAML_LANGS.includes(block.lang))
const runnable = blocks.filter(block => !block.marker && isRunnable(block))

let s3: TestS3
const projects: TestProject[] = []
let exampleNumber = 0

beforeAll(async () => {
  s3 = await startS3({ buckets: BUCKETS, secretKey: 'docs-example-secret-0123' })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

function isRunnable(block: FencedBlock): boolean {
  if (SHELL_LANGS.includes(block.lang)) return true
  if (!YAML_LANGS.includes(block.lang)) return false
  return jobsOf(block).some(({ job }) => (job.steps ?? []).some(usesAction))
}

function usesAction(step: Step): boolean {
  return typeof step.uses === 'string' && ACTION_USES.test(step.uses)
}

/** The jobs of a block: a whole workflow, a list of steps, or one step. */
function jobsOf(block: FencedBlock): Array<{ env: Record<string, unknown>; job: Job }> {
  return parseAllDocuments(block.text).flatMap(document => {
    const value = document.toJS() as unknown
    if (Array.isArray(value)) return [{ env: {}, job: { steps: value as Step[] } }]
    if (!value || typeof value !== 'object') return []
    const record = value as { jobs?: Record<string, Job>; env?: Record<string, unknown> }
    if (record.jobs) return Object.values(record.jobs).map(job => ({ env: record.env ?? {}, job }))
    if ('uses' in record || 'run' in record) return [{ env: {}, job: { steps: [value as Step] } }]
    return []
  })
}

interface Context {
  project: string
  env: Record<string, string>
  matrix: Record<string, unknown>
  outputs: Map<string, Record<string, string>>
}

/** A `${{ … }}` expression's test value; one the test has no value for fails the example. */
function evaluate(expression: string, context: Context): string {
  const secrets: Record<string, string> = {
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey
  }
  const [scope, ...path] = expression.split('.')
  const name = path.join('.')
  if (scope === 'secrets' && name in secrets) return secrets[name]
  if (scope === 'github' && name === 'workspace') return context.project
  if (scope === 'github' && name in GITHUB_VALUES) return GITHUB_VALUES[name]
  if (scope === 'env' && name in context.env) return context.env[name]
  if (scope === 'matrix') {
    if (name in MATRIX_VALUES) return MATRIX_VALUES[name]
    const listed = context.matrix[name]
    if (Array.isArray(listed) && listed.length > 0) return String(listed[0])
  }
  if (scope === 'steps' && path[1] === 'outputs') {
    const outputs = context.outputs.get(path[0])
    const output = path.slice(2).join('.')
    if (!outputs) throw new Error(`\${{ ${expression} }}: no earlier step '${path[0]}' ran`)
    if (!(output in actionYml.outputs))
      throw new Error(`\${{ ${expression} }}: the action has no output '${output}'`)
    return outputs[output] ?? ''
  }
  throw new Error(`no test value for \${{ ${expression} }}`)
}

function substitute(value: unknown, context: Context): string {
  return String(value).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) =>
    evaluate(expression, context)
  )
}

/** The example project, its rfs.conf naming the test server, as a build project would. */
function project(prefix: string, rfsConf: Record<string, string> = {}): TestProject {
  const copy = copyExample()
  projects.push(copy)
  const conf = {
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: 'zos-blobs',
    MANIFEST_BUCKET: 'zos-flists',
    S3_PREFIX: prefix,
    ...rfsConf
  }
  writeFileSync(
    join(copy.root, 'config/rfs.conf'),
    Object.entries(conf)
      .map(([key, value]) => `${key}='${value}'\n`)
      .join('')
  )
  return copy
}

/**
 * What actions/checkout or a clone leaves: the project as a git checkout of one commit, whose date
 * clamps the timestamps, so every copy of the project packs the same bytes.
 */
function checkout(root: string): void {
  const date = '2026-11-25T12:00:00Z'
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date }
  const git = (...args: string[]): void => {
    const done = spawnSync('git', args, { cwd: root, encoding: 'utf8', env })
    if (done.status !== 0) throw new Error(`git ${args.join(' ')}: ${done.stderr}`)
  }
  git('init', '-q')
  git('add', '-A')
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'build')
}

/** The environment a step before the action leaves for it (a credentials action). */
function leftBy(step: Step): Record<string, string> {
  if (step.uses?.startsWith('aws-actions/configure-aws-credentials@')) {
    return {
      AWS_ACCESS_KEY_ID: s3.accessKey,
      AWS_SECRET_ACCESS_KEY: s3.secretKey,
      AWS_REGION: String(step.with?.['aws-region'] ?? 'us-east-1')
    }
  }
  return {}
}

async function runJob(block: FencedBlock, workflowEnv: Record<string, unknown>, job: Job) {
  const copy = project(`docs-${++exampleNumber}`)
  const context: Context = {
    project: copy.root,
    env: {},
    matrix: job.strategy?.matrix ?? {},
    outputs: new Map()
  }
  for (const [key, value] of Object.entries({ ...workflowEnv, ...job.env }))
    context.env[key] = substitute(value, context)
  let ran = 0
  for (const step of job.steps ?? []) {
    // Every expression of every step must have a value, the action's outputs included.
    for (const value of [...Object.values(step.with ?? {}), ...Object.values(step.env ?? {})])
      substitute(value, context)
    if (step.uses?.startsWith('actions/checkout@') && !step.with?.repository) checkout(copy.root)
    Object.assign(context.env, leftBy(step))
    if (!usesAction(step)) continue
    for (const input of Object.keys(step.with ?? {}))
      expect(Object.keys(actionYml.inputs)).toContain(input)
    const inputs: Record<string, string> = {}
    for (const [name, input] of Object.entries(actionYml.inputs))
      inputs[name] = substitute(input.default ?? '', context)
    for (const [name, value] of Object.entries(step.with ?? {}))
      inputs[name] = substitute(value, context)
    inputs['project-root'] = copy.root
    if (inputs['s3-endpoint']) inputs['s3-endpoint'] = s3.endpoint
    const env: Record<string, string> = {
      GITHUB_WORKSPACE: copy.root,
      GITHUB_SHA: TEST_SHA,
      GITHUB_REF_NAME: GITHUB_VALUES.ref_name,
      ...context.env
    }
    for (const [key, value] of Object.entries(step.env ?? {})) env[key] = substitute(value, context)
    const run = await runAction(inputs, { env, cwd: copy.root })
    const where = `${label(block)}, step ${step.id ?? step.uses}`
    expect({ where, errors: errorLines(run), code: run.code }).toEqual({
      where,
      errors: [],
      code: 0
    })
    expect(run.everything).not.toMatch(STACK_LINE)
    expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(s3.secretKey)
    if (step.id) context.outputs.set(step.id, run.outputs)
    if (inputs['dry-run'] !== 'true')
      await expectRerunUnchanged(where, inputs, env, copy.root, run.outputs)
    ran++
  }
  return ran
}

/** A rerun of the same commit succeeds and finds every manifest it published unchanged. */
async function expectRerunUnchanged(
  where: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
  cwd: string,
  first: Record<string, string>
): Promise<void> {
  const again = await runAction(inputs, { env, cwd })
  expect({ where, errors: errorLines(again) }).toEqual({ where, errors: [] })
  const before = JSON.parse(first.result) as { flists: Record<string, { manifest?: string }> }
  const after = JSON.parse(again.outputs.result) as typeof before
  for (const [kind, flist] of Object.entries(before.flists)) {
    if (flist.manifest === 'published')
      expect({ where, kind, manifest: after.flists[kind].manifest }).toEqual({
        where,
        kind,
        manifest: 'unchanged'
      })
  }
}

/** Places in shell examples that stand for the user's server and credentials. */
function substituteShell(text: string): string {
  const store = `s3://${s3.accessKey}:${s3.secretKey}@${s3.host}:${s3.port}`
  return text
    .replace(/s3s?:\/\/KEY:SECRET@s3\.example\.com:443/g, store)
    .replace(/^(\s*export S3_SECRET_KEY=)\.\.\./gm, `$1'${s3.secretKey}'`)
}

/** A sandbox HOME: ~/zos is the project, ~/.config/zos/s3-secret its secret, dist/ the bundle. */
function sandbox(): string {
  const home = mkdtempSync(join(tmpdir(), 'docs-shell-'))
  symlinkSync(join(REPO_ROOT, 'dist'), join(home, 'dist'))
  const copy = project('zos/v4', { S3_ACCESS_KEY: s3.accessKey })
  checkout(copy.root)
  symlinkSync(copy.root, join(home, 'zos'))
  mkdirSync(join(home, '.config/zos'), { recursive: true })
  writeFileSync(join(home, '.config/zos/s3-secret'), `${s3.secretKey}\n`, { mode: 0o600 })
  return home
}

function shellEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(INPUT_|GITHUB_|RUNNER_|JEST_|AWS_|S3_)/.test(key)) continue
    if (key === 'NODE_OPTIONS' || key === 'SOURCE_DATE_EPOCH') continue
    env[key] = value
  }
  return { ...env, HOME: home }
}

/**
 * Runs a script with bash -e (a failing command fails the example; a reader that stops early, as
 * `| head` does, is fine), asynchronously, as the test server answers in this process.
 */
async function runShell(
  script: string,
  home: string
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-e', '-c', script], {
    cwd: home,
    env: shellEnv(home),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), 180_000)
  const status = await new Promise<number | null>(done => child.on('close', done))
  clearTimeout(timer)
  return { status, stdout, stderr }
}

describe('documentation examples', () => {
  test('the documentation has runnable workflow and shell examples', () => {
    expect(runnable.filter(block => YAML_LANGS.includes(block.lang)).length).toBeGreaterThan(3)
    expect(runnable.filter(block => SHELL_LANGS.includes(block.lang)).length).toBeGreaterThan(1)
  })

  test.each(blocks.map(block => ({ name: label(block), block })))(
    '$name runs, or its marker says why not',
    ({ block }) => {
      if (block.marker === undefined) {
        expect({ block: label(block), runnable: isRunnable(block) }).toEqual({
          block: label(block),
          runnable: true
        })
      } else {
        expect({ marker: block.marker, reason: notRunReason(block.marker) }).toEqual({
          marker: block.marker,
          reason: expect.stringMatching(/\S/)
        })
      }
    }
  )

  test.each(workflowBlocks.map(block => ({ name: label(block), block })))(
    '$name is valid YAML',
    ({ block }) => {
      const errors = parseAllDocuments(block.text).flatMap(document =>
        document.errors.map(error => error.message)
      )
      expect(errors).toEqual([])
    }
  )

  test.each(
    blocks.filter(block => block.lang === 'json').map(block => ({ name: label(block), block }))
  )('$name is valid JSON', ({ block }) => {
    expect(() => JSON.parse(block.text)).not.toThrow()
  })

  const workflows = runnable.filter(block => YAML_LANGS.includes(block.lang))
  test.each(workflows.map(block => ({ name: label(block), block })))(
    '$name: each step that uses the action runs, and reruns unchanged',
    async ({ block }) => {
      let ran = 0
      for (const { env, job } of jobsOf(block)) ran += await runJob(block, env, job)
      expect(ran).toBeGreaterThan(0)
    },
    240_000
  )

  describe('shell examples', () => {
    beforeAll(async () => {
      // The store the shell examples use already holds published flists, as a user's does.
      const home = sandbox()
      const published = await runCli(['--project-root', join(home, 'zos')], {
        env: { ...shellEnv(home), S3_SECRET_KEY: s3.secretKey }
      })
      expect(published.stderr).not.toMatch(/^error:/m)
      expect(published.code).toBe(0)
      rmSync(home, { recursive: true, force: true })
    }, 120_000)

    const shells = runnable.filter(block => SHELL_LANGS.includes(block.lang))
    test.each(shells.map(block => ({ name: label(block), block })))(
      '$name runs as written',
      async ({ block }) => {
        const home = sandbox()
        try {
          const done = await runShell(substituteShell(block.text), home)
          const output = `${done.stdout}\n${done.stderr}`
          // The block's stderr is shown when it fails.
          expect({ block: label(block), status: done.status, stderr: done.stderr }).toEqual({
            block: label(block),
            status: 0,
            stderr: done.stderr
          })
          expect(output).not.toMatch(STACK_LINE)
          expect(done.stderr).not.toMatch(/^(error|Error):/m)
        } finally {
          rmSync(home, { recursive: true, force: true })
        }
      },
      240_000
    )
  })
})
