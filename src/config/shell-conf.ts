import { UserError } from '../common/errors.js'

// build.conf and rfs.conf are sourced by shell scripts elsewhere in a Zero-OS build, so they are
// read with the shell's own rules for the subset that makes sense in a config file: assignments,
// quoting, comments and references to keys defined above. Anything that would run code is
// refused rather than guessed at. (The `ini` package does not fit: it knows neither `export`,
// nor the difference between '…' and "…", nor `$VAR`.)

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/
const NAME_ONLY = /^[A-Za-z_][A-Za-z0-9_]*$/

/** Where a line came from, for messages: `config/build.conf:3`. */
interface Line {
  where: string
  text: string
}

/** The assignments of a shell-style config file, in file order; a key set twice keeps its last value. */
export function parseShellConf(text: string, file: string): Map<string, string> {
  const values = new Map<string, string>()
  const lines = text.replace(/^\uFEFF/, '').split('\n')
  lines.forEach((raw, index) => {
    const line: Line = { where: `${file}:${index + 1}`, text: raw.replace(/\r$/, '') }
    const assignment = parseLine(line, values)
    if (assignment) values.set(assignment.key, assignment.value)
  })
  return values
}

function parseLine(
  line: Line,
  defined: Map<string, string>
): { key: string; value: string } | undefined {
  let rest = line.text.trimStart()
  if (rest === '' || rest.startsWith('#')) return undefined
  const exported = /^export[ \t]+/.exec(rest)
  if (exported) {
    rest = rest.slice(exported[0].length)
    // `export NAME` re-exports a key set above; it assigns nothing.
    const bare = rest.replace(/[ \t]+(#.*)?$/, '')
    if (NAME_ONLY.test(bare)) return undefined
  }
  const name = NAME.exec(rest)?.[0]
  if (!name || rest[name.length] !== '=') {
    throw malformed(line, rest, name)
  }
  const value = new ValueReader(line, name, rest.slice(name.length + 1), defined).read()
  return { key: name, value }
}

function malformed(line: Line, rest: string, name: string | undefined): UserError {
  if (name && /^[ \t]*=/.test(rest.slice(name.length))) {
    return new UserError(
      `${line.where}: ${name}: no spaces are allowed around '=': write ${name}=value`
    )
  }
  if (!rest.includes('=')) {
    return new UserError(
      `${line.where}: '${firstWord(rest)}' is not an assignment: write KEY=value, or start the line with # to make it a comment`
    )
  }
  const key = rest.slice(0, rest.indexOf('=')).replace(/^export[ \t]+/, '')
  return new UserError(
    `${line.where}: '${shorten(key)}' is not a valid key name: use letters, digits and _ (not starting with a digit)`
  )
}

/** The first word of a line, for a message: the rest may be a value, and values may be secret. */
function firstWord(text: string): string {
  const words = text.trim().split(/[ \t]+/)
  const first = shorten(words[0])
  return words.length > 1 || first !== words[0] ? `${first} …` : first
}

function shorten(text: string): string {
  const flat = text.trim()
  return flat.length > 40 ? `${flat.slice(0, 40)}…` : flat
}

/** Reads one value: a shell word made of unquoted, '…' and "…" parts, then an optional comment. */
class ValueReader {
  private at = 0

  constructor(
    private readonly line: Line,
    private readonly key: string,
    private readonly text: string,
    private readonly defined: Map<string, string>
  ) {}

  read(): string {
    let value = ''
    while (this.at < this.text.length) {
      const char = this.text[this.at]
      if (char === ' ' || char === '\t') break
      if (char === "'") value += this.singleQuoted()
      else if (char === '"') value += this.doubleQuoted()
      else value += this.unquoted()
    }
    const trailing = this.text.slice(this.at).trim()
    if (trailing !== '' && !trailing.startsWith('#')) {
      // The value itself is never quoted in a message: it may be a secret.
      throw this.error('the value has unquoted spaces: put the whole value in quotes')
    }
    return value
  }

  private unquoted(): string {
    let out = ''
    while (this.at < this.text.length) {
      const char = this.text[this.at]
      if (char === ' ' || char === '\t' || char === "'" || char === '"') break
      if (char === '\\') {
        // An escaped character stands for itself; a backslash at the end would continue the line.
        if (this.at + 1 >= this.text.length) {
          throw this.error(
            'a trailing backslash continues the line, which is not supported: join the lines'
          )
        }
        out += this.text[this.at + 1]
        this.at += 2
      } else if (char === '$') {
        out += this.expansion()
      } else if (char === '`') {
        throw this.commandSubstitution('`…`')
      } else if (
        char === ';' ||
        char === '|' ||
        char === '&' ||
        char === '<' ||
        char === '>' ||
        char === '(' ||
        char === ')'
      ) {
        throw this.error(
          `'${char}' is shell syntax, not part of a value: put the value in quotes if it contains '${char}'`
        )
      } else {
        out += char
        this.at += 1
      }
    }
    return out
  }

  private singleQuoted(): string {
    const close = this.text.indexOf("'", this.at + 1)
    if (close < 0) throw this.unterminated("'")
    const out = this.text.slice(this.at + 1, close)
    this.at = close + 1
    return out
  }

  private doubleQuoted(): string {
    let out = ''
    this.at += 1
    while (this.at < this.text.length) {
      const char = this.text[this.at]
      if (char === '"') {
        this.at += 1
        return out
      }
      if (char === '\\') {
        const next = this.text[this.at + 1]
        // Inside "…" the shell gives a backslash meaning only before these; elsewhere it stays.
        if (next === '"' || next === '\\' || next === '$' || next === '`') {
          out += next
          this.at += 2
        } else if (next === undefined) {
          break
        } else {
          out += char
          this.at += 1
        }
      } else if (char === '$') {
        out += this.expansion()
      } else if (char === '`') {
        throw this.commandSubstitution('`…`')
      } else {
        out += char
        this.at += 1
      }
    }
    throw this.unterminated('"')
  }

  /** `$NAME` or `${NAME}`, from keys set above; `$` before anything else is itself. */
  private expansion(): string {
    const after = this.text.slice(this.at + 1)
    if (after.startsWith('(')) throw this.commandSubstitution('$(…)')
    const braced = /^\{([^}]*)\}/.exec(after)
    if (braced) {
      this.at += 1 + braced[0].length
      if (!NAME_ONLY.test(braced[1])) {
        throw this.error(
          'only ${NAME} of a key set above is expanded (no ${NAME:-default} or other forms): write the value itself'
        )
      }
      return this.lookUp(braced[1])
    }
    if (after.startsWith('{')) throw this.error("'${' is not closed by '}'")
    const name = NAME.exec(after)?.[0]
    if (name) {
      this.at += 1 + name.length
      return this.lookUp(name)
    }
    if (/^[0-9@*#?!$-]/.test(after)) {
      throw this.error(
        `'$${after[0]}' is a shell special parameter, not a key: write the value itself, or \\$ for a literal $`
      )
    }
    this.at += 1
    return '$'
  }

  private lookUp(name: string): string {
    const value = this.defined.get(name)
    if (value === undefined) {
      throw this.error(
        `$${name} refers to no key set above it in this file: define ${name} on an earlier line or write the value itself`
      )
    }
    return value
  }

  private commandSubstitution(form: string): UserError {
    return this.error(
      `command substitution ${form} is not allowed: the value must be literal (write the value itself)`
    )
  }

  private unterminated(quote: string): UserError {
    return this.error(
      `unterminated ${quote} quote: close it on the same line (values spanning lines are not supported)`
    )
  }

  private error(message: string): UserError {
    return new UserError(`${this.line.where}: ${this.key}: ${message}`)
  }
}
