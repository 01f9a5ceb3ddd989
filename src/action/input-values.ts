// Checks of the input values that belong to no domain of their own: booleans, counts, choices.
import { UserError } from '../common/errors.js'

/** YAML 1.2 booleans only, as core.getBooleanInput accepts them. */
export function parseBoolean(value: string, subject: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(`${subject}='${value}' is not a boolean: use true or false`)
}

/** A whole number within bounds. */
export function parseCount(value: string, subject: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UserError(
      `${subject}='${value}' is not accepted: use a whole number from ${min} to ${max}`
    )
  }
  return Number(value)
}

/** One of a fixed list of words. */
export function parseChoice<T extends string>(
  value: string,
  subject: string,
  allowed: readonly T[]
): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UserError(`${subject}='${value}' is not accepted: use ${allowed.join(', ')}`)
  }
  return value as T
}
