// Whether a process a test started, or one that process started, is still there.

/** Signal 0 checks that the process exists without touching it. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
