// `merge`: the result files of a matrix job's legs, merged into one result JSON.
import { resolve } from 'node:path'
import { writeFileAtomically } from '../../common/atomic-write.js'
import { parseArgs, UsageError } from '../../flist/cli/args.js'
import { mergeResults, readLegResult, resultFiles } from './merge.js'

export interface MergeIo {
  out: (line: string) => void
  err: (line: string) => void
}

export async function mergeCommand(argv: readonly string[], io: MergeIo): Promise<void> {
  const args = parseArgs(argv, [{ name: 'output', short: 'o', value: true }])
  if (args.positionals.length === 0) {
    throw new UsageError('the following required argument was not provided: <RESULT>...')
  }
  const files = await resultFiles(args.positionals)
  const legs = []
  for (const file of files) legs.push(await readLegResult(file))
  const merged = mergeResults(legs)
  const json = JSON.stringify(merged, null, 2)
  const output = args.values.get('output')?.[0]
  if (output === undefined) io.out(json)
  else writeFileAtomically(resolve(output), Buffer.from(`${json}\n`))
  io.err(
    `merged ${legs.length} results: ${Object.keys(merged.flists).length} flists` +
      (output === undefined ? '' : ` into ${output}`)
  )
}
