import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomically } from '../../common/atomic-write.js'
import type { RunResult } from '../report.js'

/** Characters a result file name may hold as they are; anything else becomes `_`. */
const UNSAFE = /[^A-Za-z0-9._-]/g

/**
 * `result-<kernel>-<tag>.json`: one file per matrix leg (a leg is one kernel, and one firmware
 * tag), so the legs' files can be collected into one directory without overwriting each other.
 */
export function resultFileName(kernelVersion: string, firmwareTag: string): string {
  const safe = (part: string): string => part.replace(UNSAFE, '_')
  return `result-${safe(kernelVersion)}-${safe(firmwareTag)}.json`
}

/** Writes the run's result JSON into the output directory and returns its path. */
export async function writeResultFile(result: RunResult, outputDir: string): Promise<string> {
  const path = join(outputDir, resultFileName(result.kernelVersion, result.firmwareTag))
  await mkdir(outputDir, { recursive: true })
  writeFileAtomically(path, Buffer.from(`${JSON.stringify(result, null, 2)}\n`))
  return path
}
