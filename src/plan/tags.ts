import type { FlistKind } from './settings.js'
import { ACTION_NAME, ACTION_VERSION } from '../common/action-version.js'

/** Tag keys the action writes into every flist; a user tag may not replace them. */
export const SYSTEM_TAG_KEYS = ['kind', 'kernel-version', 'firmware-tag', 'creator']

export interface TagSource {
  kind: FlistKind
  kernelVersion: string
  firmwareTag: string
  engine: { name: string; version: string }
  userTags: ReadonlyArray<readonly [string, string]>
}

/**
 * The tags of one flist, in a fixed order. The firmware flist does not name the kernel: it is the
 * same for every kernel of a matrix build, and identical bytes let all but the first job find it
 * already published.
 */
export function flistTags(source: TagSource): Array<[string, string]> {
  const tags: Array<[string, string]> = [['kind', source.kind]]
  if (source.kind === 'modules') tags.push(['kernel-version', source.kernelVersion])
  else tags.push(['firmware-tag', source.firmwareTag])
  tags.push([
    'creator',
    `${ACTION_NAME} ${ACTION_VERSION} (${source.engine.name} ${source.engine.version})`
  ])
  return [...tags, ...source.userTags.map(([key, value]): [string, string] => [key, value])]
}
