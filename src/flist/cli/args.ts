// A small command-line parser for the rfs-shaped CLI: short and long flags, flags with a value
// (`-m X`, `--meta X`, `--meta=X`, `-mX`), repeatable flags, positionals.

export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

export interface FlagSpec {
  name: string
  short?: string
  /** Takes a value; otherwise a boolean switch. */
  value?: boolean
  repeat?: boolean
}

export interface ParsedArgs {
  values: Map<string, string[]>
  switches: Set<string>
  positionals: string[]
}

export function parseArgs(argv: readonly string[], flags: readonly FlagSpec[]): ParsedArgs {
  const parsed: ParsedArgs = { values: new Map(), switches: new Set(), positionals: [] }
  const byLong = new Map(flags.map(flag => [flag.name, flag]))
  const byShort = new Map(flags.filter(flag => flag.short).map(flag => [flag.short!, flag]))
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1))
      break
    }
    let flag: FlagSpec | undefined
    let inline: string | undefined
    if (arg.startsWith('--')) {
      const [name, value] = splitOnce(arg.slice(2), '=')
      flag = byLong.get(name)
      if (!flag) throw new UsageError(`unexpected argument '--${name}'`)
      inline = value
    } else if (arg.startsWith('-') && arg.length > 1) {
      flag = byShort.get(arg[1])
      if (!flag) throw new UsageError(`unexpected argument '${arg.slice(0, 2)}'`)
      inline = arg.length > 2 ? arg.slice(2).replace(/^=/, '') : undefined
    } else {
      parsed.positionals.push(arg)
      continue
    }
    if (!flag.value) {
      if (inline !== undefined) throw new UsageError(`'--${flag.name}' takes no value`)
      parsed.switches.add(flag.name)
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined) throw new UsageError(`'--${flag.name}' needs a value`)
    const values = parsed.values.get(flag.name) ?? []
    if (values.length > 0 && !flag.repeat)
      throw new UsageError(`'--${flag.name}' cannot be used more than once`)
    values.push(value)
    parsed.values.set(flag.name, values)
  }
  return parsed
}

export function requireValue(args: ParsedArgs, name: string): string {
  const value = args.values.get(name)?.[0]
  if (value === undefined)
    throw new UsageError(`the following required argument was not provided: --${name}`)
  return value
}

export function requirePositional(args: ParsedArgs, name: string, count = 1): string[] {
  if (args.positionals.length < count)
    throw new UsageError(`the following required argument was not provided: <${name}>`)
  if (args.positionals.length > count)
    throw new UsageError(`unexpected argument '${args.positionals[count]}'`)
  return args.positionals
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)]
}
