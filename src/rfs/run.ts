import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface RunOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  signal?: AbortSignal
  /** Each line of stdout and stderr, as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** How many of the last lines to keep for an error report. */
  tailLines?: number
  /** Keep all of stdout in the result (the default); a long-running tool's output is not kept. */
  captureStdout?: boolean
  /** Which streams the tail is made of; both by default. */
  tailFrom?: ReadonlyArray<'stdout' | 'stderr'>
}

export interface RunResult {
  /** The exit code, or null when the process was killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  /** The last lines of the tail streams, in arrival order. */
  tail: string[]
  stdout: string
}

/**
 * Runs a program without a shell and without echoing its command line (which may hold secrets).
 * A program that cannot be started rejects; one that fails resolves with its code.
 */
export function runProgram(
  file: string,
  args: readonly string[],
  options: RunOptions = {}
): Promise<RunResult> {
  const keep = options.tailLines ?? 20
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      signal: options.signal,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const tail: string[] = []
    let stdout = ''
    const tailFrom = options.tailFrom ?? ['stdout', 'stderr']
    const take = (line: string, stream: 'stdout' | 'stderr'): void => {
      if (tailFrom.includes(stream)) {
        tail.push(line)
        if (tail.length > keep) tail.shift()
      }
      options.onLine?.(line, stream)
    }
    let open = 2
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined
    const finish = (): void => {
      if (open === 0 && exit) resolve({ ...exit, tail, stdout })
    }
    if (options.captureStdout ?? true) {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8')
      })
    }
    for (const [name, stream] of [
      ['stdout', child.stdout],
      ['stderr', child.stderr]
    ] as const) {
      createInterface({ input: stream, crlfDelay: Infinity })
        .on('line', line => take(line, name))
        .on('close', () => {
          open -= 1
          finish()
        })
    }
    child.on('error', reject)
    child.on('close', (code, signal) => {
      exit = { code, signal }
      finish()
    })
  })
}

/** A one-line account of how a run ended. */
export function describeExit(result: RunResult): string {
  return result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`
}
