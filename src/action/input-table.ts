// The inputs of the action: names, defaults and descriptions come from action.yml (through the
// generated action-inputs.ts); the one thing action.yml cannot say, the shape of each value, is
// stated here once. The shape decides how a flag is parsed, how --help shows it, and whether the
// value is masked as soon as it is read.
import { ACTION_INPUTS } from './action-inputs.js'

export type InputName = (typeof ACTION_INPUTS)[number]['name']

export type InputKind =
  /** One line of text. */
  | 'text'
  /** true or false; the flag may stand alone (`--dry-run`). */
  | 'boolean'
  /** A whole number. */
  | 'count'
  /** Several lines; the flag may be repeated, one line each time. */
  | 'lines'
  /** A URL, which may hold credentials. */
  | 'url'
  /** Store specs, one a line, whose URLs may hold credentials; the flag may be repeated. */
  | 'store-specs'
  /** A secret as such. */
  | 'secret'

const INPUT_KINDS: Record<InputName, InputKind> = {
  'project-root': 'text',
  'config-dir': 'text',
  'kernel-version': 'text',
  'modules-dir': 'text',
  'firmware-dir': 'text',
  'firmware-tag': 'text',
  flists: 'text',
  'output-dir': 'text',
  's3-endpoint': 'url',
  's3-region': 'text',
  's3-bucket': 'text',
  's3-prefix': 'text',
  's3-access-key': 'text',
  's3-secret-key': 'secret',
  'manifest-bucket': 'text',
  'public-url': 'url',
  store: 'store-specs',
  'read-store': 'store-specs',
  engine: 'text',
  'rfs-path': 'text',
  'rfs-version': 'text',
  'rfs-sha256': 'text',
  'rfs-build': 'text',
  'rfs-source': 'text',
  'rfs-download-url': 'url',
  verify: 'text',
  overwrite: 'boolean',
  tags: 'lines',
  owner: 'text',
  's3-max-attempts': 'count',
  's3-request-timeout': 'count',
  aliases: 'lines',
  'zinit-units': 'boolean',
  'zinit-network-unit': 'text',
  'zinit-manifest-url': 'url',
  'zinit-cache-dir': 'text',
  'dry-run': 'boolean',
  summary: 'boolean'
}

export interface InputDefinition {
  name: InputName
  /** As in action.yml. */
  default: string
  description: string
  required: boolean
  kind: InputKind
}

/** Every input, in the order of action.yml. */
export const INPUTS: readonly InputDefinition[] = ACTION_INPUTS.map(input => ({
  name: input.name,
  default: input.default,
  description: input.description,
  required: input.required,
  kind: INPUT_KINDS[input.name]
}))

const BY_NAME = new Map<string, InputDefinition>(INPUTS.map(input => [input.name, input]))

/** The definition of an input, or undefined for a name that is none. */
export function inputDefinition(name: string): InputDefinition | undefined {
  return BY_NAME.get(name)
}

/** Whether the input takes several lines, so a repeated flag adds one rather than conflicting. */
export function takesLines(kind: InputKind): boolean {
  return kind === 'lines' || kind === 'store-specs'
}

/** The raw text of each input that was given (not empty); the rest take their defaults. */
export type RawInputs = Partial<Record<InputName, string>>
