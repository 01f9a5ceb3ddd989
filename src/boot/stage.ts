import { join } from 'node:path'
import type { PackedFlist } from '../publish/pack-flists.js'
import type { Plan } from '../plan/plan.js'
import type { Settings, BootOptions } from '../plan/settings.js'
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'
import { bootUnits } from './units.js'
import { logBootUnits, writeBootUnits } from './write.js'

/** What later jobs and the summary learn about the boot units. */
export interface BootUnitsResult {
  dir: string
  units: string[]
  notes: string[]
  /** Flists the node refuses until their sha256 is added (a dry run). */
  missingSha256: string[]
}

/** The warning for flists whose URL a node cannot fetch (a run without S3 keeps them local). */
export function bootUrlWarnings(
  plan: Plan,
  options: BootOptions,
  label: InputLabel = RUNNER_LABEL
): string[] {
  if (options.manifestUrl) return []
  return plan.flists
    .filter(flist => !/^https?:\/\//.test(flist.url))
    .map(
      flist =>
        `zinit units: ${flist.name} has no URL a node can fetch (${flist.url}): set ${label('zinit-manifest-url')} to where the node finds the manifests`
    )
}

/** Writes output-dir/zinit from the plan, with the sha256 of each flist packed so far. */
export async function writeBootStage(
  plan: Plan,
  settings: Settings,
  options: BootOptions,
  packed: readonly PackedFlist[] = []
): Promise<BootUnitsResult> {
  const dir = join(settings.outputDir, 'zinit')
  const generated = bootUnits(
    plan.kernel.full,
    plan.flists.map(flist => ({
      kind: flist.kind,
      name: flist.name,
      url: flist.url,
      sha256: packed.find(item => item.plan.kind === flist.kind)?.sha256
    })),
    options,
    settings.label
  )
  await writeBootUnits(dir, generated, settings.label)
  logBootUnits(dir, generated)
  return {
    dir,
    units: generated.units.map(unit => unit.name),
    notes: generated.notes,
    missingSha256: generated.missingSha256
  }
}
