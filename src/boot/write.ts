import * as core from '@actions/core'
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { UserError, oneLine } from '../common/errors.js'
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'
import type { BootUnits } from './units.js'
import { SUMS_PATH } from './units.js'

/**
 * Writes the units into `dir`, replacing what an earlier run left there: a flist dropped from
 * the run must not leave its unit behind.
 */
export async function writeBootUnits(
  dir: string,
  generated: BootUnits,
  label: InputLabel = RUNNER_LABEL
): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true })
    for (const file of generated.files) {
      const path = join(dir, file.path)
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, file.content)
      await chmod(path, file.mode)
    }
  } catch (error) {
    throw new UserError(
      `cannot write the zinit units to ${dir}: ${oneLine(error)}; check that ${label('output-dir')} is writable`
    )
  }
}

/** Tells the log what was written and what the build must still do with it. */
export function logBootUnits(dir: string, generated: BootUnits): void {
  core.info(`zinit units: ${generated.units.map(unit => `${unit.name}.yaml`).join(', ')} in ${dir}`)
  core.info(
    '  copy the folder into the initramfs as /etc/zinit/ (the script goes to /etc/zinit/init/)'
  )
  for (const note of generated.notes) core.info(`  existing units: ${note}`)
  if (generated.missingSha256.length > 0) {
    core.info(
      `  ${SUMS_PATH} is not written yet (sha256 known after packing): the node refuses ${generated.missingSha256.join(', ')} until it lists them`
    )
  }
}
