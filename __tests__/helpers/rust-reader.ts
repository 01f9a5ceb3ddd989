// The flist reader in __tests__/rust-reader: built with cargo on first use (target/ keeps the
// build between runs), then run on a flist, its source tree and the stores to read from.
import { execFile, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REPO_ROOT } from './action.js'

const run = promisify(execFile)
const CRATE = join(REPO_ROOT, '__tests__', 'rust-reader')
export const READER = join(CRATE, 'target', 'release', 'flist-reader')

/** Builds the reader (a no-op once target/ is current). */
export async function buildReader(): Promise<string> {
  // rustup puts cargo in ~/.cargo/bin, which a non-login shell may not have on PATH.
  const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin')
  await run('cargo', ['build', '--release', '--locked', '--quiet'], {
    cwd: CRATE,
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:${cargoBin}` },
    maxBuffer: 16 << 20
  })
  return READER
}

export interface ReaderRun {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * Unpacks `flist` into a fresh directory and compares it with `source`. Without `stores`, the
 * blobs come through the flist's own routes; `s3Secret` signs S3 routes whose password was
 * stripped.
 */
export function readFlist(
  flist: string,
  source: string,
  options: { stores?: string[]; s3Secret?: string } = {}
): ReaderRun {
  const work = mkdtempSync(join(tmpdir(), 'flist-reader-'))
  try {
    const args = ['--flist', flist, '--source', source, '--out', join(work, 'tree')]
    for (const store of options.stores ?? []) args.push('--store', store)
    const env = { ...process.env, FLIST_READER_S3_SECRET: options.s3Secret }
    if (options.s3Secret === undefined) delete env.FLIST_READER_S3_SECRET
    const result = spawnSync(READER, args, { encoding: 'utf8', env, timeout: 300_000 })
    return { code: result.status, stdout: result.stdout, stderr: result.stderr }
  } finally {
    spawnSync('chmod', ['-R', 'u+rwx', work])
    rmSync(work, { recursive: true, force: true })
  }
}
