import { checkAliases, plannedAliases, publishAliases } from './aliases/publish.js'
import { bootUrlWarnings, writeBootStage } from './boot/stage.js'
import { readSettings } from './inputs.js'
import { buildPlan } from './plan.js'
import { prepareEngine } from './engines/select.js'
import { packFlist, verifyFlists, type PackedFlist } from './pack-flists.js'
import { publishManifests } from './publish-manifests.js'
import { logPlan, planResult, runResult } from './results.js'
import { setOutputs, writeSummary, type RunResult } from './report.js'
import { Phases } from './phases.js'
import { sourceDate } from './source-date.js'

/**
 * The mission: read the build's configs, plan the two flists, pack them against the blob store,
 * check every block landed, publish the manifests, and tell later jobs where everything went.
 */
export async function run(signal: AbortSignal): Promise<RunResult> {
  const phases = new Phases()
  const settings = readSettings()
  const context = await phases.run('plan', 'Plan', async () => {
    const plan = await buildPlan(settings)
    checkAliases(settings.aliases, plan)
    if (settings.zinit) plan.warnings.push(...bootUrlWarnings(plan, settings.zinit))
    const date = await sourceDate(settings.projectRoot)
    logPlan(plan, settings, date)
    return { plan, settings, signal, sourceDate: date }
  })
  const { plan } = context
  if (settings.dryRun) {
    const result = planResult(plan, settings, phases.timings)
    if (settings.aliases.length > 0) result.aliases = plannedAliases(settings.aliases, plan)
    if (settings.zinit) result.zinit = await writeBootStage(plan, settings, settings.zinit)
    return finish(result)
  }

  const engine = await phases.run('engine', 'Engine', () => prepareEngine(settings, signal))
  const packed: PackedFlist[] = []
  for (const flist of plan.flists) {
    packed.push(
      await phases.run(`pack ${flist.kind}`, `Pack ${flist.name}`, () =>
        packFlist(engine.engine, flist, context)
      )
    )
  }
  const verify = settings.verify
  if (verify !== 'none') {
    await phases.run('verify', `Verify (${verify})`, () => verifyFlists(packed, verify, context))
  }
  const outcomes = plan.manifests
    ? await phases.run('publish', 'Publish manifests', () =>
        publishManifests(packed, plan, settings, signal)
      )
    : undefined
  // Aliases move only once every real name of the run is published.
  const aliases =
    settings.aliases.length > 0
      ? await phases.run('aliases', 'Publish aliases', () =>
          publishAliases(packed, plan, settings, signal)
        )
      : undefined
  const result = runResult(plan, settings, engine, packed, outcomes, phases.timings)
  result.aliases = aliases
  if (settings.zinit) result.zinit = await writeBootStage(plan, settings, settings.zinit, packed)
  return finish(result)
}

async function finish(result: RunResult): Promise<RunResult> {
  setOutputs(result)
  await writeSummary(result)
  return result
}
