import { formatBytes } from '../common/bytes.js'
import * as core from '@actions/core'
import type { ManifestState } from '../publish/manifests.js'
import type { FlistKind, VerifyMode } from '../plan/settings.js'

export type RunStatus = 'success' | 'failed' | 'cancelled'
import type { PublishedAlias } from '../publish/aliases/publish.js'
import type { BootUnitsResult } from '../boot/stage.js'
import type { FlistCounts } from '../flist/format/counts.js'

/** One flist as later jobs see it. Counts and digest are absent in a dry run. */
export interface FlistResult extends Partial<FlistCounts> {
  name: string
  path: string
  url: string
  manifestKey: string
  sha256?: string
  /** What became of the manifest: absent when nothing is uploaded (dry run, no S3 settings). */
  manifest?: ManifestState
}

export interface RunResult {
  /** Absent means success (results written before runs could fail with a result). */
  status?: RunStatus
  /** The line the run failed with. */
  error?: string
  kernelVersion: string
  firmwareTag: string
  /** The write store, passwords removed. */
  store: string
  engine: string
  rfsPath?: string
  rfsVersion?: string
  /** Routes recorded in the flists for readers, passwords removed. */
  routes?: string[]
  /** The check after packing: none, exists, full or rfs. */
  verify?: VerifyMode
  /** With `verify: rfs`, the rfs binary that unpacked the flists. */
  verifyRfs?: { path: string; version: string }
  /** GITHUB_SHA of the run. */
  commit?: string
  dryRun: boolean
  /**
   * Whether the manifest server refuses to create over an existing key (If-None-Match), so that
   * concurrent publishers of one name are excluded; absent when there was nothing to create.
   */
  exclusiveCreate?: boolean
  flists: Partial<Record<FlistKind, FlistResult>>
  /** What the run warned about while planning, as logged. */
  warnings?: string[]
  /** Seconds per phase, in the order the phases ran. */
  timings: Record<string, number>
  /** Release aliases published after the flists. */
  aliases?: PublishedAlias[]
  /** The zinit boot units, when written. */
  zinit?: BootUnitsResult
  /** The file this result is written to in the output directory; absent in a dry run. */
  resultPath?: string
}

/** Sets every output DESIGN.md names; a flist that was not built sets none of its own. */
export function setOutputs(result: RunResult): void {
  for (const [name, value] of Object.entries(outputValues(result))) {
    // A shell run has no GITHUB_OUTPUT file: print what one would hold, for a script to read.
    if (process.env.GITHUB_OUTPUT) core.setOutput(name, value)
    else process.stdout.write(outputFileEntry(name, value))
  }
}

/** `name=value`, or for a value of several lines a `name<<EOF` block, as GITHUB_OUTPUT has them. */
function outputFileEntry(name: string, value: string): string {
  if (!value.includes('\n')) return `${name}=${value}\n`
  let delimiter = 'EOF'
  while (value.split('\n').includes(delimiter)) delimiter += '_'
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`
}

export function outputValues(result: RunResult): Record<string, string> {
  const values: Record<string, string> = {
    'kernel-version': result.kernelVersion,
    'firmware-tag': result.firmwareTag,
    'store-url': result.store,
    'rfs-path': result.rfsPath ?? '',
    'rfs-version': result.rfsVersion ?? ''
  }
  for (const [kind, flist] of Object.entries(result.flists)) {
    values[`${kind}-flist`] = flist.name
    values[`${kind}-flist-path`] = flist.path
    values[`${kind}-flist-url`] = flist.url
    if (flist.sha256) values[`${kind}-flist-sha256`] = flist.sha256
  }
  values.aliases = JSON.stringify(
    (result.aliases ?? []).map(({ alias, flist, url }) => ({ alias, flist, url }))
  )
  values['zinit-dir'] = result.zinit?.dir ?? ''
  values['result-path'] = result.resultPath ?? ''
  values.result = JSON.stringify(result)
  return values
}

const STATE_WORDS: Record<ManifestState, string> = {
  published: 'published',
  unchanged: 'already published',
  replaced: 'replaced',
  'not published': 'not published',
  uncertain: 'upload cut off, state unknown'
}

/**
 * The job summary, written on success and on failure alike: what was packed, what readers get
 * under which name and sha256, where the blocks are, how it was checked, and the error line.
 */
export async function writeSummary(result: RunResult): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  await core.summary.addRaw(summaryMarkdown(result), true).write()
}

/** A short summary for a run that failed before it had a plan: the error line alone. */
export async function writeErrorSummary(error: string, status: RunStatus): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const lines = [`## RFS flists: ${status}`, '', `**Error:** ${inlineCode(error)}`, '']
  await core.summary.addRaw(lines.join('\n'), true).write()
}

export function summaryMarkdown(result: RunResult): string {
  const status = result.status ?? 'success'
  const title =
    status === 'success'
      ? result.dryRun
        ? 'RFS flists (dry run)'
        : 'RFS flists'
      : `RFS flists: ${status}`
  const lines = [`## ${title}`, '']
  if (result.error) lines.push(`**Error:** ${inlineCode(result.error)}`, '')
  const flists = Object.values(result.flists)
  lines.push(publicationLine(result, flists), '')

  lines.push(
    '| Flist | Files | Size | Blocks | Uploaded | Already present | Manifest | sha256 |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |'
  )
  for (const flist of flists) {
    const packed = flist.files !== undefined
    lines.push(
      '| ' +
        [
          `[${escapeMarkdown(flist.name)}](${flist.url})`,
          packed ? String(flist.files) : result.dryRun ? 'dry run' : 'not packed',
          flist.bytes === undefined ? '–' : formatBytes(flist.bytes),
          String(flist.blocks ?? '–'),
          String(flist.blocksUploaded ?? '–'),
          String(flist.blocksPresent ?? '–'),
          flist.manifest ? STATE_WORDS[flist.manifest] : result.dryRun ? 'dry run' : 'local file',
          flist.sha256 ? inlineCode(flist.sha256) : '–'
        ].join(' | ') +
        ' |'
    )
  }
  lines.push('')

  const timings = Object.entries(result.timings)
    .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
    .join(' · ')
  const commit = result.commit ? commitLink(result.commit) : '–'
  lines.push(
    `- Kernel: ${inlineCode(result.kernelVersion)}`,
    `- Firmware tag: ${inlineCode(result.firmwareTag)}`,
    `- Store: ${result.store.split('\n').map(inlineCode).join(', ')}`,
    `- Routes recorded for readers: ${(result.routes ?? []).map(inlineCode).join(', ') || '–'}`,
    `- Verify: ${result.verify ?? '–'}`,
    `- Engine: ${result.engine}${result.rfsVersion ? ` ${result.rfsVersion}` : ''}`,
    `- Commit: ${commit}`,
    `- Timings: ${timings || '–'}`,
    ''
  )
  if (result.aliases?.length) {
    lines.push(
      '**Aliases**',
      '',
      ...result.aliases.map(
        item =>
          `- ${escapeMarkdown(item.alias)} → ${escapeMarkdown(item.flist)} (${item.outcome ?? 'dry run'}): ${item.url}`
      ),
      ''
    )
  }
  if (result.zinit) {
    const zinit = result.zinit
    const pending =
      zinit.missingSha256.length > 0
        ? [
            `init/flists.sha256 is not written yet (a dry run): the node refuses ${zinit.missingSha256.join(', ')} until it lists their sha256`
          ]
        : []
    lines.push(
      '**Boot units**',
      '',
      `Written to ${inlineCode(zinit.dir)}: ${zinit.units.map(inlineCode).join(', ')}.`,
      '',
      ...[...zinit.notes, ...pending].map(note => `- ${escapeMarkdown(note)}`),
      ''
    )
  }
  const warnings = result.warnings ?? []
  if (warnings.length > 0) {
    lines.push('**Warnings**', '', ...warnings.map(warning => `- ${escapeMarkdown(warning)}`), '')
  }
  return lines.join('\n')
}

/** Published and not published, by name, in one line. */
function publicationLine(result: RunResult, flists: FlistResult[]): string {
  if (result.dryRun) return 'Dry run: nothing was packed or published.'
  if (flists.every(flist => flist.manifest === undefined)) {
    return 'Manifests: kept in the output directory (no S3 settings).'
  }
  const named = (states: ManifestState[]): string =>
    flists
      .filter(flist => flist.manifest && states.includes(flist.manifest))
      .map(flist =>
        flist.manifest === 'not published'
          ? escapeMarkdown(flist.name)
          : `${escapeMarkdown(flist.name)} (${STATE_WORDS[flist.manifest!]})`
      )
      .join(', ')
  const live = named(['published', 'replaced', 'unchanged'])
  const missing = named(['not published', 'uncertain'])
  return [live && `**Published:** ${live}.`, missing && `**Not published:** ${missing}.`]
    .filter(Boolean)
    .join(' ')
}

function commitLink(sha: string): string {
  const server = process.env.GITHUB_SERVER_URL
  const repository = process.env.GITHUB_REPOSITORY
  const short = inlineCode(sha.slice(0, 12))
  return server && repository ? `[${short}](${server}/${repository}/commit/${sha})` : short
}

function inlineCode(text: string): string {
  return `<code>${escapeHtml(text)}</code>`
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function escapeMarkdown(text: string): string {
  return escapeHtml(text).replace(/([\\`*_[\]|])/g, '\\$1')
}
