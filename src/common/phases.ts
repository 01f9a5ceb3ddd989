import * as core from '@actions/core'

/** Runs each phase in its own log group and keeps its duration for the job summary. */
export class Phases {
  /** Seconds per phase, in the order they ran. */
  readonly timings: Record<string, number> = {}

  async run<T>(name: string, title: string, body: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await core.group(title, body)
    } finally {
      this.timings[name] = Math.round(performance.now() - started) / 1000
    }
  }

  /** Times a part of a phase that runs beside other parts, outside any log group of its own. */
  async time<T>(name: string, body: () => Promise<T>): Promise<T> {
    const started = performance.now()
    try {
      return await body()
    } finally {
      this.timings[name] = Math.round(performance.now() - started) / 1000
    }
  }
}
