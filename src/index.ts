#!/usr/bin/env node
/**
 * Entry of the action and of the shell command: runs the mission, turns a cancel signal into a
 * clean stop, and reports a failure as one line (the stack only in debug output).
 */
import * as core from '@actions/core'
import { wantsJson } from './action/cli-flags.js'
import { endQuietlyOnClosedPipe } from './common/closed-pipe.js'
import { isUserError, oneLine, UserError } from './common/errors.js'
import { run } from './main.js'
import { readInputs } from './action/inputs.js'
import { usage, versionLine } from './action/help.js'
import { isOsError, osErrorLine } from './common/os-error.js'
import { onRunner } from './action/runner.js'
import { installShellOutput, type ShellOutput } from './action/shell-output.js'

endQuietlyOnClosedPipe()
const json = wantsJson(process.argv.slice(2))
// Outside a runner the runner's commands are rendered for a person; --json keeps stdout for the result.
const shell: ShellOutput | undefined = onRunner()
  ? undefined
  : installShellOutput({ json, debug: process.env.RUNNER_DEBUG === '1' })

const controller = new AbortController()
let signalled = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second signal means "now": skip the clean-up of the first.
    if (signalled) process.exit(130)
    signalled = true
    controller.abort(new UserError(`cancelled by ${signal}`))
  })
}

try {
  const read = readInputs()
  if (read.kind === 'help') process.stdout.write(usage())
  else if (read.kind === 'version') process.stdout.write(versionLine())
  else {
    const result = await run(read, controller.signal)
    if (json && result)
      (shell?.result ?? (text => process.stdout.write(text)))(
        `${JSON.stringify(result, null, 2)}\n`
      )
  }
  process.exitCode = 0
} catch (error) {
  // A cancellation comes back as the signal's reason, with which manifests were published by then.
  const cause = error
  const message = oneLine(!isUserError(cause) && isOsError(cause) ? osErrorLine(cause) : cause)
  const stack = !isUserError(cause) && cause instanceof Error ? cause.stack : undefined
  if (onRunner()) {
    core.setFailed(message)
    if (stack) core.debug(stack)
  } else {
    process.stderr.write(`error: ${message}\n`)
    // A shell has no runner to hide debug output: the stack is shown only when asked for.
    if (stack && process.env.RUNNER_DEBUG === '1') process.stderr.write(`${stack}\n`)
  }
  process.exitCode = 1
}
// Idle keep-alive sockets or worker threads must not hold a finished run open.
process.exit()
