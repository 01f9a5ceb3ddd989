import type { PublishedAlias } from '../publish/aliases/publish.js'
import type { BootUnitsResult } from '../boot/stage.js'
import * as core from '@actions/core'
import type { PreparedEngine } from '../engines/select.js'
import { formatStoreSpec } from '../store-url/spec.js'
import type { PackedFlist } from '../publish/pack-flists.js'
import type { Plan } from '../plan/plan.js'
import { newPublishRecord, type ManifestState, type PublishRecord } from '../publish/manifests.js'
import type { RunResult, RunStatus } from './report.js'
import type { FlistKind, Settings } from '../plan/settings.js'
import type { SourceDate } from '../plan/source-date.js'

/** Prints what the run is about to do; no secret is in any of it. */
export function logPlan(plan: Plan, settings: Settings, date: SourceDate | undefined): void {
  const { base, localversion, full } = plan.kernel
  core.info(`kernel version: ${full} (${base} + localversion '${localversion}')`)
  core.info(`firmware tag:   ${plan.firmwareTag}`)
  for (const flist of plan.flists) {
    core.info(`${flist.kind}: ${flist.source ?? '(no tree yet)'}`)
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
  for (const notice of plan.notices) core.notice(notice)
  for (const warning of plan.warnings) core.warning(warning)
  if (settings.dryRun) {
    core.info(
      'a plan does not know: the sha256 of each flist, its counts (files, directories, symlinks, bytes, blocks, blocks uploaded and present) and what becomes of its manifest; a real run sets them'
    )
  }
}

/** What a run found out so far; a failed or cancelled run reports from the same record. */
export interface RunState {
  settings?: Settings
  plan?: Plan
  engine?: PreparedEngine
  packed: PackedFlist[]
  publish: PublishRecord
  timings: Record<string, number>
  status: RunStatus | 'running'
  /** The line the run failed with. */
  error?: string
  /** Release aliases, planned or published. */
  aliases?: PublishedAlias[]
  /** The zinit boot units, once written. */
  zinit?: BootUnitsResult
}

export function newRunState(timings: Record<string, number>): RunState {
  return { packed: [], publish: newPublishRecord(), timings, status: 'running' }
}

/** Everything known about the run; undefined when it failed before it had a plan. */
export function runResult(state: RunState): RunResult | undefined {
  const { plan, settings, engine, publish } = state
  if (!plan || !settings) return undefined
  const packed = new Map(state.packed.map(flist => [flist.plan.kind, flist]))
  const flists: RunResult['flists'] = {}
  for (const flist of plan.flists) {
    const done = packed.get(flist.kind)
    flists[flist.kind] = {
      name: flist.name,
      path: flist.path,
      url: flist.url,
      manifestKey: flist.manifestKey,
      sha256: publish.sha256[flist.kind] ?? done?.sha256,
      manifest: manifestState(state, flist.kind),
      ...done?.counts
    }
  }
  return {
    status: state.status === 'running' ? 'success' : state.status,
    error: state.error,
    kernelVersion: plan.kernel.full,
    firmwareTag: plan.firmwareTag,
    store: plan.storeDisplay,
    routes: plan.readRoutes.map(formatStoreSpec),
    engine: settings.engine,
    rfsPath: engine?.rfsPath,
    rfsVersion: engine?.engine.version,
    verify: settings.verify,
    verifyRfs: engine?.verifier && { path: engine.verifier.path, version: engine.verifier.version },
    commit: process.env.GITHUB_SHA || undefined,
    dryRun: settings.dryRun,
    exclusiveCreate: publish.exclusiveCreate,
    flists,
    warnings: [...plan.warnings, ...publish.warnings],
    timings: state.timings,
    aliases: state.aliases,
    zinit: state.zinit
  }
}

/** Absent where nothing is uploaded (dry run, no S3 settings); else what became of it. */
function manifestState(state: RunState, kind: FlistKind): ManifestState | undefined {
  if (!state.plan?.manifests || state.settings?.dryRun) return undefined
  return state.publish.states[kind] ?? 'not published'
}

const STATE_PHRASES: Record<ManifestState, string> = {
  published: 'was published',
  replaced: 'was replaced',
  unchanged: 'was already published',
  'not published': 'was not published',
  uncertain: 'may have been published (its upload was cut off and the store could not be asked)'
}

/**
 * Which manifests readers get after a run that stopped: `nothing was published`, or each name
 * with what became of it. Empty when the run never came near publishing.
 */
export function publicationClause(state: RunState): string {
  const result = runResult(state)
  if (!result || result.dryRun || !state.plan?.manifests) return ''
  if (state.status !== 'cancelled' && !state.publish.started) return ''
  const flists = Object.values(result.flists)
  if (flists.every(flist => flist.manifest === 'not published')) return 'nothing was published'
  return flists.map(flist => `${flist.name} ${STATE_PHRASES[flist.manifest!]}`).join(', ')
}
