import * as core from '@actions/core'
import type { FlistCounts } from './engine.js'
import type { PublishOutcome } from './publish.js'
import type { FlistKind } from './settings.js'

/** One flist as later jobs see it. Counts and digest are absent in a dry run. */
export interface FlistResult extends Partial<FlistCounts> {
  name: string
  path: string
  url: string
  manifestKey: string
  sha256?: string
  /** What happened to the manifest: absent when nothing was uploaded (dry run, local store). */
  manifest?: PublishOutcome
}

export interface RunResult {
  kernelVersion: string
  firmwareTag: string
  /** The write store, passwords removed. */
  store: string
  engine: string
  rfsPath?: string
  rfsVersion?: string
  dryRun: boolean
  flists: Partial<Record<FlistKind, FlistResult>>
  /** What the run warned about while planning, as logged. */
  warnings?: string[]
  /** Seconds per phase, in the order the phases ran. */
  timings: Record<string, number>
}

/** Sets every output DESIGN.md names; a flist that was not built sets none of its own. */
export function setOutputs(result: RunResult): void {
  for (const [name, value] of Object.entries(outputValues(result))) {
    // A shell run has no GITHUB_OUTPUT file: print name=value lines a script can read instead.
    if (process.env.GITHUB_OUTPUT) core.setOutput(name, value)
    else process.stdout.write(`${name}=${value}\n`)
  }
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
  values.result = JSON.stringify(result)
  return values
}

const OUTCOME_WORDS: Record<PublishOutcome, string> = {
  published: 'published',
  unchanged: 'already published',
  replaced: 'replaced'
}

/** The job summary: a row per flist, then where it all went and how long it took. */
export async function writeSummary(result: RunResult): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  const header = ['Flist', 'Files', 'Size', 'Blocks uploaded', 'Already present', 'Manifest', 'URL']
  const rows = Object.values(result.flists).map(flist => [
    flist.name,
    String(flist.files ?? '–'),
    flist.bytes === undefined ? '–' : formatBytes(flist.bytes),
    String(flist.blocksUploaded ?? '–'),
    String(flist.blocksPresent ?? '–'),
    flist.manifest ? OUTCOME_WORDS[flist.manifest] : result.dryRun ? 'dry run' : 'local',
    flist.url
  ])
  const timings = Object.entries(result.timings)
    .map(([phase, seconds]) => `${phase} ${seconds.toFixed(1)} s`)
    .join(' · ')
  const summary = core.summary
    .addHeading(result.dryRun ? 'RFS flists (dry run)' : 'RFS flists', 2)
    .addTable([header.map(data => ({ data, header: true })), ...rows])
    .addList([
      `Kernel: ${result.kernelVersion}`,
      `Firmware tag: ${result.firmwareTag}`,
      `Store: ${result.store}`,
      `Engine: ${result.engine}${result.rfsVersion ? ` ${result.rfsVersion}` : ''}`,
      `Timings: ${timings || '–'}`
    ])
  if (result.warnings && result.warnings.length > 0) {
    summary.addHeading('Warnings', 3).addList(result.warnings.map(escapeHtml))
  }
  await summary.write()
}

/** The summary is HTML: a warning quoting a path or a URL must show as written. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`
}
