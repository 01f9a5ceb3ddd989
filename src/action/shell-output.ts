// Workflow commands (`::group::`, `::warning::`, …) are the runner's protocol. A shell run has no
// runner to read them, so they are rendered for a person instead: warnings and errors as
// `warning: …` / `error: …` on stderr, group titles as plain lines, debug lines only with
// RUNNER_DEBUG=1. @actions/core and the libraries below it write them to stdout, so the rendering
// sits on stdout itself. With --json the log goes to stderr and stdout carries the result alone.

type Write = (text: string) => void

export interface ShellOutput {
  /** Writes to the real stdout, past the rendering: the result JSON. */
  result: Write
}

const COMMAND = /^::([A-Za-z-]+)(?: [^:]*)?::(.*)$/

/** Undoes @actions/core's escaping of a command's message. */
function unescapeData(text: string): string {
  return text.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

/** The text a shell shows for one line, and where; undefined drops the line. */
export function renderLine(
  line: string,
  debug: boolean
): { stream: 'log' | 'stderr'; text: string } | undefined {
  const match = COMMAND.exec(line)
  if (!match) return { stream: 'log', text: line }
  const [, command, data] = match
  const message = unescapeData(data)
  switch (command) {
    case 'group':
      return { stream: 'log', text: message }
    case 'endgroup':
    case 'add-mask':
    case 'set-output':
    case 'save-state':
    case 'echo':
      return undefined
    case 'debug':
      return debug ? { stream: 'stderr', text: `debug: ${message}` } : undefined
    case 'warning':
    case 'error':
    case 'notice':
      return { stream: 'stderr', text: `${command}: ${message}` }
    default:
      return { stream: 'log', text: line }
  }
}

/** Renders workflow commands written to stdout from now on; the log goes to stderr with `json`. */
export function installShellOutput(options: { json: boolean; debug: boolean }): ShellOutput {
  const stdoutWrite = process.stdout.write.bind(process.stdout) as (text: string) => boolean
  const stderrWrite = process.stderr.write.bind(process.stderr) as (text: string) => boolean
  const logWrite = options.json ? stderrWrite : stdoutWrite
  // @actions/core writes each command as one whole line; a chunk's unfinished tail passes as is.
  const render = (text: string): void => {
    const lines = text.split('\n')
    const tail = lines.pop() ?? ''
    for (const line of lines) {
      const shown = renderLine(line, options.debug)
      if (!shown) continue
      ;(shown.stream === 'stderr' ? stderrWrite : logWrite)(`${shown.text}\n`)
    }
    if (tail !== '') logWrite(tail)
  }
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    render(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    const callback = rest.find(item => typeof item === 'function') as (() => void) | undefined
    callback?.()
    return true
  }) as typeof process.stdout.write
  return { result: text => void stdoutWrite(text) }
}
