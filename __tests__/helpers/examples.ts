// The fenced examples of the user documentation (README.md and docs/*.md), each with the marker
// that may stand right before it: `<!-- example: not run — REASON -->` says why it does not run.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from './action.js'

export interface FencedBlock {
  /** Path relative to the repository root. */
  file: string
  /** 1-based line of the opening fence. */
  line: number
  /** The fence's info string's first word, lower case ('' when none). */
  lang: string
  text: string
  /** The marker's text after `example:`, when one stands right before the fence. */
  marker?: string
}

/** Documentation files whose examples users copy. */
export function documentationFiles(): string[] {
  const docs = readdirSync(join(REPO_ROOT, 'docs'))
    .filter(name => name.endsWith('.md'))
    .sort()
    .map(name => `docs/${name}`)
  return ['README.md', ...docs]
}

/** Every fenced block of a Markdown file, in order; fences inside list items may be indented. */
export function fencedBlocks(
  file: string,
  markdown = readFileSync(join(REPO_ROOT, file), 'utf8')
): FencedBlock[] {
  const lines = markdown.split('\n')
  const blocks: FencedBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i])
    if (!open) continue
    const [, indent, fence, info] = open
    const body: string[] = []
    let end = i + 1
    while (end < lines.length && !lines[end].trim().startsWith(fence)) {
      body.push(lines[end].startsWith(indent) ? lines[end].slice(indent.length) : lines[end])
      end++
    }
    blocks.push({
      file,
      line: i + 1,
      lang: info.toLowerCase(),
      text: body.join('\n') + '\n',
      marker: markerBefore(lines, i)
    })
    i = end
  }
  return blocks
}

/** The text of an `<!-- example: … -->` comment on the last non-blank line before `index`. */
function markerBefore(lines: string[], index: number): string | undefined {
  let i = index - 1
  while (i >= 0 && lines[i].trim() === '') i--
  if (i < 0) return undefined
  return /^\s*<!--\s*example:\s*(.*?)\s*-->\s*$/.exec(lines[i])?.[1]
}

/** The reason of a `not run — REASON` marker; undefined when the marker gives none. */
export function notRunReason(marker: string): string | undefined {
  const reason = /^not run\s*(?:—|--|-|:)\s*(.*)$/.exec(marker)?.[1]?.trim()
  return reason ? reason : undefined
}

export function label(block: FencedBlock): string {
  return `${block.file}:${block.line} (${block.lang || 'no language'})`
}
