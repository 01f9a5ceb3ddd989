// The bench's targets: each ratio printed with PASS or MISS beside it as it is measured, again all
// together at the end, and (with --write-docs) into docs/performance.md with the run's table.
import { readFileSync, writeFileSync } from 'node:fs'

interface Outcome {
  target: string
  measured: string
  pass: boolean
}

const outcomes: Outcome[] = []
/** Every line the bench printed, for the docs. */
const printed: string[] = []

const print = console.log.bind(console)
console.log = (...parts: unknown[]): void => {
  const text = parts.map(String).join(' ')
  printed.push(...text.split('\n'))
  print(text)
}

/** Prints one target's outcome: `measured` says the figure, `target` the bound it is held to. */
export function checkTarget(target: string, measured: string, pass: boolean): void {
  outcomes.push({ target, measured, pass })
  console.log(`  ${pass ? 'PASS' : 'MISS'}  ${target}: ${measured}`)
}

export function printTargets(): void {
  if (outcomes.length === 0) return
  console.log('\ntargets:')
  for (const { target, measured, pass } of outcomes)
    console.log(`  ${pass ? 'PASS' : 'MISS'}  ${target}: ${measured}`)
}

/**
 * Replaces the page's section marked with this run's kind (`name`) with its command, machine,
 * date and output; a kind not there yet gets its section at the end of the page.
 */
export function writeDocs(page: string, name: string, command: string, machine: string): void {
  const BEGIN = `<!-- bench:${name}:begin -->`
  const END = `<!-- bench:${name}:end -->`
  let text = readFileSync(page, 'utf8')
  if (!text.includes(BEGIN)) text = `${text.trimEnd()}\n\n${BEGIN}\n${END}\n`
  const start = text.indexOf(BEGIN)
  const end = text.indexOf(END)
  if (end < start) throw new Error(`${page}: ${END} comes before ${BEGIN}`)
  const section = [
    BEGIN,
    '',
    `Written by \`${command}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${machine}.`,
    '',
    '<!-- example: not run — the output of the bench run named above -->',
    '```text',
    ...printed.map(line => line.trimEnd()),
    '```',
    '',
    END
  ].join('\n')
  writeFileSync(page, text.slice(0, start) + section + text.slice(end + END.length))
}

/**
 * The fastest of runs of one thing: on a machine shared with other jobs a run can lose a large
 * share of its time to a neighbour, and the fastest is the least disturbed.
 */
export function fastest<T extends { seconds: number }>(runs: T[]): T {
  return runs.reduce((best, run) => (run.seconds < best.seconds ? run : best))
}
