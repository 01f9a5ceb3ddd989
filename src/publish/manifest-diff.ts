// Two manifests are the same publication when they describe the same thing: the same entries with
// the same blocks, the same routes, and the same tags apart from the producer's. Their bytes may
// still differ (another release of the action or of rfs wrote one of them), and a rerun must not
// be refused for that.
import { toHex } from '../flist/format/codec.js'
import { FlistReader } from '../flist/format/reader.js'
import { formatStoreSpec } from '../store-url/spec.js'

/** Tags that name who wrote a manifest, not what it describes. */
export const PRODUCER_TAG_KEYS: readonly string[] = ['creator']

/** What a manifest describes, in a form two manifests can be compared by. */
export interface FlistDescription {
  /** Path → every recorded attribute of the entry, its link target and its blocks in order. */
  entries: Map<string, EntryFacts>
  routes: string[]
  /** Tags other than the producer's. */
  tags: Map<string, string>
}

type EntryFacts = Record<EntryAttribute, string>

const ATTRIBUTES = [
  'mode',
  'size',
  'uid',
  'gid',
  'rdev',
  'mtime',
  'ctime',
  'target',
  'blocks'
] as const
type EntryAttribute = (typeof ATTRIBUTES)[number]

/** Reads what an flist describes; inode numbers and row order between files do not matter. */
export async function describeFlist(path: string): Promise<FlistDescription> {
  const reader = await FlistReader.open(path)
  try {
    const entries = new Map<string, EntryFacts>()
    for (const { path: entryPath, inode } of reader.walk()) {
      const facts: EntryFacts = {
        mode: inode.mode.toString(8),
        size: String(inode.size),
        uid: String(inode.uid),
        gid: String(inode.gid),
        rdev: String(inode.rdev),
        mtime: String(inode.mtime),
        ctime: String(inode.ctime),
        target: inode.data ? toHex(inode.data) : '',
        blocks: reader
          .blocks(inode.ino)
          .map(block => `${toHex(block.id)}:${toHex(block.key)}`)
          .join(',')
      }
      // Two entries of one name can only come from a crafted flist: never take it as equal.
      if (entries.has(entryPath)) facts.blocks += ',duplicate'
      entries.set(entryPath, facts)
    }
    const tags = new Map(reader.tags().filter(([key]) => !PRODUCER_TAG_KEYS.includes(key)))
    return { entries, routes: reader.routes().map(formatStoreSpec), tags }
  } finally {
    reader.close()
  }
}

/**
 * What differs between a published manifest and this run's, one clause per part (entries, routes,
 * each tag), or undefined when they describe the same thing.
 */
export function describeDifference(
  published: FlistDescription,
  ours: FlistDescription
): string | undefined {
  const clauses = [
    entryDifference(published.entries, ours.entries),
    routeDifference(published.routes, ours.routes),
    ...tagDifferences(published.tags, ours.tags)
  ].filter((clause): clause is string => clause !== undefined)
  return clauses.length === 0 ? undefined : clauses.join('; ')
}

function entryDifference(
  published: Map<string, EntryFacts>,
  ours: Map<string, EntryFacts>
): string | undefined {
  const changed: string[] = []
  const added: string[] = []
  const removed: string[] = []
  for (const [path, facts] of ours) {
    const before = published.get(path)
    if (!before) added.push(path)
    else if (differingAttributes(before, facts).length > 0) changed.push(path)
  }
  for (const path of published.keys()) if (!ours.has(path)) removed.push(path)
  const total = changed.length + added.length + removed.length
  if (total === 0) return undefined

  const counts = [
    changed.length > 0 ? `${count(changed.length, 'entry', 'entries')} changed` : '',
    added.length > 0 ? `${added.length} only in this run` : '',
    removed.length > 0 ? `${removed.length} only in the published one` : ''
  ].filter(Boolean)
  const first = [...changed, ...added, ...removed].sort()[0]
  const what = changed.includes(first)
    ? ` (${differingAttributes(published.get(first)!, ours.get(first)!).join(', ')})`
    : ''
  return `entries differ: ${counts.join(', ')}, first: ${first === '' ? '/' : first}${what}`
}

function differingAttributes(a: EntryFacts, b: EntryFacts): EntryAttribute[] {
  return ATTRIBUTES.filter(attribute => a[attribute] !== b[attribute])
}

function routeDifference(published: string[], ours: string[]): string | undefined {
  if (published.join('\n') === ours.join('\n')) return undefined
  const show = (routes: string[]): string => (routes.length > 0 ? routes.join(', ') : 'none')
  return `routes differ (published: ${show(published)}; this run: ${show(ours)})`
}

function tagDifferences(published: Map<string, string>, ours: Map<string, string>): string[] {
  const keys = [...new Set([...published.keys(), ...ours.keys()])].sort()
  return keys.flatMap(key => {
    const before = published.get(key)
    const now = ours.get(key)
    if (before === now) return []
    if (before === undefined) return [`tag ${key} is only in this run's manifest`]
    if (now === undefined) return [`tag ${key} is only in the published manifest`]
    return [`tag ${key} differs (published '${before}', this run '${now}')`]
  })
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`
}
