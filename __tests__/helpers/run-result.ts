// A run's result as the action reports it, for the tests of what is made of one.
import type { FlistResult, RunResult } from '../../src/action/report.js'

export function flistResult(name: string, extra: Partial<FlistResult> = {}): FlistResult {
  return {
    name,
    path: `/out/${name}`,
    url: `https://cdn.test/${name}`,
    manifestKey: name,
    ...extra
  }
}

/** A published run of both flists of kernel 6.12.44-Zero-OS and firmware tag 20260101. */
export function runResult(extra: Partial<RunResult> = {}): RunResult {
  return {
    kernelVersion: '6.12.44-Zero-OS',
    firmwareTag: '20260101',
    store: 's3://minio.test:9000/blobs',
    engine: 'native',
    dryRun: false,
    timings: {},
    flists: {
      modules: flistResult('modules-6.12.44-Zero-OS.fl', { sha256: 'a'.repeat(64) }),
      firmware: flistResult('firmware-20260101.fl', { sha256: 'b'.repeat(64) })
    },
    ...extra
  }
}
