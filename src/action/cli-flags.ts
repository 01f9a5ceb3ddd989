// Flags of the shell run that are no action input: how the result is printed, where the secret
// comes from, and the suggestion for a flag that does not exist.
import { readFileSync } from 'node:fs'
import { UserError } from '../common/errors.js'

export const JSON_FLAG = '--json'
export const SECRET_FILE_FLAG = 's3-secret-key-file'
/** The environment variable a shell run reads the S3 secret from, named as the rfs.conf key. */
export const SECRET_ENV = 'S3_SECRET_KEY'

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
