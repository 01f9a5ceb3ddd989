// `cmd | head -1`: a real child process keeps writing after its reader has gone. With the handler
// it ends as a coreutils tool would: status 141, and nothing said on the other stream.
import { expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'

const SIGPIPE_STATUS = 141

/** Runs a child that writes to `stream` without end, and closes that pipe after the first chunk. */
async function closeReader(
  stream: 'stdout' | 'stderr'
): Promise<{ code: number | null; other: string }> {
  const script = [
    "const { endQuietlyOnClosedPipe } = await import('./src/common/closed-pipe.ts')",
    'endQuietlyOnClosedPipe()',
    `setInterval(() => process.${stream}.write('line\\n'.repeat(4096)), 1)`
  ].join('\n')
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const [closed, kept] =
    stream === 'stdout' ? [child.stdout, child.stderr] : [child.stderr, child.stdout]
  let other = ''
  kept.on('data', chunk => (other += String(chunk)))
  // A child that keeps writing past its closed pipe would write forever: end it, and say so.
  let killed = false
  let timer: NodeJS.Timeout | undefined
  closed.once('data', () => {
    closed.destroy()
    timer = setTimeout(() => {
      killed = true
      child.kill('SIGKILL')
    }, 5_000)
  })
  const code = await new Promise<number | null>(resolve => child.on('close', resolve))
  clearTimeout(timer)
  if (killed) throw new Error(`the child still wrote to its ${stream} 5 s after the pipe closed`)
  return { code, other }
}

test.each(['stdout', 'stderr'] as const)(
  'a closed %s ends the process with status 141 and not a word',
  async stream => {
    expect(await closeReader(stream)).toEqual({ code: SIGPIPE_STATUS, other: '' })
  }
)
