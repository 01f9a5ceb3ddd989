// Periodic one-line progress for long packs, so a CI log shows the pack is alive and how fast.

export interface PackProgressState {
  files: number
  filesDone: number
  bytes: number
  bytesDone: number
  blocksUploaded: number
  blocksSkipped: number
}

export class ProgressReporter {
  private readonly started = Date.now()
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly label: string,
    private readonly state: PackProgressState,
    private readonly log: (line: string) => void
  ) {}

  start(intervalMs: number): void {
    if (intervalMs <= 0) return
    this.timer = setInterval(() => this.log(this.line()), intervalMs)
    this.timer.unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }

  line(): string {
    const { files, filesDone, bytes, bytesDone, blocksUploaded, blocksSkipped } = this.state
    return (
      `${this.label}: ${filesDone}/${files} files, ${megabytes(bytesDone)}/${megabytes(bytes)} MB, ` +
      `${blocksUploaded} blocks uploaded, ${blocksSkipped} skipped, ${this.rate()} MB/s`
    )
  }

  elapsedSeconds(): number {
    return (Date.now() - this.started) / 1000
  }

  rate(): string {
    const seconds = Math.max(this.elapsedSeconds(), 0.001)
    return (this.state.bytesDone / 1e6 / seconds).toFixed(1)
  }
}

export function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1)
}
