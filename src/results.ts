import * as core from '@actions/core'
import type { PreparedEngine } from './engines/select.js'
import { formatStoreSpec } from './store/spec.js'
import type { PackedFlist } from './pack-flists.js'
import type { Plan } from './plan.js'
import type { PublishOutcome } from './publish.js'
import type { FlistResult, RunResult } from './report.js'
import type { FlistKind, Settings } from './settings.js'
import type { SourceDate } from './source-date.js'

/** Prints what the run is about to do; no secret is in any of it. */
export function logPlan(plan: Plan, settings: Settings, date: SourceDate | undefined): void {
  const { base, localversion, full } = plan.kernel
  core.info(`kernel version: ${full} (${base} + localversion '${localversion}')`)
  core.info(`firmware tag:   ${plan.firmwareTag}`)
  for (const flist of plan.flists) {
    core.info(`${flist.kind}: ${flist.source}`)
    core.info(`  flist:    ${flist.path}`)
    if (plan.manifests) core.info(`  manifest: s3://${plan.manifests.bucket}/${flist.manifestKey}`)
    core.info(`  url:      ${flist.url}`)
  }
  core.info(`store:  ${plan.storeDisplay.split('\n').join(', ')}`)
  core.info(`routes: ${plan.readRoutes.map(formatStoreSpec).join(', ')}`)
  if (!plan.manifests) core.info('manifests: kept in the output directory (no S3 settings)')
  core.info(
    `engine: ${settings.engine}, verify: ${settings.verify}, overwrite: ${settings.overwrite}`
  )
  core.info(
    date
      ? `timestamps: clamped to ${new Date(date.epoch * 1000).toISOString()} (${date.origin})`
      : 'timestamps: recorded as found (no SOURCE_DATE_EPOCH, and no commit date from git)'
  )
  for (const warning of plan.warnings) core.warning(warning)
}

function flistResult(flist: Plan['flists'][number]): FlistResult {
  return { name: flist.name, path: flist.path, url: flist.url, manifestKey: flist.manifestKey }
}

/** Everything known without packing. */
export function planResult(
  plan: Plan,
  settings: Settings,
  timings: Record<string, number>
): RunResult {
  return {
    kernelVersion: plan.kernel.full,
    firmwareTag: plan.firmwareTag,
    store: plan.storeDisplay,
    engine: settings.engine,
    dryRun: settings.dryRun,
    flists: Object.fromEntries(plan.flists.map(flist => [flist.kind, flistResult(flist)])),
    warnings: plan.warnings,
    timings
  }
}

/** The plan completed with what packing and publishing found out. */
export function runResult(
  plan: Plan,
  settings: Settings,
  engine: PreparedEngine,
  packed: PackedFlist[],
  outcomes: Partial<Record<FlistKind, PublishOutcome>> | undefined,
  timings: Record<string, number>
): RunResult {
  const result = planResult(plan, settings, timings)
  result.rfsPath = engine.rfsPath
  result.rfsVersion = engine.engine.version
  for (const { plan: flist, counts, sha256 } of packed) {
    result.flists[flist.kind] = {
      ...flistResult(flist),
      sha256,
      manifest: outcomes?.[flist.kind],
      ...counts
    }
  }
  return result
}
