import * as core from '@actions/core'

/** Where acquisition and the rfs engine report progress; the default writes through the runner. */
export interface RfsLog {
  info(line: string): void
  warning(line: string): void
}

export const runnerLog: RfsLog = {
  info: line => core.info(line),
  warning: line => core.warning(line)
}
