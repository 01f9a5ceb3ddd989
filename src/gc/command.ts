// `gc`: reports the blobs of a store that none of the given manifests references, and with
// --delete removes those older than the grace period.
import { UserError } from '../common/errors.js'
import { parseArgs, UsageError } from '../flist/cli/args.js'
import { parseStoreArg } from '../flist/cli/store-args.js'
import { openGcStore } from './blobs.js'
import { collectGarbage, type GcReport } from './collect.js'
import { openManifestLocation } from './manifests.js'
import { formatBytes } from '../common/bytes.js'

const DAY_MS = 86_400_000
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY_MS }

/** `7d`, `36h`, `90m`, `45s`, or `0`. */
export function parseGrace(text: string): number {
  const match = /^(\d+)([smhd])?$/.exec(text.trim())
  if (!match || (match[2] === undefined && match[1] !== '0')) {
    throw new UsageError(
      `invalid value '${text}' for '--grace': write a duration such as 7d, 36h or 90m`
    )
  }
  return Number(match[1]) * (match[2] ? UNITS[match[2]] : 0)
}

export interface GcIo {
  out: (line: string) => void
  err: (line: string) => void
  signal?: AbortSignal
}

export async function gcCommand(argv: readonly string[], io: GcIo): Promise<void> {
  const args = parseArgs(argv, [
    { name: 'manifests', short: 'm', value: true, repeat: true },
    { name: 'store', short: 's', value: true, repeat: true },
    { name: 'delete' },
    { name: 'grace', value: true }
  ])
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0]}'`)
  const locationArgs = args.values.get('manifests') ?? []
  const storeArgs = args.values.get('store') ?? []
  if (locationArgs.length === 0)
    throw new UsageError('the following required argument was not provided: --manifests')
  if (storeArgs.length === 0)
    throw new UsageError('the following required argument was not provided: --store')
  const graceText = args.values.get('grace')?.[0]
  if (graceText !== undefined && !args.switches.has('delete'))
    throw new UsageError("'--grace' only applies with '--delete'")
  const graceMs = parseGrace(graceText ?? '7d')
  const options = { signal: io.signal }
  const locations = locationArgs.map(text => openManifestLocation(text, options))
  const stores = storeArgs.map(text => openGcStore(parseStoreArg(text).url, options))
  try {
    const report = await collectGarbage({
      locations,
      stores,
      delete: args.switches.has('delete'),
      graceMs,
      log: io.err
    })
    printReport(report, args.switches.has('delete'), graceText ?? '7d', io)
    if (report.refused) throw new UserError(`nothing was deleted: ${report.refused}`)
    if (report.unreadable.length > 0) {
      throw new UserError(
        `${report.unreadable.length} manifest(s) could not be read, so the counts above include blobs they may reference (first: ${report.unreadable[0]})`
      )
    }
  } finally {
    locations.forEach(location => location.close())
    stores.forEach(store => store.close())
  }
}

function printReport(report: GcReport, deleting: boolean, grace: string, io: GcIo): void {
  const { count, bytes, newestAgeMs } = report.unreferenced
  io.out(`manifests: ${report.manifests}`)
  io.out(`blobs referenced: ${report.referenced}`)
  io.out(`blobs stored: ${report.stored}`)
  io.out(`unreferenced: ${count} blobs, ${bytes} bytes (${formatBytes(bytes)})`)
  io.out(
    `newest unreferenced: ${newestAgeMs === undefined ? '-' : `${formatAge(newestAgeMs)} old`}`
  )
  if (!deleting) return
  io.out(
    `deleted: ${report.deleted.count} blobs, ${report.deleted.bytes} bytes (${formatBytes(report.deleted.bytes)})`
  )
  io.out(`kept (younger than ${grace}): ${report.kept}`)
}

export function formatAge(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < 120) return `${seconds}s`
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`
  if (seconds < 2 * 86_400) return `${Math.floor(seconds / 3600)}h`
  return `${Math.floor(seconds / 86_400)}d`
}
