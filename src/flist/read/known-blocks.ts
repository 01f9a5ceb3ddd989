// The blocks an earlier flist names, as key and id pairs for the pack's workers (see
// flist/pack/known-blocks.ts for why only this engine's own flists are taken).
import { existsSync } from 'node:fs'
import { HASH_LENGTH } from '../format/codec.js'
import { FlistReader } from '../format/reader.js'
import type { KnownBlockPairs } from '../pack/known-blocks.js'

/**
 * The key → id pairs of the flist at `path`, when it exists and its `creator` tag names `creator`
 * (this engine and version); undefined otherwise. An unreadable file is no error: it is only
 * not reused, and the pack encodes every block.
 */
export async function readKnownBlocks(
  path: string,
  creatorEngine: string
): Promise<KnownBlockPairs | undefined> {
  if (!existsSync(path)) return undefined
  let reader: FlistReader
  try {
    reader = await FlistReader.open(path)
  } catch {
    return undefined
  }
  try {
    const creator = reader.tags().find(([key]) => key === 'creator')?.[1]
    if (!creator?.endsWith(`(${creatorEngine})`)) return undefined
    const blocks = reader
      .distinctBlocks()
      .filter(({ id, key }) => id.length === HASH_LENGTH && key.length === HASH_LENGTH)
    const pairs = new Uint8Array(blocks.length * 2 * HASH_LENGTH)
    blocks.forEach(({ id, key }, index) => {
      pairs.set(key, index * 2 * HASH_LENGTH)
      pairs.set(id, index * 2 * HASH_LENGTH + HASH_LENGTH)
    })
    return pairs
  } catch {
    return undefined
  } finally {
    reader.close()
  }
}
