import * as core from '@actions/core'
import { resolve } from 'node:path'
import { parseAliases } from '../publish/aliases/parse.js'
import { closestFlag, JSON_FLAG, SECRET_ENV, SECRET_FILE_FLAG, shellSecret } from './cli-flags.js'
import { parseBootOptions } from '../boot/options.js'
import { validateKernelBase } from '../config/kernel-version.js'
import { UserError } from '../common/errors.js'
import { validateFirmwareTag } from '../plan/names.js'
import {
  DEFAULT_RFS_VERSION,
  ENGINES,
  FLIST_KINDS,
  VERIFY_MODES,
  type FlistKind,
  type Settings
} from '../plan/settings.js'
import { parseStoreSpecs, type StoreSpec } from '../store/spec.js'
import { SYSTEM_TAG_KEYS } from '../plan/tags.js'
import { refuseMisplacedCredentials, urlCredentials, urlScheme } from '../store/url.js'
import { maskS3Secret, maskUrlCredentials } from './runner.js'
import { ACTION_NAME, ACTION_VERSION } from '../common/action-version.js'
import { RFS_BUILD_MODES } from '../rfs-release/acquire.js'
import type { Owner } from '../flist/pack/record.js'

export interface InputDefinition {
  name: string
  /** As in action.yml. */
  default: string
  description: string
  /** A flag that may stand alone on the command line (`--dry-run`). */
  boolean?: boolean
  /** Several lines; on the command line the flag may be repeated, one line each time. */
  multiline?: boolean
}

/** Every input of action.yml, with the same names, defaults and descriptions. */
export const INPUTS = [
  {
    name: 'project-root',
    default: '${{ github.workspace }}',
    description:
      'Root of the Zero-OS build project (holds config/, initramfs/, firmware/, components/).'
  },
  {
    name: 'config-dir',
    default: 'config',
    description: 'Directory of build.conf, kernel.config and rfs.conf, relative to project-root.'
  },
  {
    name: 'kernel-version',
    default: '',
    description: 'Base kernel version (e.g. 6.12.44); replaces KERNEL_VERSION from build.conf.'
  },
  {
    name: 'modules-dir',
    default: '',
    description:
      'Modules tree to pack; default /lib/modules/<full>, then initramfs/lib/modules/<full>.'
  },
  {
    name: 'firmware-dir',
    default: '',
    description: 'Firmware tree to pack; default firmware/, then initramfs/lib/firmware.'
  },
  {
    name: 'firmware-tag',
    default: '',
    description:
      'Tag in the firmware flist name; default FIRMWARE_TAG from rfs.conf, else the UTC date YYYYMMDD of the source date (SOURCE_DATE_EPOCH, else the last commit), on which every leg and rerun of one commit agree.'
  },
  {
    name: 'flists',
    default: 'modules,firmware',
    description: 'Which flists to build, comma-separated; modules, firmware or both.'
  },
  {
    name: 'output-dir',
    default: 'dist/flists',
    description: 'Where the .fl files are written, relative to project-root.'
  },
  {
    name: 's3-endpoint',
    default: '',
    description: 'S3 endpoint URL (https://host[:port]); overrides S3_ENDPOINT from rfs.conf.'
  },
  { name: 's3-region', default: '', description: 'S3 region; overrides S3_REGION from rfs.conf.' },
  {
    name: 's3-bucket',
    default: '',
    description: 'Bucket that holds the blobs; overrides S3_BUCKET from rfs.conf.'
  },
  {
    name: 's3-prefix',
    default: '',
    description:
      'Key prefix of the manifests (PREFIX/manifests/NAME); overrides S3_PREFIX from rfs.conf.'
  },
  {
    name: 's3-access-key',
    default: '',
    description:
      'S3 access key id; overrides S3_ACCESS_KEY from rfs.conf. Without one (and without a secret), the built-in engine signs with the AWS default credential chain.'
  },
  {
    name: 's3-secret-key',
    default: '',
    description: 'S3 secret key (pass it from secrets); overrides S3_SECRET_KEY from rfs.conf.'
  },
  {
    name: 'manifest-bucket',
    default: '',
    description:
      'Bucket for the .fl manifests when it is not the blob bucket; overrides MANIFEST_BUCKET.'
  },
  {
    name: 'public-url',
    default: '',
    description:
      'Public base URL of the manifest bucket, to which the object key PREFIX/manifests/NAME is appended (e.g. https://cdn.example.com/zos-flists); overrides PUBLIC_URL.'
  },
  {
    name: 'store',
    default: '',
    description:
      'Explicit rfs store specs, one a line ([xx-xx=]url), replacing the S3-derived store.',
    multiline: true
  },
  {
    name: 'read-store',
    default: '',
    description:
      'Store specs recorded as routes in the flists for readers; default the write store without password.',
    multiline: true
  },
  {
    name: 'engine',
    default: 'native',
    description: 'Packer, native (the built-in packer) or rfs (the reference binary).'
  },
  { name: 'rfs-path', default: '', description: 'Path of an rfs binary to use.' },
  {
    name: 'rfs-version',
    default: '',
    description:
      'rfs release tag to run, download or cache; default v2.0.6. When set, an rfs of another version found on PATH is skipped.'
  },
  { name: 'rfs-sha256', default: '', description: 'Expected sha256 of the downloaded rfs binary.' },
  {
    name: 'rfs-build',
    default: 'auto',
    description: 'Build rfs from source, auto (when no binary is found), always or never.'
  },
  {
    name: 'rfs-source',
    default: 'components/rfs',
    description: 'rfs source tree to build from, relative to project-root.'
  },
  {
    name: 'rfs-download-url',
    default: '',
    description: 'URL of the rfs binary; default the GitHub release asset of rfs-version.'
  },
  {
    name: 'verify',
    default: 'exists',
    description:
      'Check after packing, none, exists (every block is in the store), full (download and decode every block) or rfs (the rfs binary unpacks each flist, compared with its source tree).'
  },
  {
    name: 'overwrite',
    default: 'false',
    description: 'Replace a published manifest whose content differs.',
    boolean: true
  },
  {
    name: 'tags',
    default: '',
    description: 'Extra key=value tags written into both flists, one a line or comma-separated.',
    multiline: true
  },
  {
    name: 'owner',
    default: '',
    description: 'UID:GID recorded for every entry (e.g. 0:0); default the owner found on disk.'
  },
  {
    name: 's3-max-attempts',
    default: '6',
    description:
      'Tries of each S3 request before the run fails; 5xx, throttling, timeouts and resets are retried with backoff.'
  },
  {
    name: 's3-request-timeout',
    default: '60',
    description: 'Seconds one S3 request may take before it is abandoned and retried.'
  },
  {
    name: 'aliases',
    default: '',
    description:
      'Moving names published after both flists as copies of their manifests and replaced each run, e.g. modules=modules-6.12-latest.fl; one a line or comma-separated.',
    multiline: true
  },
  {
    name: 'zinit-units',
    default: 'false',
    description:
      'Write zinit units that fetch, check and mount the flists at boot into output-dir/zinit (in a dry run too).',
    boolean: true
  },
  {
    name: 'zinit-network-unit',
    default: 'internet',
    description: 'The zinit unit that brings up the network the node fetches the flists over.'
  },
  {
    name: 'zinit-manifest-url',
    default: '',
    description:
      'Base URL the node fetches the manifests from (the flist names follow it); default each flist URL.'
  },
  {
    name: 'zinit-cache-dir',
    default: '/run/flists',
    description: 'Directory on the node for the fetched flists and the rfs block cache.'
  },
  {
    name: 'dry-run',
    default: 'false',
    description:
      'Compute and print the plan and its outputs, also before the trees exist and without the secret; write nothing but the zinit units (when zinit-units is on).',
    boolean: true
  },
  {
    name: 'summary',
    default: 'true',
    description: 'Write the job summary (on success and on failure); false turns it off.',
    boolean: true
  }
] as const satisfies readonly InputDefinition[]

export type InputName = (typeof INPUTS)[number]['name']

/** The raw text of each input that was given (not empty); the rest take their defaults. */
export type RawInputs = Partial<Record<InputName, string>>

/** How the values were given; it decides how messages name them. */
export type InputMode = 'input' | 'flag'

const DEFINITIONS = new Map<string, InputDefinition>(INPUTS.map(input => [input.name, input]))

/**
 * The settings of this run. A command line with arguments is a shell run and only its flags
 * count; without arguments the action inputs are read (INPUT_* variables, as a runner sets them
 * for `uses:`), each missing one taking its action.yml default. A shell run without arguments
 * therefore gets the defaults, plus any INPUT_* variables the caller chose to set.
 *
 * `--help` and `--version` print and end the process.
 */
export function readSettings(argv: readonly string[] = process.argv.slice(2)): Settings {
  if (argv.length === 0) return settingsFromRaw(readActionInputs(), 'input')
  const parsed = parseFlags(argv)
  if (parsed.kind === 'help' || parsed.kind === 'version') {
    process.stdout.write(parsed.kind === 'help' ? usage() : `${ACTION_NAME} ${ACTION_VERSION}\n`)
    process.exit(0)
  }
  for (const [name, value] of Object.entries(parsed.values)) maskInput(name as InputName, value)
  const secret = shellSecret(parsed.values['s3-secret-key'], parsed.secretKeyFile)
  maskS3Secret(secret)
  const values: RawInputs = { ...parsed.values }
  if (secret === undefined) delete values['s3-secret-key']
  else values['s3-secret-key'] = secret
  return settingsFromRaw(values, 'flag')
}

/** The action inputs that are set, read with @actions/core; secrets are masked at once. */
export function readActionInputs(): RawInputs {
  const raw: RawInputs = {}
  for (const { name } of INPUTS) {
    const value = core.getInput(name)
    maskInput(name, value)
    if (value !== '') raw[name] = value
  }
  return raw
}

/** Inputs that are URLs, or store specs holding URLs, and so may carry credentials. */
const URL_INPUTS: readonly InputName[] = [
  'store',
  'read-store',
  's3-endpoint',
  'public-url',
  'rfs-download-url'
]

/** Masks the secret an input holds, before anything can fail with a message about it. */
function maskInput(name: InputName, value: string): void {
  if (name === 's3-secret-key') maskS3Secret(value)
  else if (URL_INPUTS.includes(name)) maskUrlCredentials(value)
}

export type FlagParse =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'values'; values: RawInputs; secretKeyFile?: string }

const BOOLEAN_TEXT = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE']

/** Command-line flags named like the inputs: `--name value`, `--name=value`, `--flag`. */
export function parseFlags(argv: readonly string[]): FlagParse {
  const values: RawInputs = {}
  let secretKeyFile: string | undefined
  for (let at = 0; at < argv.length; at += 1) {
    const arg = argv[at]
    if (arg === '--help' || arg === '-h') return { kind: 'help' }
    if (arg === '--version') return { kind: 'version' }
    if (arg === JSON_FLAG) continue
    if (!arg.startsWith('--')) {
      // It may be a value that lost its flag, secret and all: with an @ it is not shown.
      const shown = arg.includes('@') ? '' : ` '${arg}'`
      throw new UserError(
        `unexpected argument${shown}: every option is a flag, --name value or --name=value (see --help)`
      )
    }
    const equals = arg.indexOf('=')
    const name = arg.slice(2, equals < 0 ? undefined : equals)
    if (name === SECRET_FILE_FLAG) {
      if (secretKeyFile !== undefined) throw new UserError(`--${name} is given twice: give it once`)
      const next = equals >= 0 ? arg.slice(equals + 1) : argv[++at]
      if (next === undefined || next === '' || (equals < 0 && next.startsWith('--'))) {
        throw new UserError(`--${name} needs a value: --${name} PATH`)
      }
      secretKeyFile = next
      continue
    }
    const definition = DEFINITIONS.get(name)
    if (!definition) throw new UserError(unknownFlag(name))
    let value: string
    if (equals >= 0) {
      value = arg.slice(equals + 1)
    } else if (definition.boolean) {
      // `--dry-run false` reads as meant; a lone `--dry-run` switches it on.
      const next = argv[at + 1]
      if (next !== undefined && BOOLEAN_TEXT.includes(next)) {
        value = next
        at += 1
      } else {
        value = 'true'
      }
    } else {
      const next = argv[at + 1]
      if (next === undefined || next.startsWith('--')) {
        throw new UserError(`--${name} needs a value: --${name} VALUE or --${name}=VALUE`)
      }
      value = next
      at += 1
    }
    const key = name as InputName
    const earlier = values[key]
    if (earlier !== undefined) {
      if (!definition.multiline) {
        throw new UserError(`--${name} is given twice: give it once`)
      }
      value = `${earlier}\n${value}`
    }
    values[key] = value
  }
  return { kind: 'values', values, secretKeyFile }
}

/** `unknown flag --x: did you mean --y?`, with the suggestion when one is close. */
function unknownFlag(name: string): string {
  const known = [...DEFINITIONS.keys(), SECRET_FILE_FLAG, 'json', 'help', 'version']
  const suggestion = closestFlag(name, known)
  return suggestion
    ? `unknown flag --${name}: did you mean --${suggestion}? (see --help for the flags)`
    : `unknown flag --${name} (see --help for the flags)`
}

/** --help, written from the same table as action.yml. */
export function usage(): string {
  const lines = [
    `Usage: ${ACTION_NAME} [--name value | --name=value]...`,
    '',
    'Packs the kernel modules and firmware of a Zero-OS build into RFS flists and publishes them.',
    'Every flag is an input of the GitHub Action, with the same name and default.',
    '',
    'Options:'
  ]
  for (const input of INPUTS as readonly InputDefinition[]) {
    const shape = input.boolean ? `--${input.name}[=true|false]` : `--${input.name} <value>`
    lines.push(`  ${shape}`)
    const shownDefault = input.default.startsWith('${{')
      ? '$GITHUB_WORKSPACE, else the current directory'
      : input.default
    const repeat = input.multiline ? ' Repeat the flag for several lines.' : ''
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

/** Where the run happens, for the defaults that depend on it. */
export interface InputContext {
  cwd: string
  /** GITHUB_WORKSPACE, when set. */
  workspace?: string
}

/** Validated settings from raw input text. Each value is checked, with a message naming it. */
export function settingsFromRaw(
  raw: RawInputs,
  mode: InputMode,
  context: InputContext = {
    cwd: process.cwd(),
    workspace: process.env.GITHUB_WORKSPACE || undefined
  }
): Settings {
  const label = (name: InputName): string => (mode === 'flag' ? `--${name}` : `input ${name}`)
  const given = (name: InputName): string | undefined => {
    const value = raw[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }
  const valueOf = (name: InputName): string => {
    return given(name) ?? (DEFINITIONS.get(name)?.default as string)
  }
  const choice = <T extends string>(name: InputName, allowed: readonly T[]): T => {
    const value = valueOf(name)
    if (!(allowed as readonly string[]).includes(value)) {
      throw new UserError(`${label(name)}='${value}' is not accepted: use ${allowed.join(', ')}`)
    }
    return value as T
  }
  const boolean = (name: InputName): boolean => parseBoolean(valueOf(name), label(name))

  const rootText = given('project-root')
  // A literal default means the value was copied from action.yml outside a runner.
  const root =
    rootText && !rootText.startsWith('${{') ? rootText : (context.workspace ?? context.cwd)
  const projectRoot = resolve(context.cwd, root)
  const underRoot = (name: InputName): string => resolve(projectRoot, valueOf(name))
  const optionalUnderRoot = (name: InputName): string | undefined => {
    const value = given(name)
    return value === undefined ? undefined : resolve(projectRoot, value)
  }

  const kernelVersion = given('kernel-version')
  const firmwareTag = given('firmware-tag')
  // Masked where it was read, before any of these checks could fail with a message.
  const secretKey = given('s3-secret-key')
  const sha256 = given('rfs-sha256')
  const downloadUrl = given('rfs-download-url')
  const owner = given('owner')

  return {
    projectRoot,
    configDir: underRoot('config-dir'),
    kernelVersion:
      kernelVersion === undefined
        ? undefined
        : validateKernelBase(kernelVersion, label('kernel-version')),
    modulesDir: optionalUnderRoot('modules-dir'),
    firmwareDir: optionalUnderRoot('firmware-dir'),
    firmwareTag:
      firmwareTag === undefined
        ? undefined
        : validateFirmwareTag(firmwareTag, label('firmware-tag')),
    flists: parseFlists(valueOf('flists'), label('flists')),
    outputDir: underRoot('output-dir'),
    s3: {
      endpoint: given('s3-endpoint'),
      region: given('s3-region'),
      bucket: given('s3-bucket'),
      prefix: given('s3-prefix'),
      accessKey: given('s3-access-key'),
      secretKey,
      manifestBucket: given('manifest-bucket'),
      publicUrl: given('public-url')
    },
    store: storeSpecs(given('store'), label('store')),
    readStore: storeSpecs(given('read-store'), label('read-store')),
    engine: choice('engine', ENGINES),
    rfs: {
      path: given('rfs-path'),
      version: parseRfsVersion(given('rfs-version') ?? DEFAULT_RFS_VERSION, label('rfs-version')),
      versionGiven: given('rfs-version') !== undefined,
      sha256: sha256 === undefined ? undefined : parseSha256(sha256, label('rfs-sha256')),
      build: choice('rfs-build', RFS_BUILD_MODES),
      source: underRoot('rfs-source'),
      downloadUrl:
        downloadUrl === undefined
          ? undefined
          : parseDownloadUrl(downloadUrl, label('rfs-download-url'))
    },
    verify: choice('verify', VERIFY_MODES),
    overwrite: boolean('overwrite'),
    tags: parseTags(given('tags') ?? '', label('tags')),
    owner: owner === undefined ? undefined : parseOwner(owner, label('owner')),
    s3Requests: {
      attempts: parseCount(valueOf('s3-max-attempts'), label('s3-max-attempts'), 1, 20),
      timeoutMs:
        parseCount(valueOf('s3-request-timeout'), label('s3-request-timeout'), 1, 3600) * 1000
    },
    aliases: parseAliases(given('aliases') ?? '', label('aliases')),
    zinit: boolean('zinit-units')
      ? parseBootOptions(
          {
            networkUnit: given('zinit-network-unit'),
            manifestUrl: given('zinit-manifest-url'),
            cacheDir: given('zinit-cache-dir')
          },
          name => label(name as InputName)
        )
      : undefined,
    dryRun: boolean('dry-run'),
    summary: boolean('summary')
  }
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

/** YAML 1.2 booleans only, as core.getBooleanInput accepts them. */
export function parseBoolean(value: string, subject: string): boolean {
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError(`${subject}='${value}' is not a boolean: use true or false`)
}

/** `modules,firmware`, either alone, in any order; the result is in the canonical order. */
export function parseFlists(value: string, subject: string): FlistKind[] {
  const accepted = `use modules, firmware or modules,firmware`
  const items = value.split(',').map(item => item.trim())
  const chosen = new Set<FlistKind>()
  for (const item of items) {
    if (item === '') throw new UserError(`${subject}='${value}' has an empty entry: ${accepted}`)
    if (!(FLIST_KINDS as readonly string[]).includes(item)) {
      throw new UserError(`${subject}: unknown flist '${item}': ${accepted}`)
    }
    if (chosen.has(item as FlistKind)) {
      throw new UserError(`${subject}='${value}' names ${item} twice: ${accepted}`)
    }
    chosen.add(item as FlistKind)
  }
  return FLIST_KINDS.filter(kind => chosen.has(kind))
}

/** Store specs (their credentials were masked as they were read). */
function storeSpecs(text: string | undefined, subject: string): StoreSpec[] | undefined {
  if (text === undefined) return undefined
  const specs = parseStoreSpecs(text, subject)
  return specs.length > 0 ? specs : undefined
}

// A release tag goes into a download URL and a tool-cache directory name.
const RFS_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/

function parseRfsVersion(value: string, subject: string): string {
  if (!RFS_VERSION.test(value)) {
    throw new UserError(
      `${subject}='${value}' is not a release tag: use the tag of an rfs release, e.g. v2.0.6`
    )
  }
  return value
}

/** 64 hex digits, optionally prefixed `sha256:` as some release pages print it; lower-cased. */
export function parseSha256(value: string, subject: string): string {
  const hex = value.replace(/^sha256:/i, '').toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new UserError(
      `${subject}='${value}' is not a sha256 digest: give the 64 hex digits of the rfs binary`
    )
  }
  return hex
}

function parseDownloadUrl(value: string, subject: string): string {
  refuseMisplacedCredentials(value, subject)
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || !['https:', 'http:', 'file:'].includes(url.protocol)) {
    // The text may hold a token: with an @ in it, it is named by its scheme alone.
    const shown =
      urlCredentials(value) || value.includes('@')
        ? `the ${urlScheme(value) ?? 'given'}:// URL`
        : `'${value}'`
    throw new UserError(
      `${subject}: ${shown} is not a download URL: give an https:// (or http://, file://) URL of the rfs binary`
    )
  }
  return value
}

// uid_t and gid_t are 32-bit; (uid_t)-1 means "no change" to chown and is no owner.
const MAX_ID = 0xfffffffe

/** `UID:GID`, numbers only: names would resolve differently on the runner and on the node. */
export function parseOwner(value: string, subject: string): Owner {
  const match = /^(\d+):(\d+)$/.exec(value)
  const uid = Number(match?.[1])
  const gid = Number(match?.[2])
  if (!match || uid > MAX_ID || gid > MAX_ID) {
    throw new UserError(`${subject}='${value}' is not an owner: write numeric UID:GID, e.g. 0:0`)
  }
  return { uid, gid }
}

// rfs declares tag keys VARCHAR(10), which SQLite does not enforce and rfs itself exceeds; keys
// here are short identifiers that survive any reader, values fit the declared VARCHAR(255).
const TAG_KEY = /^[A-Za-z0-9._-]{1,64}$/
const TAG_VALUE_MAX = 255

/**
 * `key=value` tags, one a line (values may then hold commas) or comma-separated on one line.
 * The value is everything after the first `=`, trimmed; it may be empty.
 */
export function parseTags(text: string, subject: string): Array<[string, string]> {
  const items = text.includes('\n') ? text.split('\n') : text.split(',')
  const tags: Array<[string, string]> = []
  const seen = new Set<string>()
  for (const raw of items) {
    const item = raw.trim()
    if (item === '') continue
    const equals = item.indexOf('=')
    if (equals < 0)
      throw new UserError(`${subject}: '${item}' is not key=value: write e.g. build=1234`)
    const key = item.slice(0, equals).trim()
    const value = item.slice(equals + 1).trim()
    if (!TAG_KEY.test(key)) {
      throw new UserError(
        `${subject}: tag key '${key}' is not accepted: use 1 to 64 letters, digits, . _ or -`
      )
    }
    if (SYSTEM_TAG_KEYS.includes(key)) {
      throw new UserError(
        `${subject}: tag key '${key}' is written by the action itself: choose another key (reserved: ${SYSTEM_TAG_KEYS.join(', ')})`
      )
    }
    if (seen.has(key))
      throw new UserError(`${subject}: tag key '${key}' is given twice: give it once`)
    if (value.length > TAG_VALUE_MAX || hasControlCharacter(value)) {
      throw new UserError(
        `${subject}: the value of tag '${key}' must be at most ${TAG_VALUE_MAX} characters without control characters`
      )
    }
    seen.add(key)
    tags.push([key, value])
  }
  return tags
}

function hasControlCharacter(text: string): boolean {
  return [...text].some(char => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
}
