import * as core from '@actions/core'
import { join } from 'node:path'
import { checkAliases, plannedAliases, publishAliases } from './publish/aliases/publish.js'
import { bootUrlWarnings, writeBootStage } from './boot/stage.js'
import { isUserError, oneLine, UserError } from './common/errors.js'
import { settingsFromRaw, type RawInputs } from './action/inputs.js'
import { maskInputSecrets } from './action/input-secrets.js'
import { buildPlan } from './plan/plan.js'
import { checkStaticKeys, prepareEngine } from './engines/select.js'
import { packFlists, verifyFlists } from './publish/pack-flists.js'
import { publishManifests } from './publish/manifests.js'
import {
  logPlan,
  newRunState,
  publicationClause,
  runResult,
  type RunState
} from './action/run-state.js'
import { setOutputs, writeErrorSummary, writeSummary, type RunResult } from './action/report.js'
import { Phases } from './common/phases.js'
import { resultFileName, writeResultFile } from './action/results/file.js'
import { sourceDate } from './plan/source-date.js'
import { maskChainSecrets, storeChoice } from './plan/store-choice.js'
import { checkS3Stores } from './plan/store-check.js'
import type { InputSource } from './common/input-label.js'

/** The inputs of a run as read, before they are checked. */
export interface RunInputs {
  raw: RawInputs
  source: InputSource
}
import { maskSecret } from './action/runner.js'

/**
 * The mission: read the build's configs, plan the two flists, pack them against the blob store,
 * check every block landed, publish the manifests, and tell later jobs where everything went.
 * A run that fails or is cancelled still reports what it knows, and which manifests readers get.
 */
export async function run(inputs: RunInputs, signal: AbortSignal): Promise<RunResult | undefined> {
  const phases = new Phases()
  const state = newRunState(phases.timings)
  try {
    await mission(inputs, state, phases, signal)
    state.status = 'success'
  } catch (error) {
    state.status = signal.aborted ? 'cancelled' : 'failed'
    const failure = withPublication(signal.aborted ? signal.reason : error, state)
    state.error = oneLine(failure)
    await report(state, inputs)
    throw failure
  }
  return report(state, inputs)
}

async function mission(
  inputs: RunInputs,
  state: RunState,
  phases: Phases,
  signal: AbortSignal
): Promise<void> {
  // Before any value is checked: a message about one, or anything later, may show it.
  maskInputSecrets(inputs.raw)
  const settings = settingsFromRaw(inputs.raw, inputs.source)
  state.settings = settings
  const context = await phases.run('plan', 'Plan', async () => {
    // First: the default firmware tag is the date of the source date.
    const dateWarnings: string[] = []
    const date = await sourceDate(settings.projectRoot, settings.label, dateWarnings)
    const plan = await buildPlan(settings, { sourceDate: date, mask: maskSecret })
    plan.warnings.unshift(...dateWarnings)
    // Every S3 session of the run signs key-less connections with the chain from here on.
    if (plan.credentialChain) {
      maskChainSecrets(maskSecret)
      settings.s3Requests.credentialChain = true
    }
    const choice = storeChoice(plan, settings)
    if (choice) core.info(choice)
    checkAliases(settings.aliases, plan, settings.label)
    if (settings.zinit) plan.warnings.push(...bootUrlWarnings(plan, settings.zinit, settings.label))
    logPlan(plan, settings, date)
    return { plan, settings, signal, sourceDate: date }
  })
  const { plan } = context
  state.plan = plan
  if (settings.dryRun) {
    if (settings.aliases.length > 0) state.aliases = plannedAliases(settings.aliases, plan)
    if (settings.zinit) state.zinit = await writeBootStage(plan, settings, settings.zinit)
    return
  }

  const engine = await phases.run('engine', 'Engine', async () => {
    checkStaticKeys(settings)
    await checkS3Stores(plan, settings, signal)
    return prepareEngine(settings, signal)
  })
  state.engine = engine
  await packFlists(engine.engine, plan.flists, context, phases, state.packed)
  const verify = settings.verify
  if (verify !== 'none') {
    await phases.run('verify', `Verify (${verify})`, () =>
      verifyFlists(state.packed, verify, context, state.engine?.verifier)
    )
  }
  if (plan.manifests) {
    await phases.run('publish', 'Publish manifests', () =>
      publishManifests(state.packed, plan, settings, signal, state.publish)
    )
  }
  // Aliases move only once every real name of the run is published.
  if (settings.aliases.length > 0) {
    state.aliases = await phases.run('aliases', 'Publish aliases', () =>
      publishAliases(state.packed, plan, settings, signal)
    )
  }
  if (settings.zinit) {
    state.zinit = await writeBootStage(plan, settings, settings.zinit, state.packed)
  }
}

/** The failure, its line completed with which manifests were published once that is in question. */
function withPublication(cause: unknown, state: RunState): unknown {
  const clause = publicationClause(state)
  if (!clause) return cause
  // `cancelled by SIGTERM: nothing was published`, `<error>; nothing was published`
  const message = `${oneLine(cause)}${state.status === 'cancelled' ? ':' : ';'} ${clause}`
  if (isUserError(cause)) return new UserError(message)
  const failure = new Error(message, { cause })
  if (cause instanceof Error && cause.stack) failure.stack = cause.stack
  return failure
}

/** Outputs and the job summary, from whatever the run found out; never fails the run itself. */
async function report(state: RunState, inputs: RunInputs): Promise<RunResult | undefined> {
  const result = runResult(state)
  if (result && state.settings && !state.settings.dryRun) {
    await keepResultFile(result, state.settings.outputDir)
  }
  if (result) setOutputs(result)
  if (!summaryWanted(state, inputs)) return result
  try {
    if (result) await writeSummary(result)
    else if (state.error) {
      await writeErrorSummary(state.error, state.status === 'cancelled' ? 'cancelled' : 'failed')
    }
  } catch (error) {
    core.warning(`the job summary could not be written: ${oneLine(error)}`)
  }
  return result
}

/**
 * The result as a file of its own, for a matrix job: GitHub keeps one leg's outputs only, so
 * each leg hands its result on as an artifact. A failed run writes its result too.
 */
async function keepResultFile(result: RunResult, outputDir: string): Promise<void> {
  try {
    result.resultPath = join(outputDir, resultFileName(result.kernelVersion, result.firmwareTag))
    await writeResultFile(result, outputDir)
  } catch (error) {
    result.resultPath = undefined
    core.warning(
      `the result file could not be written in output-dir ${outputDir}: ${oneLine(error)}`
    )
  }
}

/** The `summary` input; taken as written when the settings themselves could not be checked. */
function summaryWanted(state: RunState, inputs: RunInputs): boolean {
  if (state.settings) return state.settings.summary
  return !/^false$/i.test(inputs.raw.summary?.trim() ?? '')
}
