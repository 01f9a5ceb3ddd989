import * as tc from '@actions/tool-cache'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { chmod, mkdir, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UserError, oneLine } from '../errors.js'
import { redactUrl } from './redact.js'

/** The release asset of threefoldtech/rfs: the bare static musl binary, named `rfs`. */
export function defaultDownloadUrl(version: string): string {
  return `https://github.com/threefoldtech/rfs/releases/download/${encodeURIComponent(version)}/rfs`
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** A pinned digest, as users paste it: hex, any case, perhaps with a `sha256:` prefix. */
export function normaliseSha256(pin: string): string {
  const hex = pin
    .trim()
    .replace(/^sha256:/i, '')
    .toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(hex)) {
    throw new UserError(
      `rfs-sha256: "${pin}" is not a sha256 digest; give the 64 hex digits of the rfs binary`
    )
  }
  return hex
}

/** Fails unless the file's digest is the pinned one. */
export async function checkSha256(path: string, pin: string, url: string): Promise<void> {
  const expected = normaliseSha256(pin)
  const actual = await sha256File(path)
  if (actual !== expected) {
    throw new UserError(
      `rfs-sha256: the rfs binary from ${redactUrl(url)} has sha256 ${actual}, but ${expected} was pinned; ` +
        'fix rfs-sha256 or rfs-download-url'
    )
  }
}

/**
 * Downloads the binary into a fresh temporary directory and makes it executable. Redirects,
 * proxies and retries of server errors are @actions/tool-cache's; every failure is one line.
 */
export async function downloadRfs(url: string): Promise<string> {
  // RUNNER_TEMP exists on a runner; a shell run may name one that does not exist yet.
  const temp = process.env.RUNNER_TEMP || tmpdir()
  await mkdir(temp, { recursive: true })
  const dest = join(await mkdtemp(join(temp, 'rfs-download-')), 'rfs')
  const shown = redactUrl(url)
  try {
    await tc.downloadTool(url, dest)
  } catch (error) {
    if (error instanceof tc.HTTPError) {
      const hint =
        error.httpStatusCode === 404
          ? '; check rfs-version (a release tag) or rfs-download-url'
          : ''
      throw new UserError(
        `Could not download rfs from ${shown}: HTTP ${error.httpStatusCode}${hint}`
      )
    }
    throw new UserError(`Could not download rfs from ${shown}: ${oneLine(error)}`)
  }
  await chmod(dest, 0o755)
  return dest
}
