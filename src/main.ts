import { readSettings } from './inputs.js'
import { buildPlan } from './plan.js'
import { prepareEngine } from './engines/select.js'
import { packFlist, verifyFlists, type PackedFlist } from './pack-flists.js'
import { publishManifests } from './publish-manifests.js'
import { logPlan, planResult, runResult } from './results.js'
import { setOutputs, writeSummary, type RunResult } from './report.js'
import { Phases } from './phases.js'
import { sourceDate } from './source-date.js'
import { checkS3Stores } from './store/probe.js'

/**
 * The mission: read the build's configs, plan the two flists, pack them against the blob store,
 * check every block landed, publish the manifests, and tell later jobs where everything went.
 */
export async function run(signal: AbortSignal): Promise<RunResult> {
  const phases = new Phases()
  const settings = readSettings()
  const context = await phases.run('plan', 'Plan', async () => {
    const plan = await buildPlan(settings)
    const date = await sourceDate(settings.projectRoot, plan.warnings)
    logPlan(plan, settings, date)
    return { plan, settings, signal, sourceDate: date }
  })
  const { plan } = context
  if (settings.dryRun) return finish(planResult(plan, settings, phases.timings))

  const engine = await phases.run('engine', 'Engine', async () => {
    await checkS3Stores(plan, settings, signal)
    return prepareEngine(settings, signal)
  })
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
  return finish(runResult(plan, settings, engine, packed, outcomes, phases.timings))
}

async function finish(result: RunResult): Promise<RunResult> {
  setOutputs(result)
  await writeSummary(result)
  return result
}
