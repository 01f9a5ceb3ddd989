import type { InputLabel } from '../common/input-label.js'
import { join } from 'node:path'
import { UserError } from '../common/errors.js'
import { existsAsDirectory } from '../common/fs-probe.js'
import { displayPath, readOptionalText } from './files.js'
import { parseKernelConfig } from './kernel-config.js'
import { parseShellConf } from './shell-conf.js'

export interface KernelVersion {
  /** KERNEL_VERSION or the kernel-version input: 6.12.44 */
  base: string
  /** CONFIG_LOCALVERSION: -Zero-OS */
  localversion: string
  /** What `uname -r` reports on the booted node: 6.12.44-Zero-OS */
  full: string
}

// A mainline release (6.12), a stable one (6.12.44) or a release candidate (6.13-rc3).
const KERNEL_BASE = /^\d+\.\d+(\.\d+)?(-rc\d+)?$/
const EXAMPLE = 'e.g. 6.12.44, 6.12 or 6.13-rc3'

/**
 * The base version, checked. `subject` names where it came from, as the user would look for it:
 * `config/build.conf: KERNEL_VERSION` or `input kernel-version`.
 */
export function validateKernelBase(value: string, subject: string): string {
  if (KERNEL_BASE.test(value)) return value
  if (value === '') {
    throw new UserError(`${subject} is empty: set it to the base kernel version, ${EXAMPLE}`)
  }
  if (/^v/i.test(value) && KERNEL_BASE.test(value.slice(1))) {
    throw new UserError(`${subject}='${value}': drop the leading v, write ${value.slice(1)}`)
  }
  const base = /^\d+\.\d+(\.\d+)?(-rc\d+)?/.exec(value)?.[0]
  if (base) {
    // The usual mistake: the full release written where the base belongs.
    throw new UserError(
      `${subject}='${value}' is not a base kernel version: write ${base}; the suffix comes from CONFIG_LOCALVERSION in kernel.config`
    )
  }
  throw new UserError(
    `${subject}='${value}' does not look like a kernel version: use the base version, ${EXAMPLE}`
  )
}

export interface KernelVersionSources {
  configDir: string
  projectRoot: string
  /** The kernel-version input, already validated; build.conf is not read when it is given. */
  override?: string
  /** Names an input as the run was given it. */
  label: InputLabel
}

/**
 * The full kernel version from the build's own configs, never from the running machine.
 *
 * A missing kernel.config is not an error: DESIGN.md treats an absent localversion as "the full
 * version is the base", and a project that builds a vanilla kernel may keep no .config at all.
 * It does earn a warning, since a forgotten file is the other way to get there, and the modules
 * lookup then shows which versions do exist.
 */
export async function readKernelVersion(
  sources: KernelVersionSources
): Promise<KernelVersion & { warnings: string[]; notices: string[] }> {
  const base = sources.override ?? (await readBase(sources))
  const configPath = join(sources.configDir, 'kernel.config')
  const configName = displayPath(configPath, sources.projectRoot)
  const text = await readOptionalText(configPath, configName, sources.label)
  if (text === undefined) {
    const none = { base, localversion: '', full: base }
    if (sources.override === undefined) {
      return {
        ...none,
        warnings: [
          `${configName} not found: assuming no CONFIG_LOCALVERSION, kernel version ${base}`
        ],
        notices: []
      }
    }
    // The input made build.conf unnecessary; still say once which files were not there, in case
    // the localversion (or rfs.conf) was meant to come from them.
    const dirName = displayPath(sources.configDir, sources.projectRoot)
    const notice = (await existsAsDirectory(sources.configDir))
      ? `${configName} not found: kernel version ${base} from ${sources.label('kernel-version')}, without CONFIG_LOCALVERSION`
      : `config directory ${dirName} does not exist: kernel version ${base} from ${sources.label('kernel-version')}, without CONFIG_LOCALVERSION, and no rfs.conf; set ${sources.label('config-dir')} if the configs are elsewhere`
    return { ...none, warnings: [], notices: [notice] }
  }
  const { localversion, warnings } = parseKernelConfig(text, configName)
  return { base, localversion, full: base + localversion, warnings, notices: [] }
}

async function readBase(sources: KernelVersionSources): Promise<string> {
  const path = join(sources.configDir, 'build.conf')
  const name = displayPath(path, sources.projectRoot)
  const text = await readOptionalText(path, name, sources.label)
  if (text === undefined) {
    if (!(await existsAsDirectory(sources.configDir))) {
      throw new UserError(
        `config directory ${sources.configDir} does not exist: set ${sources.label('config-dir')} to the directory of build.conf, kernel.config and rfs.conf, or set ${sources.label('kernel-version')}`
      )
    }
    throw new UserError(
      `${name} not found: create it with KERNEL_VERSION=6.12.44, set ${sources.label('config-dir')} to the directory that holds it, or set ${sources.label('kernel-version')}`
    )
  }
  const value = parseShellConf(text, name).get('KERNEL_VERSION')
  if (value === undefined) {
    throw new UserError(
      `${name} has no KERNEL_VERSION: add a line like KERNEL_VERSION=6.12.44, or set ${sources.label('kernel-version')}`
    )
  }
  return validateKernelBase(value, `${name}: KERNEL_VERSION`)
}
