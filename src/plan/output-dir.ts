// The directories a run writes to (the output directory, dir:// stores), checked while planning so
// that a path the run cannot write ends it with one line before anything is packed. Directories
// are created one level at a time: Node's recursive mkdir loops forever under /proc, where mkdir
// answers ENOENT for a parent that exists.
import { randomBytes } from 'node:crypto'
import { access, constants, mkdir, open, realpath, rm, stat, statfs } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { UserError } from '../common/errors.js'
import { describeOsError } from '../common/os-error.js'

const PATH_MAX = 4095
const NAME_MAX = 255

export interface WritableDirOptions {
  /** Create the missing directories and try a file in the last one; false: look only. */
  create: boolean
}

/**
 * Makes sure `path` is (or can become) a directory the run can write, and returns its real path
 * (symlinks resolved; a part that does not exist yet is appended as given). `subject` names the
 * setting in messages (`output-dir`, `store dir:///srv/blobs`).
 */
export async function prepareWritableDir(
  path: string,
  subject: string,
  options: WritableDirOptions
): Promise<string> {
  const absolute = resolve(path)
  checkLength(absolute, subject)
  const parts = absolute.split(sep).filter(part => part !== '')
  let existing: string = sep
  let found = 0
  for (; found < parts.length; found++) {
    const next = join(existing, parts[found])
    const kind = await entryKind(next, absolute, subject)
    if (kind === 'missing') break
    if (kind === 'file') {
      throw new UserError(
        next === absolute
          ? `${subject} ${absolute} is a file, not a directory: remove it or choose another ${subject}`
          : `${subject} ${absolute} is under ${next}, which is a file, not a directory: choose another ${subject}`
      )
    }
    existing = next
  }
  await refuseKernelFileSystem(existing, absolute, subject)
  if (!options.create) {
    await mayWrite(existing, absolute, subject)
    return join(await realpath(existing), ...parts.slice(found))
  }
  let made: string = existing
  for (const part of parts.slice(found)) {
    made = join(made, part)
    await makeOne(made, absolute, subject)
  }
  await tryWriting(absolute, subject)
  return realpath(absolute)
}

function checkLength(path: string, subject: string): void {
  if (Buffer.byteLength(path) > PATH_MAX) {
    throw new UserError(
      `${subject} is ${Buffer.byteLength(path)} bytes long, over the system's limit of ${PATH_MAX} for a path (PATH_MAX): choose a shorter ${subject}`
    )
  }
  const long = path.split(sep).find(part => Buffer.byteLength(part) > NAME_MAX)
  if (long !== undefined) {
    throw new UserError(
      `${subject} has a component of ${Buffer.byteLength(long)} bytes, over the system's limit of ${NAME_MAX} for a name (NAME_MAX): choose a shorter ${subject}`
    )
  }
}

async function entryKind(
  path: string,
  target: string,
  subject: string
): Promise<'directory' | 'file' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file'
  } catch (error) {
    if (osCode(error) === 'ENOENT') return 'missing'
    throw new UserError(
      `${subject} ${target}: cannot look at ${path} (${describeOsError(error)}): choose another ${subject}`
    )
  }
}

async function makeOne(path: string, target: string, subject: string): Promise<void> {
  try {
    await mkdir(path)
  } catch (error) {
    const code = osCode(error)
    // Another run may create it at the same moment.
    if (code === 'EEXIST' && (await stat(path).catch(() => undefined))?.isDirectory()) return
    const why =
      code === 'ENOENT'
        ? `${dirname(path)} does not take new directories (a kernel file system such as /proc or /sys)`
        : describeOsError(error)
    throw new UserError(
      `${subject} ${target}: cannot create ${path}: ${why}: choose a writable ${subject}`
    )
  }
}

/** A file created and removed again: the only test that holds on every file system, as root too. */
async function tryWriting(dir: string, subject: string): Promise<void> {
  const probe = join(dir, `.write-test-${randomBytes(6).toString('hex')}`)
  try {
    await (await open(probe, 'wx')).close()
  } catch (error) {
    throw new UserError(
      `${subject} ${dir} does not take new files (${describeOsError(error)}): choose a writable ${subject}`
    )
  }
  await rm(probe, { force: true })
}

async function mayWrite(existing: string, target: string, subject: string): Promise<void> {
  try {
    await access(existing, constants.W_OK)
  } catch (error) {
    throw new UserError(
      `${subject} ${target}: ${existing} is not writable (${describeOsError(error)}): choose a writable ${subject}`
    )
  }
}

// statfs f_type of the file systems the kernel makes up: nothing written there is a file.
const KERNEL_FILE_SYSTEMS: Record<number, string> = {
  0x9fa0: 'proc',
  0x62656572: 'sysfs',
  0x27e0eb: 'cgroup',
  0x63677270: 'cgroup2',
  0x1cd1: 'devpts',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x73636673: 'securityfs',
  0xcafe4a11: 'bpf'
}

async function refuseKernelFileSystem(dir: string, target: string, subject: string): Promise<void> {
  const type = (await statfs(dir).catch(() => undefined))?.type
  const name = type === undefined ? undefined : KERNEL_FILE_SYSTEMS[type]
  if (name === undefined) return
  throw new UserError(
    `${subject} ${target} is on ${dir}, a kernel file system (${name}) that holds no files: choose a writable ${subject}`
  )
}

function osCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code
}

/** Whether `inner` is `outer` or inside it; both real paths. */
export function isWithin(inner: string, outer: string): boolean {
  if (inner === outer) return true
  return inner.startsWith(outer.endsWith(sep) ? outer : outer + sep)
}
