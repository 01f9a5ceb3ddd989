import * as core from '@actions/core'
import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { PackEngine } from '../engines/engine.js'
import { UserError } from '../common/errors.js'
import { verifyFlist } from '../flist/read/verify.js'
import { StoreContents } from '../flist/blobs/contents.js'
import type { Phases } from '../common/phases.js'
import { previousFlist } from './previous-flist.js'
import type { FlistPlan, Plan } from '../plan/plan.js'
import { fileSha256 } from '../common/sha256.js'
import type { AcquiredRfs } from '../rfs-release/rfs-settings.js'
import { unpackWithRfs } from '../engines/rfs/unpack-check.js'
import type { Settings, VerifyMode } from '../plan/settings.js'
import type { SourceDate } from '../plan/source-date.js'
import { flistTags } from '../plan/tags.js'
import type { FlistCounts } from '../flist/format/counts.js'

/** What every flist of a run is packed with. */
export interface PackContext {
  plan: Plan
  settings: Settings
  sourceDate?: SourceDate
  signal: AbortSignal
}

export interface PackedFlist {
  plan: FlistPlan
  counts: FlistCounts
  sha256: string
  /** Each blob's encoded length by hex id, where the engine knows it: what verify compares with. */
  encodedLengths: ReadonlyMap<string, number>
  /** What the run found its stores to hold and put there, where the engine knows it. */
  storeContents?: StoreContents
}

/**
 * Packs the run's trees. An engine that can packs them all at once, so the encoding of one
 * overlaps the uploads of the other; its log lines name their flist. A failure or cancellation of
 * one stops the others, and no .fl of the run is left behind: each is renamed into place only
 * once all were packed. Other engines pack one tree after the other, each in its own log group.
 */
export async function packFlists(
  engine: PackEngine,
  flists: readonly FlistPlan[],
  run: PackContext,
  phases: Phases,
  packed: PackedFlist[]
): Promise<void> {
  const contents = new StoreContents()
  if (!engine.concurrent || flists.length < 2) {
    for (const flist of flists) {
      packed.push(
        await phases.run(`pack ${flist.kind}`, `Pack ${flist.name}`, () =>
          packFlist(engine, flist, run, contents)
        )
      )
    }
    return
  }
  const title = `Pack ${flists.map(flist => flist.name).join(' and ')}`
  packed.push(
    ...(await phases.run('pack', title, () => packTogether(engine, flists, run, phases, contents)))
  )
}

async function packTogether(
  engine: PackEngine,
  flists: readonly FlistPlan[],
  run: PackContext,
  phases: Phases,
  contents: StoreContents
): Promise<PackedFlist[]> {
  const together = new AbortController()
  let failure: { error: unknown } | undefined
  const stop = (error: unknown): void => {
    failure ??= { error }
    together.abort(error)
  }
  const onAbort = (): void => stop(run.signal.reason)
  if (run.signal.aborted) onAbort()
  run.signal.addEventListener('abort', onAbort, { once: true })
  const shared = { ...run, signal: together.signal }
  const partials: PartialFlist[] = []
  try {
    await Promise.allSettled(
      flists.map(flist =>
        phases
          .time(`pack ${flist.kind}`, () => packPartial(engine, flist, shared, contents))
          .then(
            partial => void partials.push(partial),
            error => stop(error)
          )
      )
    )
    if (failure) throw failure.error
    const byPlan = flists.map(flist => partials.find(partial => partial.plan === flist)!)
    const packed: PackedFlist[] = []
    for (const partial of byPlan) packed.push(await commitFlist(partial))
    return packed
  } finally {
    run.signal.removeEventListener('abort', onAbort)
    await Promise.all(partials.map(({ partial }) => rm(partial, { force: true })))
  }
}

/**
 * Packs one tree. The engine writes beside the final name and the file is renamed only once the
 * pack succeeded, so a failed or cancelled run never leaves a complete-looking .fl behind. The
 * temporary name is the run's own: concurrent runs into one output directory do not share it.
 */
export async function packFlist(
  engine: PackEngine,
  flist: FlistPlan,
  run: PackContext,
  contents = new StoreContents()
): Promise<PackedFlist> {
  const partial = await packPartial(engine, flist, run, contents)
  try {
    return await commitFlist(partial)
  } finally {
    await rm(partial.partial, { force: true })
  }
}

interface PartialFlist {
  plan: FlistPlan
  /** Where the engine wrote the .fl. */
  partial: string
  counts: FlistCounts
  encodedLengths: ReadonlyMap<string, number>
  storeContents: StoreContents
}

/** The pack itself, into a temporary file beside the final name; removed when it fails. */
async function packPartial(
  engine: PackEngine,
  flist: FlistPlan,
  run: PackContext,
  storeContents: StoreContents
): Promise<PartialFlist> {
  const { plan, settings, signal } = run
  const partial = `${flist.path}.${randomBytes(6).toString('hex')}.partial`
  await mkdir(dirname(flist.path), { recursive: true })
  const encodedLengths = new Map<string, number>()
  const previous = engine.reusesBlocks ? await previousFlist(flist, run) : undefined
  try {
    const counts = await engine.pack({
      kind: flist.kind,
      source: treeOf(flist),
      flistPath: partial,
      writeStores: plan.writeStores,
      routes: plan.readRoutes,
      tags: flistTags({
        kind: flist.kind,
        kernelVersion: plan.kernel.full,
        firmwareTag: plan.firmwareTag,
        engine,
        userTags: settings.tags
      }),
      s3Requests: settings.s3Requests,
      owner: settings.owner,
      sourceDateEpoch: run.sourceDate?.epoch,
      signal,
      log: line => core.info(line),
      encodedLengths,
      storeContents,
      previousFlist: previous?.path
    })
    return { plan: flist, partial, counts, encodedLengths, storeContents }
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  } finally {
    await previous?.release()
  }
}

/** Renames the packed file to its name, and says what it holds. */
async function commitFlist({
  plan: flist,
  partial,
  counts,
  encodedLengths,
  storeContents
}: PartialFlist): Promise<PackedFlist> {
  await rename(partial, flist.path)
  const sha256 = await fileSha256(flist.path)
  const encoded = counts.blocksEncoded === undefined ? '' : `, ${counts.blocksEncoded} encoded`
  core.info(
    `${flist.name}: ${counts.files} files, ${counts.directories} directories, ${counts.symlinks} symlinks, ` +
      `${counts.blocks} blocks (${counts.blocksUploaded} uploaded, ${counts.blocksPresent} already present${encoded}), sha256 ${sha256}`
  )
  return { plan: flist, counts, sha256, encodedLengths, storeContents }
}

/** Differences printed per flist; the count says how many there were in all. */
const DIFFERENCES_SHOWN = 20

/**
 * Checks that every block of every flist is in the store (or decodes them all, with `full`); with
 * `rfs`, has the rfs binary unpack each flist and compares what it made with the source tree.
 */
export async function verifyFlists(
  packed: PackedFlist[],
  mode: Exclude<VerifyMode, 'none'>,
  run: PackContext,
  rfs?: AcquiredRfs
): Promise<void> {
  const { plan, settings, signal } = run
  if (mode === 'rfs') {
    if (!rfs) throw new Error('verify: rfs needs the rfs binary, which was not prepared')
    for (const { plan: flist } of packed) await verifyWithRfs(flist, rfs, run)
    return
  }
  for (const { plan: flist, encodedLengths, storeContents } of packed) {
    const report = await verifyFlist(flist.path, mode, {
      stores: plan.writeStores,
      encodedLengths,
      storeContents,
      s3Requests: settings.s3Requests,
      signal
    })
    if (report.problems.length > 0) {
      const first = report.problems[0]
      throw new UserError(
        `verify ${mode} of ${flist.name} failed: ${report.problems.length} problem(s), first: ${first}; ` +
          `${damagedAdvice(report.damaged)}nothing was published`
      )
    }
    core.info(`${flist.name}: ${report.blocksChecked} blocks checked (${mode})`)
  }
}

async function verifyWithRfs(flist: FlistPlan, rfs: AcquiredRfs, run: PackContext): Promise<void> {
  const comparison = await unpackWithRfs({
    rfs,
    flistPath: flist.path,
    name: flist.name,
    source: treeOf(flist),
    writeStores: run.plan.writeStores,
    label: run.settings.label,
    signal: run.signal,
    log: line => core.info(line)
  })
  const { differences } = comparison
  if (differences.length > 0) {
    for (const line of differences.slice(0, DIFFERENCES_SHOWN)) core.info(`${flist.name}: ${line}`)
    if (differences.length > DIFFERENCES_SHOWN)
      core.info(`${flist.name}: … and ${differences.length - DIFFERENCES_SHOWN} more`)
    throw new UserError(
      `verify rfs of ${flist.name} failed: what rfs ${rfs.version} unpacked differs from ${flist.source} ` +
        `in ${differences.length} place(s), first ${differences[0]}; nothing was published`
    )
  }
  const skipped = comparison.skipped
    ? `; ${comparison.skipped} device(s), fifo(s) or socket(s) not compared: rfs unpack does not make them`
    : ''
  core.info(
    `${flist.name}: rfs ${rfs.version} unpacked ${comparison.compared} entries, the same as ${flist.source}${skipped}`
  )
}

/**
 * A damaged blob stays in the store, and later packs take it as present: the fix is to delete it.
 * Such copies are what an upload cut off midway leaves on a server that writes objects in place.
 */
function damagedAdvice(damaged: readonly string[]): string {
  if (damaged.length === 0) return ''
  const count = damaged.length === 1 ? 'blob' : `${damaged.length} blobs`
  return `delete the damaged ${count} (${damaged[0]}${damaged.length > 1 ? ', …' : ''}) from the store, as an upload cut off on a server that writes objects in place leaves them, and run again; `
}

/** The tree of a planned flist; only a dry run plans without one, and a dry run packs nothing. */
function treeOf(flist: FlistPlan): string {
  if (flist.source === undefined) throw new Error(`${flist.name} has no tree to pack`)
  return flist.source
}
