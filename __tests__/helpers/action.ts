// Runs the bundled action the way a GitHub runner does: a node process with INPUT_* variables and
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, or as a shell command with CLI flags.
import { spawn } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseOutputFile } from '../../peers/github-output.js'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const DIST_ENTRY = join(REPO_ROOT, 'dist', 'index.js')

export interface ActionRun {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /**
   * Everything the run emitted, for searching secrets in: workflow commands also as the runner
   * shows them, since their escaping writes a `%` in a secret as `%25`.
   */
  everything: string
}

export interface RunOptions {
  /** The bundle to run; default dist/index.js. */
  entry?: string
  env?: Record<string, string | undefined>
  cwd?: string
  timeoutMs?: number
  /** Called with the child's pid once it has started. */
  onStart?: (pid: number) => void
  /** Called with each piece of stdout as it arrives, and the child's pid. */
  onStdout?: (chunk: string, pid: number) => void
}

/** Environment of a clean runner step: no INPUT_* or GITHUB_* leaking in from this process. */
function baseEnv(extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || key.startsWith('INPUT_') || key.startsWith('GITHUB_')) continue
    if (key === 'NODE_OPTIONS' || key.startsWith('JEST_') || key === 'SOURCE_DATE_EPOCH') continue
    env[key] = value
  }
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  return env
}

/** Runs dist/index.js with the given action inputs (kebab-case names, as in a workflow). */
export async function runAction(
  inputs: Record<string, string>,
  options: RunOptions = {}
): Promise<ActionRun> {
  const work = mkdtempSync(join(tmpdir(), 'action-run-'))
  const outputFile = join(work, 'output')
  const summaryFile = join(work, 'summary')
  writeFileSync(outputFile, '')
  writeFileSync(summaryFile, '')
  const env: Record<string, string | undefined> = {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: join(work, 'runner-temp'),
    RUNNER_TOOL_CACHE: join(work, 'tool-cache'),
    ...options.env
  }
  for (const [name, value] of Object.entries(inputs)) {
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
  }
  try {
    const result = await runNode([options.entry ?? DIST_ENTRY], { ...options, env })
    const outputText = readFileSync(outputFile, 'utf8')
    const summary = readFileSync(summaryFile, 'utf8')
    return {
      ...result,
      outputs: parseOutputFile(outputText),
      summary,
      everything: [result.stdout, asShown(result.stdout), result.stderr, outputText, summary].join(
        '\n'
      )
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

/** Runs dist/index.js as a shell command with CLI flags (no GitHub environment). */
export async function runCli(args: string[], options: RunOptions = {}): Promise<ActionRun> {
  const result = await runNode([DIST_ENTRY, ...args], options)
  const everything = [result.stdout, asShown(result.stdout), result.stderr].join('\n')
  return { ...result, outputs: {}, summary: '', everything }
}

async function runNode(
  args: string[],
  options: RunOptions
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: baseEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  if (child.pid !== undefined) options.onStart?.(child.pid)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    if (child.pid !== undefined) options.onStdout?.(chunk, child.pid)
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
  const code = await new Promise<number | null>(done => child.on('close', done))
  clearTimeout(timer)
  return { code, stdout, stderr }
}

/** The lines a failed run printed as errors (`::error::` commands), as the runner shows them. */
export function errorLines(run: ActionRun): string[] {
  return run.stdout
    .split('\n')
    .filter(line => line.startsWith('::error'))
    .map(line => unescapeCommands(line.replace(/^::error[^:]*::/, '')))
}

/**
 * The log as the runner shows it: messages unescaped, and no `::add-mask::` lines, which hold
 * the very secrets they hide and are never shown.
 */
function asShown(stdout: string): string {
  return unescapeCommands(stdout.replace(/^::add-mask::.*$/gm, ''))
}

/** Undoes @actions/core's escaping of workflow command messages (`%25`, `%0D`, `%0A`). */
function unescapeCommands(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

/** A secret as a run could print it: as it is and as a URL holds it. */
export function secretSpellings(secret: string): string[] {
  return [secret, encodeURIComponent(secret)]
}

/**
 * A copy of the bundle that reports another version of the action, as the next patch release
 * would: the version constant is replaced in a copy of dist/, nothing else.
 */
export function bundleWithVersion(version: string): { entry: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'))
  cpSync(dirname(DIST_ENTRY), dir, { recursive: true })
  const entry = join(dir, 'index.js')
  const source = readFileSync(entry, 'utf8')
  const declaration = /const ACTION_VERSION = '[^']+';/
  if (!declaration.test(source)) throw new Error('dist/index.js declares no ACTION_VERSION')
  writeFileSync(entry, source.replace(declaration, `const ACTION_VERSION = '${version}';`))
  return { entry, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
