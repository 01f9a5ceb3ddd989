// --help and --version of a shell run, written from the inputs of action.yml.
import { ACTION_NAME, ACTION_VERSION } from '../common/action-version.js'
import { JSON_FLAG, SECRET_ENV, SECRET_FILE_FLAG } from './cli-flags.js'
import { INPUTS, takesLines } from './input-table.js'

export function usage(): string {
  const lines = [
    `Usage: ${ACTION_NAME} [--name value | --name=value]...`,
    '',
    'Packs the kernel modules and firmware of a Zero-OS build into RFS flists and publishes them.',
    'Every flag is an input of the GitHub Action, with the same name and default.',
    '',
    'Options:'
  ]
  for (const input of INPUTS) {
    const shape =
      input.kind === 'boolean' ? `--${input.name}[=true|false]` : `--${input.name} <value>`
    lines.push(`  ${shape}`)
    const shownDefault = input.default.startsWith('${{')
      ? '$GITHUB_WORKSPACE, else the current directory'
      : input.default
    const repeat = takesLines(input.kind) ? ' Repeat the flag for several lines.' : ''
    const fallback = shownDefault === '' ? '' : ` (default: ${shownDefault})`
    lines.push(`      ${input.description}${repeat}${fallback}`)
  }
  lines.push(
    `  --${SECRET_FILE_FLAG} <path>`,
    `      Read the S3 secret from a file instead (not visible in ps). Without either flag, $${SECRET_ENV} is read.`,
    `  ${JSON_FLAG}`,
    '      Print the result JSON alone on stdout; the log goes to stderr.',
    '  --help',
    '      Print this help.',
    '  --version',
    '      Print the version.',
    ''
  )
  return lines.join('\n')
}

export function versionLine(): string {
  return `${ACTION_NAME} ${ACTION_VERSION}\n`
}
