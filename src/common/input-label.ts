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
export interface InputLabel {
  (name: string): string
  /** The input set to a value, as it is written: `--engine native` in a shell, `engine: native` on a runner. */
  set(name: string, value: string): string
}

/** `inputLabel` bound to one source, for checks that name several inputs. */
export function inputLabeller(source: InputSource): InputLabel {
  const label = (name: string): string => inputLabel(name, source)
  const set = (name: string, value: string): string =>
    source === 'flag' ? `--${name} ${value}` : `${name}: ${value}`
  return Object.assign(label, { set })
}

/** The runner's spelling, for callers given no labeller (library use and tests). */
export const RUNNER_LABEL: InputLabel = inputLabeller('input')
