import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../common/errors.js'
import { existsAsDirectory } from '../common/fs-probe.js'
import { describeOsError } from '../common/os-error.js'
import type { InputLabel } from '../common/input-label.js'

/** Where a build container installs the modules of the kernel it built. */
export const SYSTEM_MODULES_ROOT = '/lib/modules'

/** A directory that is not there (yet): a plan can be made without it, a run cannot. */
export class MissingDirectoryError extends UserError {}

/**
 * A directory an input names explicitly: used as given, so it must be there. `input` names the
 * input as the run was given it; `fix` completes the message when it does not exist.
 */
export async function requireDirectory(path: string, input: string, fix: string): Promise<string> {
  let isDir: boolean
  try {
    isDir = (await stat(path)).isDirectory()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new MissingDirectoryError(`${input} ${path} does not exist: ${fix}`)
    }
    throw new UserError(`${input} ${path} cannot be used: ${describeOsError(error)}: ${fix}`)
  }
  if (!isDir) throw new UserError(`${input} ${path} is not a directory`)
  return path
}

function explicitDirectory(path: string, input: string): Promise<string> {
  return requireDirectory(path, input, `give an existing directory or leave ${input} empty`)
}

async function firstDirectory(candidates: string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    if (await existsAsDirectory(candidate)) return candidate
  }
  return undefined
}

export interface ModulesLookup {
  projectRoot: string
  /** The full kernel version: the name of the directory under a modules root. */
  kernel: string
  /** The modules-dir setting, absolute. */
  override?: string
  /** Injectable so tests do not depend on the host; default /lib/modules. */
  systemRoot?: string
  label: InputLabel
}

/** The modules tree to pack: modules-dir, else /lib/modules/<kernel>, else the initramfs's. */
export async function findModulesSource(lookup: ModulesLookup): Promise<string> {
  const { label } = lookup
  if (lookup.override) return explicitDirectory(lookup.override, label('modules-dir'))
  const roots = [
    lookup.systemRoot ?? SYSTEM_MODULES_ROOT,
    join(lookup.projectRoot, 'initramfs/lib/modules')
  ]
  const tried = roots.map(root => join(root, lookup.kernel))
  const found = await firstDirectory(tried)
  if (found) return found
  // The usual cause is a localversion that differs from the one the kernel was built with.
  const present: string[] = []
  for (const root of roots) {
    for (const version of await subdirectories(root)) present.push(`${version} (in ${root})`)
  }
  const hint =
    present.length > 0
      ? `versions present: ${present.join(', ')}; check KERNEL_VERSION and CONFIG_LOCALVERSION, or set ${label('modules-dir')}`
      : `no kernel versions exist under ${roots.join(' or ')}; install the modules there or set ${label('modules-dir')}`
  throw new MissingDirectoryError(
    `no modules tree for kernel ${lookup.kernel}: tried ${tried.join(', ')}; ${hint}`
  )
}

async function subdirectories(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true })
    const names: string[] = []
    for (const entry of entries) {
      // A version directory may be a symlink to the real tree.
      if (
        entry.isDirectory() ||
        (entry.isSymbolicLink() && (await existsAsDirectory(join(root, entry.name))))
      ) {
        names.push(entry.name)
      }
    }
    return names.sort()
  } catch {
    return []
  }
}

export interface FirmwareLookup {
  projectRoot: string
  /** The firmware-dir setting, absolute. */
  override?: string
  label: InputLabel
}

/** The firmware tree to pack: firmware-dir, else <project>/firmware, else the initramfs's. */
export async function findFirmwareSource(lookup: FirmwareLookup): Promise<string> {
  const { label } = lookup
  if (lookup.override) return explicitDirectory(lookup.override, label('firmware-dir'))
  const tried = [
    join(lookup.projectRoot, 'firmware'),
    join(lookup.projectRoot, 'initramfs/lib/firmware')
  ]
  const found = await firstDirectory(tried)
  if (found) return found
  throw new MissingDirectoryError(
    `no firmware tree: tried ${tried.join(', ')}; set ${label('firmware-dir')}, or set ${label('flists')} to modules to skip the firmware flist`
  )
}
