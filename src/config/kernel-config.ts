import { UserError } from '../common/errors.js'

export interface KernelConfigFacts {
  /** CONFIG_LOCALVERSION, '' when unset or absent. */
  localversion: string
  /** Things the user should know; returned rather than logged so the parsing stays pure. */
  warnings: string[]
}

// Kconfig writes strings as "…" with C-style \" and \\ escapes; other lines are NAME=value,
// `# NAME is not set`, or comments. A later assignment wins, as in Kconfig itself.
const ASSIGNMENT = /^(CONFIG_[A-Za-z0-9_]+)=(.*)$/
const NOT_SET = /^# (CONFIG_[A-Za-z0-9_]+) is not set\s*$/

// The release string ends up in directory and file names (modules-<release>.fl); the kernel's
// own scripts refuse spaces and slashes there too.
const LOCALVERSION_CHARS = /^[A-Za-z0-9._+~-]*$/

/** The facts of a kernel .config this action needs: the local version and its caveats. */
export function parseKernelConfig(text: string, file: string): KernelConfigFacts {
  let localversion = ''
  let localversionLine = 0
  let autoLocalversion = false
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '').trim()
    const unset = NOT_SET.exec(line)
    if (unset) {
      if (unset[1] === 'CONFIG_LOCALVERSION') localversion = ''
      if (unset[1] === 'CONFIG_LOCALVERSION_AUTO') autoLocalversion = false
      return
    }
    const assignment = ASSIGNMENT.exec(line)
    if (!assignment) return
    const [, name, value] = assignment
    const where = `${file}:${index + 1}`
    if (name === 'CONFIG_LOCALVERSION') {
      localversion = kconfigString(value, where, name)
      localversionLine = index + 1
    } else if (name === 'CONFIG_LOCALVERSION_AUTO') {
      autoLocalversion = value === 'y'
    }
  })
  if (!LOCALVERSION_CHARS.test(localversion)) {
    throw new UserError(
      `${file}:${localversionLine}: CONFIG_LOCALVERSION="${localversion}" cannot be part of a kernel release name: use letters, digits and . _ + ~ - only`
    )
  }
  const warnings: string[] = []
  if (autoLocalversion) {
    warnings.push(
      `${file}: CONFIG_LOCALVERSION_AUTO=y makes the kernel append a suffix from the source tree's version control (e.g. +g1234abcd) that this action cannot compute; the flist and the modules path are named without it, so they may not match the running kernel: disable CONFIG_LOCALVERSION_AUTO for release builds.`
    )
  }
  return { localversion, warnings }
}

function kconfigString(value: string, where: string, name: string): string {
  const trimmed = value.trim()
  if (!trimmed.startsWith('"')) return trimmed
  let out = ''
  for (let at = 1; at < trimmed.length; at += 1) {
    const char = trimmed[at]
    if (char === '\\' && at + 1 < trimmed.length) {
      out += trimmed[at + 1]
      at += 1
    } else if (char === '"') {
      if (trimmed.slice(at + 1).trim() !== '') break
      return out
    } else {
      out += char
    }
  }
  throw new UserError(
    `${where}: ${name}: malformed string ${shorten(trimmed)}: write ${name}="-suffix"`
  )
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text
}
