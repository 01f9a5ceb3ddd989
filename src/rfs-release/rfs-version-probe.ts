import { UserError, oneLine } from '../common/errors.js'
import { describeExit, runProgram } from './run.js'

/**
 * The version an rfs binary reports for `--version`: rfs prints `rfs <git describe>`, e.g.
 * `rfs v2.0.6` or `rfs v2.0.6-3-gabc123-modified`.
 */
export function parseRfsVersion(output: string): string | undefined {
  const line = output
    .split(/\r?\n/)
    .map(l => l.trim())
    .find(l => l.length > 0)
  if (!line) return undefined
  const named = /^rfs\s+(\S+)/i.exec(line)
  if (named) return named[1]
  const bare = /^v?\d+\.\d+\S*$/.exec(line)
  return bare ? bare[0] : undefined
}

/** Runs `<binary> --version` to prove the binary starts here, and returns its version. */
export async function probeRfsVersion(binary: string, what: string): Promise<string> {
  let result
  try {
    result = await runProgram(binary, ['--version'], { tailLines: 5 })
  } catch (error) {
    throw new UserError(`${what} ${binary} cannot be run: ${oneLine(error)}`)
  }
  if (result.code !== 0) {
    const said = result.tail.join(' ').trim()
    throw new UserError(
      `${what} ${binary} does not run: \`--version\` ${describeExit(result)}${said ? `: ${oneLine(said)}` : ''}`
    )
  }
  const version = parseRfsVersion(result.stdout)
  if (!version) {
    throw new UserError(
      `${what} ${binary} does not look like rfs: \`--version\` printed "${oneLine(result.stdout).slice(0, 80)}"`
    )
  }
  return version
}
