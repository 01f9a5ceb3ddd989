import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ProgramOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /**
   * Ends the program: SIGTERM, then SIGKILL after `killGraceMs`. The promise rejects with the
   * signal's reason only once the program has exited, so nothing it writes outlives the call.
   */
  signal?: AbortSignal
  /** How long a program may take to exit after SIGTERM before it gets SIGKILL. */
  killGraceMs?: number
  /** Each line of stdout and stderr, as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** How many of the last lines to keep for an error report. */
  tailLines?: number
  /** Keep all of stdout in the result (the default); a long-running tool's output is not kept. */
  captureStdout?: boolean
  /** Which streams the tail is made of; both by default. */
  tailFrom?: ReadonlyArray<'stdout' | 'stderr'>
}

export interface ProgramResult {
  /** The exit code, or null when the process was killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  /** The last lines of the tail streams, in arrival order. */
  tail: string[]
  stdout: string
}

/**
 * Time to exit after SIGTERM. rfs holds the store's secret on its command line, so it must be gone
 * before the run ends, and a GitHub runner follows its first signal with SIGTERM after 7.5 s.
 */
export const DEFAULT_KILL_GRACE_MS = 5_000

/**
 * Runs a program without a shell and without echoing its command line (which may hold secrets).
 * A program that cannot be started rejects; one that fails resolves with its code.
 */
export function runProgram(
  file: string,
  args: readonly string[],
  options: ProgramOptions = {}
): Promise<ProgramResult> {
  const keep = options.tailLines ?? 20
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    const stopOnAbort = terminateOnAbort(child, options.signal, options.killGraceMs)
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
      if (open !== 0 || !exit) return
      stopOnAbort.dispose()
      if (options.signal?.aborted) reject(options.signal.reason)
      else resolve({ ...exit, tail, stdout })
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
    child.on('error', error => {
      stopOnAbort.dispose()
      reject(error)
    })
    child.on('close', (code, signal) => {
      exit = { code, signal }
      finish()
    })
  })
}

/** Sends SIGTERM when the signal fires, and SIGKILL if the child is still there after the grace. */
function terminateOnAbort(
  child: ChildProcess,
  signal: AbortSignal | undefined,
  graceMs = DEFAULT_KILL_GRACE_MS
): { dispose(): void } {
  let killTimer: NodeJS.Timeout | undefined
  const terminate = (): void => {
    child.kill('SIGTERM')
    killTimer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  }
  if (signal?.aborted) terminate()
  else signal?.addEventListener('abort', terminate, { once: true })
  return {
    dispose: () => {
      signal?.removeEventListener('abort', terminate)
      clearTimeout(killTimer)
    }
  }
}

/** A one-line account of how a run ended. */
export function describeExit(result: ProgramResult): string {
  return result.signal ? `was killed by ${result.signal}` : `exited with code ${result.code}`
}
