// The engine CLI: `rfs`-shaped commands for what the built-in engine does. Exit status 0 on
// success, 1 on failure with one `Error: ...` line, 2 on a usage mistake.
import { isUserError, oneLine } from './common/errors.js'
import { isOsError, osErrorLine } from './common/os-error.js'
import { ACTION_VERSION } from './common/action-version.js'
import { maskSecret } from './action/runner.js'
import { maskUrlCredentials } from './store-url/url.js'
import { UsageError } from './flist/cli/args.js'
import { gcCommand } from './gc/command.js'
import { mergeCommand } from './action/results/command.js'
import {
  configCommand,
  flistCommand,
  packCommand,
  unpackCommand,
  type CliIo
} from './flist/cli/commands.js'

export const CLI_VERSION = `${ACTION_VERSION}-native`

const HELP = `rfs ${CLI_VERSION}: the built-in flist engine of rfs-flist-action, shaped like rfs

Usage: rfs [--debug] <COMMAND>

Commands:
  pack    create an FL and upload blocks to provided storage
          rfs pack -m META -s [xx-xx=]URL... [--no-strip-password] TARGET
  unpack  unpack (downloads) content of an FL the provided location
          rfs unpack -m META [-p] TARGET
  config  list or modify FL metadata and stores
          rfs config -m META tag list|add -t k=v...|delete -k KEY...|-a
          rfs config -m META store list|add -s URL...|delete -s URL...|-a
  flist   flist inspection operations
          rfs flist inspect|tree META
  gc      report the blobs of a store that no manifest under the given locations references,
          and with --delete remove those older than --grace (default 7d)
          rfs gc --manifests LOCATION... -s URL... [--delete [--grace 7d]]
          LOCATION: s3://KEY:SECRET@HOST:PORT/BUCKET[/PREFIX], s3s://..., or a directory
  merge   merge the result-*.json files of a matrix job's legs into one result with every flist
          rfs merge [-o OUT] RESULT|DIR...

Options:
  -h, --help     Print help
  -V, --version  Print version

Stores: dir:///path and s3://KEY:SECRET@HOST:PORT/BUCKET[?region=R] (s3s:// for TLS).`

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<void>> = {
  pack: packCommand,
  unpack: unpackCommand,
  flist: flistCommand,
  config: configCommand,
  gc: gcCommand,
  merge: mergeCommand
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Store URLs and manifest locations carry S3 secrets: masked before any command reads them.
  for (const arg of argv) maskUrlCredentials(arg.replace(/^--?[A-Za-z-]+=/, ''), maskSecret)
  const args = argv.filter(arg => arg !== '--debug')
  const [command, ...rest] = args
  if (command === '--version' || command === '-V') {
    io.out(`rfs ${CLI_VERSION}`)
    return 0
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.out(HELP)
    return command === undefined ? 2 : 0
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(HELP)
    return 0
  }
  const run = COMMANDS[command]
  try {
    if (!run) throw new UsageError(`unrecognized subcommand '${command}'`)
    await run(rest, { mask: maskSecret, ...io })
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}`)
      io.err("For more information, try '--help'.")
      return 2
    }
    io.err(
      `Error: ${oneLine(!isUserError(error) && isOsError(error) ? osErrorLine(error) : error)}`
    )
    return 1
  }
}
