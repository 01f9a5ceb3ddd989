// Programs run as rfs and cargo are: real sh scripts, their lines, exit codes and cancellation.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@jest/globals'
import { describeExit, runProgram } from '../../src/rfs-release/run.js'
import { isRunning } from '../helpers/process.js'

const sh = (script: string, options: Parameters<typeof runProgram>[2] = {}) =>
  runProgram('sh', ['-c', script], options)

test('the tail is the last lines of both streams in arrival order; stdout is kept whole', async () => {
  // The script writes a line only once the one before it has been taken, so the order in which
  // lines arrive across the two pipes is fixed rather than left to the scheduler.
  const dir = mkdtempSync(join(tmpdir(), 'run-order-'))
  const lines: string[] = []
  const script = [
    'n=0',
    `taken() { n=$((n+1)); while [ ! -e "${dir}/$n" ]; do sleep 0.01; done; }`,
    'for i in 1 2 3; do echo out$i; taken; echo err$i >&2; taken; done'
  ].join('\n')
  const result = await sh(script, {
    tailLines: 3,
    onLine: (line, stream) => {
      lines.push(`${stream}:${line}`)
      writeFileSync(join(dir, String(lines.length)), '')
    }
  }).finally(() => rmSync(dir, { recursive: true, force: true }))
  expect(result).toEqual({
    code: 0,
    signal: null,
    tail: ['err2', 'out3', 'err3'],
    stdout: 'out1\nout2\nout3\n'
  })
  expect(lines).toEqual([
    'stdout:out1',
    'stderr:err1',
    'stdout:out2',
    'stderr:err2',
    'stdout:out3',
    'stderr:err3'
  ])
})

test('a tail of stderr only, a last line without a newline, and stdout left out', async () => {
  const result = await sh('echo progress; printf "error: no newline" >&2', {
    tailFrom: ['stderr'],
    captureStdout: false
  })
  expect(result.tail).toEqual(['error: no newline'])
  expect(result.stdout).toBe('')
})

test('a program that fails resolves with its code; one killed by a signal says which', async () => {
  const failed = await sh('exit 3')
  expect(describeExit(failed)).toBe('exited with code 3')
  const killed = await sh('kill -KILL $$')
  expect(killed).toMatchObject({ code: null, signal: 'SIGKILL' })
  expect(describeExit(killed)).toBe('was killed by SIGKILL')
})

test('a program that cannot be started rejects', async () => {
  await expect(runProgram('/nonexistent/rfs', ['--version'])).rejects.toThrow(/ENOENT/)
})

test('a cancelled program that ignores SIGTERM gets SIGKILL after the grace, and is gone when the call ends', async () => {
  const controller = new AbortController()
  let pid = 0
  const running = sh(`trap 'echo TERM' TERM; echo $$; while :; do sleep 0.05; done`, {
    signal: controller.signal,
    killGraceMs: 300,
    onLine: line => {
      if (pid === 0) {
        pid = Number(line)
        controller.abort(new Error('cancelled'))
      }
    }
  })
  try {
    await expect(running).rejects.toThrow('cancelled')
    expect(isRunning(pid)).toBe(false)
  } finally {
    if (pid && isRunning(pid)) process.kill(pid, 'SIGKILL')
  }
})

test('a signal aborted before the start still ends the program', async () => {
  const controller = new AbortController()
  controller.abort(new Error('cancelled before'))
  await expect(sh('sleep 30', { signal: controller.signal })).rejects.toThrow('cancelled before')
})
