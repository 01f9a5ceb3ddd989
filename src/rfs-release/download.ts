import { HttpClient } from '@actions/http-client'
import { createWriteStream } from 'node:fs'
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { UserError, oneLine } from '../common/errors.js'
import { fileSha256 } from '../common/sha256.js'
import { redactUrl } from '../store-url/redact.js'
import type { InputLabel } from '../common/input-label.js'

/** The release asset of threefoldtech/rfs: the bare static musl binary, named `rfs`. */
export function defaultDownloadUrl(version: string): string {
  return `https://github.com/threefoldtech/rfs/releases/download/${encodeURIComponent(version)}/rfs`
}

/** A pinned digest, as users paste it: hex, any case, perhaps with a `sha256:` prefix. */
export function normaliseSha256(pin: string, label: InputLabel): string {
  const hex = pin
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new UserError(
      `${label('rfs-sha256')}: "${pin}" is not a sha256 digest; give the 64 hex digits of the rfs binary`
    )
  }
  return hex
}

/** Fails unless the file's digest is the pinned one. */
export async function checkSha256(
  path: string,
  pin: string,
  url: string,
  label: InputLabel
): Promise<void> {
  const expected = normaliseSha256(pin, label)
  const actual = await fileSha256(path)
  if (actual !== expected) {
    throw new UserError(
      `${label('rfs-sha256')}: the rfs binary from ${redactUrl(url)} has sha256 ${actual}, but ${expected} was pinned; ` +
        `fix ${label('rfs-sha256')} or ${label('rfs-download-url')}`
    )
  }
}

/** Failures no retry can fix: no name resolution, nothing listening, no route to the host. */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH'
])
const ATTEMPTS = 3
const RETRY_DELAY_MS = 2_000

/** An answer other than 200; 5xx, 408 and 429 may pass on another try. */
class HttpStatusError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`)
  }
}

/**
 * Downloads the binary into a fresh temporary directory and makes it executable. Redirects and
 * proxies are @actions/http-client's; server errors and dropped connections are tried again, but
 * a host that does not resolve or does not listen fails at once: waiting cannot bring it back.
 * Every failure is one line.
 */
export async function downloadRfs(url: string, label: InputLabel): Promise<string> {
  // RUNNER_TEMP exists on a runner; a shell run may name one that does not exist yet.
  const temp = process.env.RUNNER_TEMP || tmpdir()
  await mkdir(temp, { recursive: true })
  const dest = join(await mkdtemp(join(temp, 'rfs-download-')), 'rfs')
  const shown = redactUrl(url)
  try {
    if (url.startsWith('file:')) await copyFile(fileURLToPath(url), dest)
    else await fetchWithRetries(url, dest)
  } catch (error) {
    throw new UserError(`Could not download rfs from ${shown}: ${downloadFailure(error, label)}`)
  }
  await chmod(dest, 0o755)
  return dest
}

async function fetchWithRetries(url: string, dest: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetchOnce(url, dest)
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error
      await rm(dest, { force: true })
      await new Promise(done => setTimeout(done, RETRY_DELAY_MS * attempt))
    }
  }
}

async function fetchOnce(url: string, dest: string): Promise<void> {
  const client = new HttpClient('rfs-flist-action', [], { allowRetries: false })
  try {
    const response = await client.get(url)
    const status = response.message.statusCode ?? 0
    if (status !== 200) {
      response.message.resume()
      throw new HttpStatusError(status)
    }
    await pipeline(response.message, createWriteStream(dest))
  } finally {
    client.dispose()
  }
}

function isRetryable(error: unknown): boolean {
  if (error instanceof HttpStatusError) {
    return error.status >= 500 || error.status === 408 || error.status === 429
  }
  return !UNREACHABLE_CODES.has(errorCode(error) ?? '')
}

function errorCode(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' ? code : undefined
}

function downloadFailure(error: unknown, label: InputLabel): string {
  if (error instanceof HttpStatusError) {
    const hint =
      error.status === 404
        ? `; check ${label('rfs-version')} (a release tag) or ${label('rfs-download-url')}`
        : ''
    return `HTTP ${error.status}${hint}`
  }
  const code = errorCode(error)
  if (code === 'ENOENT') return 'no such file'
  if (code && UNREACHABLE_CODES.has(code)) {
    return `the host cannot be reached (${code}): no network, or a wrong host or port`
  }
  return oneLine(error)
}
