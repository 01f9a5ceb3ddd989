// The command line of a shell run: one flag per action input, named like it, parsed with
// node:util parseArgs; plus the flags that are no input: how the result is printed, where the
// secret comes from, help and version.
import { readFileSync } from 'node:fs'
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '../common/errors.js'
import { quotedUnlessCredentials } from '../store-url/redact.js'
import {
  inputDefinition,
  INPUTS,
  takesLines,
  type InputName,
  type RawInputs
} from './input-table.js'

export const JSON_FLAG = '--json'
/** Read into the s3-secret-key input: a file keeps the secret out of `ps`. */
export const SECRET_FILE_FLAG = 's3-secret-key-file'
/** The environment variable a shell run reads the S3 secret from, named as the rfs.conf key. */
export const SECRET_ENV = 'S3_SECRET_KEY'

/** The flags that are no action input. */
const OWN_FLAGS: NonNullable<ParseArgsConfig['options']> = {
  [SECRET_FILE_FLAG]: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' }
}

const OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  ...Object.fromEntries(
    INPUTS.map(input => [input.name, { type: input.kind === 'boolean' ? 'boolean' : 'string' }])
  ),
  ...OWN_FLAGS
}

const BOOLEAN_TEXT = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE']

export type FlagParse =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'values'; values: RawInputs; secretKeyFile?: string }

/**
 * Flags named like the inputs: `--name value`, `--name=value`, and a boolean alone (`--dry-run`)
 * or followed by a boolean word (`--dry-run false`). `--help` and `--version` win wherever they are.
 */
export function parseFlags(argv: readonly string[]): FlagParse {
  const { tokens } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true
  })
  const named = (name: string): boolean =>
    tokens.some(token => token.kind === 'option' && token.name === name)
  if (named('help')) return { kind: 'help' }
  if (named('version')) return { kind: 'version' }

  const values: RawInputs = {}
  let secretKeyFile: string | undefined
  for (let at = 0; at < tokens.length; at += 1) {
    const token = tokens[at]
    if (token.kind === 'option-terminator') continue
    if (token.kind === 'positional') throw unexpectedArgument(token.value)
    const { name } = token
    if (name === 'json') {
      if (token.value !== undefined)
        throw new UserError(`${JSON_FLAG} takes no value: give it alone`)
      continue
    }
    const definition = inputDefinition(name)
    if (name !== SECRET_FILE_FLAG && !definition) throw new UserError(unknownFlag(token.rawName))
    let value: string
    if (definition?.kind === 'boolean') {
      // `--dry-run false` reads as meant; a lone `--dry-run` switches it on.
      const next = tokens[at + 1]
      if (token.value !== undefined) value = token.value
      else if (next?.kind === 'positional' && BOOLEAN_TEXT.includes(next.value)) {
        value = next.value
        at += 1
      } else value = 'true'
    } else {
      // parseArgs takes the next argument as the value even when it is the next flag.
      if (token.value === undefined || (!token.inlineValue && token.value.startsWith('--'))) {
        throw new UserError(neededValue(name))
      }
      value = token.value
    }
    if (name === SECRET_FILE_FLAG) {
      if (secretKeyFile !== undefined) throw new UserError(`--${name} is given twice: give it once`)
      if (value === '') throw new UserError(neededValue(name))
      secretKeyFile = value
      continue
    }
    const key = name as InputName
    const earlier = values[key]
    if (earlier !== undefined) {
      if (!takesLines(definition!.kind))
        throw new UserError(`--${name} is given twice: give it once`)
      value = `${earlier}\n${value}`
    }
    values[key] = value
  }
  return { kind: 'values', values, secretKeyFile }
}

function neededValue(name: string): string {
  return name === SECRET_FILE_FLAG
    ? `--${name} needs a value: --${name} PATH`
    : `--${name} needs a value: --${name} VALUE or --${name}=VALUE`
}

function unexpectedArgument(text: string): UserError {
  // It may be a value that lost its flag, secret and all: with an @ it is not shown.
  const shown = quotedUnlessCredentials(text)
  return new UserError(
    `unexpected argument${shown ? ` ${shown}` : ''}: every option is a flag, --name value or --name=value (see --help)`
  )
}

/** `unknown flag --x: did you mean --y?`, with the suggestion when one is close. */
function unknownFlag(rawName: string): string {
  const name = rawName.replace(/^-+/, '')
  const suggestion = closestFlag(name, Object.keys(OPTIONS))
  return suggestion
    ? `unknown flag ${rawName}: did you mean --${suggestion}? (see --help for the flags)`
    : `unknown flag ${rawName} (see --help for the flags)`
}

/** `--json`: the result JSON alone on stdout. A lone argument, so a flag's value never counts. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.includes(JSON_FLAG)
}

/**
 * The S3 secret of a shell run, from the first source given: --s3-secret-key, --s3-secret-key-file
 * (its content, one trailing newline dropped), then $S3_SECRET_KEY. A flag shows the secret in
 * `ps`; a file or the environment does not.
 */
export function shellSecret(
  flag: string | undefined,
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env
): string | undefined {
  if (flag !== undefined && file !== undefined) {
    throw new UserError(
      `--s3-secret-key and --${SECRET_FILE_FLAG} are both given: give the secret one way`
    )
  }
  if (file !== undefined) return readSecretFile(file)
  if (flag !== undefined) return flag
  const fromEnv = env[SECRET_ENV]
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv
}

function readSecretFile(path: string): string {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new UserError(
      `--${SECRET_FILE_FLAG} ${path}: cannot read the file (${code}): give the path of a file that holds the S3 secret`
    )
  }
  const secret = text.replace(/\r?\n$/, '')
  if (secret === '') {
    throw new UserError(
      `--${SECRET_FILE_FLAG} ${path}: the file is empty: write the S3 secret into it`
    )
  }
  return secret
}

/** The closest known flag, when it is close enough to be what was meant. */
export function closestFlag(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of known) {
    const distance = editDistance(name, candidate)
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  const prefix = known.find(candidate => candidate.startsWith(name) && name.length >= 3)
  if (prefix) return prefix
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution))
    }
    previous = current
  }
  return previous[b.length]
}
