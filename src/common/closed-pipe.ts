// `cmd | head -1`: once the reader is gone there is no one left to tell anything. A coreutils tool
// is killed by SIGPIPE then, silently, and its shell sees status 141 (128 + SIGPIPE); Node ignores
// the signal and would die of the EPIPE error with a stack trace instead.
const SIGPIPE_STATUS = 141

/** Ends the process quietly when stdout or stderr is written after its reader closed it. */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(SIGPIPE_STATUS)
      throw error
    })
  }
}
