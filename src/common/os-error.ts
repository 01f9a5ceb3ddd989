// Errors of the operating system (a Node error with an errno code), told as a user reads them:
// what failed on which path, why, and what would fix it.

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is a file, not a directory',
  EISDIR: 'it is a directory',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the directory is not empty',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many levels of symbolic links',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
  ENXIO: 'no such device',
  EBUSY: 'the resource is busy'
}

const FIXES: Record<string, string> = {
  EACCES: 'give the run access to it, or choose another path',
  EPERM: 'give the run access to it, or choose another path',
  EROFS: 'choose a path on a writable file system',
  ENOENT: 'check the path, and that nothing removes it while the run goes on',
  ENOTDIR: 'check the path',
  EISDIR: 'give a file there, not a directory',
  ENAMETOOLONG: 'choose a shorter path',
  ELOOP: 'fix the symbolic links on the path',
  ENOSPC: 'free space on the device, or choose another one',
  EDQUOT: 'free space, or raise the quota',
  EMFILE: 'raise the limit of open files (ulimit -n)'
}

interface OsError {
  code: string
  syscall?: string
  path?: string
  dest?: string
}

// Checked by shape: errors made in another realm (a worker, a VM context) are no `instanceof Error`.
export function isOsError(error: unknown): error is OsError & Error {
  if (typeof error !== 'object' || error === null) return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  return typeof message === 'string' && typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)
}

/** `permission denied (EACCES)`; the message itself for anything that is not an OS error. */
export function describeOsError(error: unknown): string {
  if (!isOsError(error)) return error instanceof Error ? error.message : String(error)
  return `${REASONS[error.code] ?? error.code.toLowerCase()} (${error.code})`
}

/**
 * One line for an OS error that reached the top without a message of its own: `cannot open
 * /x/y: permission denied (EACCES): give the run access to it, or choose another path`.
 */
export function osErrorLine(error: OsError & Error): string {
  const action = error.syscall ? `${error.syscall.replace(/^uv_/, '')} ` : ''
  const where = error.path ? `${action}${error.path}${error.dest ? ` to ${error.dest}` : ''}` : ''
  const fix = FIXES[error.code]
  const subject = where === '' ? error.message : `cannot ${where}: ${describeOsError(error)}`
  return fix ? `${subject}: ${fix}` : subject
}
