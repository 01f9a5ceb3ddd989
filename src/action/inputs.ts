// The action inputs or command-line flags of a run, read as text and then checked into one
// settings object. Reading prints nothing, masks nothing and ends nothing: the entry masks the
// secrets of what was read before checking it, and answers --help and --version.
import * as core from '@actions/core'
import { resolve } from 'node:path'
import { parseAliases } from '../publish/aliases/parse.js'
import { parseBootOptions } from '../boot/options.js'
import { validateKernelBase } from '../config/kernel-version.js'
import { UserError } from '../common/errors.js'
import { inputLabel, inputLabeller, type InputSource } from '../common/input-label.js'
import { validateFirmwareTag } from '../plan/names.js'
import { parseFlists } from '../plan/flist-kinds.js'
import { parseOwner } from '../plan/owner.js'
import { parseTags } from '../plan/user-tags.js'
import { DEFAULT_RFS_VERSION, ENGINES, VERIFY_MODES, type Settings } from '../plan/settings.js'
import { RFS_BUILD_MODES } from '../rfs-release/rfs-settings.js'
import { parseReleaseTag, parseDownloadUrl, parseSha256 } from '../rfs-release/pin.js'
import { parseStoreSpecs, type StoreSpec } from '../store-url/spec.js'
import { parseFlags, shellSecret } from './cli-flags.js'
import { inputDefinition, INPUTS, type InputName, type RawInputs } from './input-table.js'
import { parseBoolean, parseChoice, parseCount } from './input-values.js'

export type { RawInputs } from './input-table.js'

/** What the command line asked for: help, the version, or a run with these inputs. */
export type InputRead =
  { kind: 'help' } | { kind: 'version' } | { kind: 'inputs'; raw: RawInputs; source: InputSource }

/**
 * The inputs of this run. A command line with arguments is a shell run and only its flags count;
 * without arguments the action inputs are read (INPUT_* variables, as a runner sets them for
 * `uses:`). A shell run without arguments therefore gets the defaults, plus any INPUT_* variables
 * the caller chose to set.
 */
export function readInputs(
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env
): InputRead {
  if (argv.length === 0) return { kind: 'inputs', raw: readActionInputs(), source: 'input' }
  const parsed = parseFlags(argv)
  if (parsed.kind !== 'values') return parsed
  const raw: RawInputs = { ...parsed.values }
  const secret = shellSecret(parsed.values['s3-secret-key'], parsed.secretKeyFile, env)
  if (secret === undefined) delete raw['s3-secret-key']
  else raw['s3-secret-key'] = secret
  return { kind: 'inputs', raw, source: 'flag' }
}

/** The action inputs that are set, read with @actions/core. */
function readActionInputs(): RawInputs {
  const raw: RawInputs = {}
  for (const { name } of INPUTS) {
    const value = core.getInput(name)
    if (value !== '') raw[name] = value
  }
  return raw
}

/** Where the run happens, for the defaults that depend on it. */
export interface InputContext {
  cwd: string
  /** GITHUB_WORKSPACE, when set. */
  workspace?: string
}

/**
 * Validated settings from raw input text: each value is checked by its domain, with a message
 * that names it as it was given (the input, or the flag in a shell).
 */
export function settingsFromRaw(
  raw: RawInputs,
  source: InputSource,
  context: InputContext = {
    cwd: process.cwd(),
    workspace: process.env.GITHUB_WORKSPACE || undefined
  }
): Settings {
  const label = (name: InputName): string => inputLabel(name, source)
  const given = (name: InputName): string | undefined => {
    const value = raw[name]?.trim()
    return value === undefined || value === '' ? undefined : value
  }
  const valueOf = (name: InputName): string => given(name) ?? inputDefinition(name)!.default
  const ifGiven = <T>(name: InputName, check: (value: string, subject: string) => T) => {
    const value = given(name)
    return value === undefined ? undefined : check(value, label(name))
  }
  const choice = <T extends string>(name: InputName, allowed: readonly T[]): T =>
    parseChoice(valueOf(name), label(name), allowed)
  const boolean = (name: InputName): boolean => parseBoolean(valueOf(name), label(name))
  const count = (name: InputName, min: number, max: number): number =>
    parseCount(valueOf(name), label(name), min, max)
  const stores = (name: InputName): StoreSpec[] | undefined => {
    const specs = parseStoreSpecs(given(name) ?? '', label(name))
    return specs.length > 0 ? specs : undefined
  }

  for (const input of INPUTS) {
    if (input.required && given(input.name) === undefined) {
      throw new UserError(`${label(input.name)} is required: give it a value`)
    }
  }

  const rootText = given('project-root')
  // A literal default means the value was copied from action.yml outside a runner.
  const root =
    rootText && !rootText.startsWith('${{') ? rootText : (context.workspace ?? context.cwd)
  const projectRoot = resolve(context.cwd, root)
  const underRoot = (name: InputName): string => resolve(projectRoot, valueOf(name))
  const optionalUnderRoot = (name: InputName): string | undefined =>
    ifGiven(name, value => resolve(projectRoot, value))

  const labeller = inputLabeller(source)
  return {
    inputSource: source,
    label: labeller,
    projectRoot,
    configDir: underRoot('config-dir'),
    kernelVersion: ifGiven('kernel-version', validateKernelBase),
    modulesDir: optionalUnderRoot('modules-dir'),
    firmwareDir: optionalUnderRoot('firmware-dir'),
    firmwareTag: ifGiven('firmware-tag', validateFirmwareTag),
    flists: parseFlists(valueOf('flists'), label('flists')),
    outputDir: underRoot('output-dir'),
    s3: {
      endpoint: given('s3-endpoint'),
      region: given('s3-region'),
      bucket: given('s3-bucket'),
      prefix: given('s3-prefix'),
      accessKey: given('s3-access-key'),
      secretKey: given('s3-secret-key'),
      manifestBucket: given('manifest-bucket'),
      publicUrl: given('public-url')
    },
    store: stores('store'),
    readStore: stores('read-store'),
    engine: choice('engine', ENGINES),
    rfs: {
      path: given('rfs-path'),
      version: parseReleaseTag(given('rfs-version') ?? DEFAULT_RFS_VERSION, label('rfs-version')),
      versionGiven: given('rfs-version') !== undefined,
      sha256: ifGiven('rfs-sha256', parseSha256),
      build: choice('rfs-build', RFS_BUILD_MODES),
      source: underRoot('rfs-source'),
      downloadUrl: ifGiven('rfs-download-url', parseDownloadUrl),
      label: labeller
    },
    verify: choice('verify', VERIFY_MODES),
    overwrite: boolean('overwrite'),
    tags: parseTags(given('tags') ?? '', label('tags')),
    owner: ifGiven('owner', parseOwner),
    s3Requests: {
      attempts: count('s3-max-attempts', 1, 20),
      timeoutMs: count('s3-request-timeout', 1, 3600) * 1000,
      label: labeller
    },
    aliases: parseAliases(given('aliases') ?? '', label('aliases')),
    zinit: boolean('zinit-units')
      ? parseBootOptions(
          {
            networkUnit: given('zinit-network-unit'),
            manifestUrl: given('zinit-manifest-url'),
            cacheDir: given('zinit-cache-dir')
          },
          inputLabeller(source)
        )
      : undefined,
    dryRun: boolean('dry-run'),
    summary: boolean('summary')
  }
}
