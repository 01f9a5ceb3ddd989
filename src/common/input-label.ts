/** How a run was given its settings: action inputs (on a runner) or command-line flags (a shell). */
export type InputSource = 'input' | 'flag'

/**
 * How a message names an input, as the person who set it wrote it: `--s3-secret-key` in a shell
 * run, `input s3-secret-key` on a runner.
 */
export function inputLabel(name: string, source: InputSource): string {
  return source === 'flag' ? `--${name}` : `input ${name}`
}

/** Names an input the way the run was given it. */
export type InputLabel = (name: string) => string

/** `inputLabel` bound to one source, for checks that name several inputs. */
export function inputLabeller(source: InputSource): InputLabel {
  return name => inputLabel(name, source)
}
