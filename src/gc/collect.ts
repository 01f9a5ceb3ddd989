// What the store keeps for nothing: blobs no manifest under the given locations references.
// Deleting is a separate, explicit step that spares recent blobs (a pack may be uploading them
// right now) and refuses outright when any manifest could not be read.
import { oneLine } from '../common/errors.js'
import type { GcStore, StoredBlob } from './blobs.js'
import type { ManifestLocation } from './manifests.js'

export interface GcOptions {
  locations: ManifestLocation[]
  stores: GcStore[]
  /** Delete unreferenced blobs older than graceMs. */
  delete: boolean
  graceMs: number
  now?: Date
  log: (line: string) => void
}

export interface GcReport {
  manifests: number
  unreadable: string[]
  referenced: number
  stored: number
  unreferenced: { count: number; bytes: number; newestAgeMs?: number }
  deleted: { count: number; bytes: number }
  /** Unreferenced blobs spared because they are younger than the grace period. */
  kept: number
  /** Why nothing was deleted although --delete was given. */
  refused?: string
}

interface Snapshot {
  fingerprints: Map<string, string>
  referenced: Set<string>
  unreadable: string[]
}

export async function collectGarbage(options: GcOptions): Promise<GcReport> {
  const now = options.now ?? new Date()
  const where = options.locations.map(location => location.display).join(', ')
  options.log(
    `gc: manifests are read only under ${where}; flists published anywhere else that share this store are not seen, and their blobs count as unreferenced here`
  )
  const before = await readManifests(options.locations, options.log)
  options.log(
    `gc: ${before.fingerprints.size} manifests read, ${before.referenced.size} distinct blobs referenced`
  )
  if (before.fingerprints.size === 0) {
    options.log(
      'gc: no manifest was found under the given locations: check them; every blob counts as unreferenced'
    )
  }
  const report: GcReport = {
    manifests: before.fingerprints.size,
    unreadable: before.unreadable,
    referenced: before.referenced.size,
    stored: 0,
    unreferenced: { count: 0, bytes: 0 },
    deleted: { count: 0, bytes: 0 },
    kept: 0
  }
  const candidates: Array<{ store: GcStore; blob: StoredBlob }> = []
  for (const store of options.stores) {
    const blobs = await store.list()
    report.stored += blobs.length
    const unreferenced = blobs.filter(blob => !before.referenced.has(blob.id))
    options.log(
      `gc: ${store.display}: ${blobs.length} blobs, ${unreferenced.length} referenced by none of the manifests`
    )
    for (const blob of unreferenced) candidates.push({ store, blob })
  }
  report.unreferenced.count = candidates.length
  report.unreferenced.bytes = candidates.reduce((sum, { blob }) => sum + blob.size, 0)
  const dated = candidates.map(({ blob }) => blob.modified.getTime()).filter(Number.isFinite)
  if (dated.length > 0)
    report.unreferenced.newestAgeMs = Math.max(0, now.getTime() - Math.max(...dated))
  if (!options.delete) return report

  report.refused = await refusal(options, before)
  if (report.refused) {
    options.log(`gc: nothing deleted: ${report.refused}`)
    return report
  }
  for (const { store, blob } of candidates) {
    // Written this way so that a blob of unknown age (an Invalid Date) is kept too.
    if (!(now.getTime() - blob.modified.getTime() >= options.graceMs)) {
      report.kept++
      continue
    }
    await store.remove(blob)
    report.deleted.count++
    report.deleted.bytes += blob.size
  }
  return report
}

/** Why deleting would be unsafe now, if it would. */
async function refusal(options: GcOptions, before: Snapshot): Promise<string | undefined> {
  if (before.unreadable.length > 0) {
    return `${before.unreadable.length} manifest(s) could not be read (first: ${before.unreadable[0]}), and the blobs they reference would look unused`
  }
  if (before.fingerprints.size === 0) {
    return 'no manifest was found under the given locations: every blob would go; check the locations'
  }
  // A flist published while this ran may reuse blobs counted as unused: look again.
  const after = await listFingerprints(options.locations)
  const changed = [...after].find(([name, print]) => before.fingerprints.get(name) !== print)
  if (changed || after.size !== before.fingerprints.size) {
    return `the manifests changed while gc ran (${changed?.[0] ?? 'one was removed'}): run it again`
  }
  return undefined
}

async function readManifests(
  locations: ManifestLocation[],
  log: (line: string) => void
): Promise<Snapshot> {
  const snapshot: Snapshot = { fingerprints: new Map(), referenced: new Set(), unreadable: [] }
  for (const location of locations) {
    for (const { name, fingerprint } of await location.list()) {
      const shown = `${location.display}${location.display.endsWith('/') ? '' : '/'}${name}`
      snapshot.fingerprints.set(shown, fingerprint)
      try {
        for (const id of await location.blockIds(name)) snapshot.referenced.add(id)
      } catch (error) {
        snapshot.unreadable.push(`${shown}: ${oneLine(error)}`)
        log(`gc: cannot read ${shown}: ${oneLine(error)}`)
      }
    }
  }
  return snapshot
}

async function listFingerprints(locations: ManifestLocation[]): Promise<Map<string, string>> {
  const prints = new Map<string, string>()
  for (const location of locations) {
    for (const { name, fingerprint } of await location.list()) {
      prints.set(
        `${location.display}${location.display.endsWith('/') ? '' : '/'}${name}`,
        fingerprint
      )
    }
  }
  return prints
}
