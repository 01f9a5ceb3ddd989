#!/usr/bin/env node
/**
 * Entry of the action and of the shell command: runs the mission, turns a cancel signal into a
 * clean stop, and reports a failure as one line (the stack only in debug output).
 */
import * as core from '@actions/core'
import { isUserError, oneLine, UserError } from './errors.js'
import { run } from './main.js'
import { isOsError, osErrorLine } from './os-error.js'
import { onRunner } from './runner.js'

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
  await run(controller.signal)
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
