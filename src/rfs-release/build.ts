import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError, oneLine } from '../common/errors.js'
import type { RfsLog } from './log.js'
import { describeExit, runProgram } from './run.js'
import type { InputLabel } from '../common/input-label.js'

const FEATURE = 'build-binary'

/**
 * Whether Cargo.toml declares the `build-binary` feature, which rfs needs for its binary. A crate
 * without it (a fork, a stand-in) would make `--features build-binary` fail, so it is only asked
 * for when declared. A plain scan is enough for the two spellings TOML allows here.
 */
export function declaresBuildBinary(cargoToml: string): boolean {
  let inFeatures = false
  for (const raw of cargoToml.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim()
    const table = /^\[\s*([^\]]+?)\s*\]$/.exec(line)
    if (table) {
      inFeatures = table[1] === 'features'
      continue
    }
    if (inFeatures && /^"?build-binary"?\s*=/.test(line)) return true
    if (/^features\s*\.\s*"?build-binary"?\s*=/.test(line)) return true
  }
  return false
}

/** The host triple, as rustc reports it. */
async function hostTriple(): Promise<string | undefined> {
  try {
    const result = await runProgram('rustc', ['-vV'])
    return /^host:\s*(\S+)/m.exec(result.stdout)?.[1]
  } catch {
    return undefined
  }
}

/** Whether the Rust standard library for this target is installed (rustup, or a bare sysroot). */
async function targetInstalled(triple: string): Promise<boolean> {
  try {
    const listed = await runProgram('rustup', ['target', 'list', '--installed'])
    if (listed.code === 0) return listed.stdout.split(/\s+/).includes(triple)
  } catch {
    // No rustup: a distribution toolchain; look in its sysroot instead.
  }
  try {
    const sysroot = (await runProgram('rustc', ['--print', 'sysroot'])).stdout.trim()
    return sysroot.length > 0 && existsSync(join(sysroot, 'lib', 'rustlib', triple, 'lib'))
  } catch {
    return false
  }
}

/**
 * The static musl target of this machine's architecture when it is installed (a binary that runs
 * on any Linux, like the released one), else undefined for a host build.
 */
export async function chooseTarget(): Promise<string | undefined> {
  const host = await hostTriple()
  const arch = host?.split('-')[0]
  if (!arch) return undefined
  const musl = `${arch}-unknown-linux-musl`
  return host === musl || (await targetInstalled(musl)) ? musl : undefined
}

interface CompilerArtifact {
  reason?: string
  target?: { name?: string; kind?: string[] }
  executable?: string | null
}

/**
 * `cargo build --release` in the source tree; returns the built binary's path as cargo reports it,
 * so CARGO_TARGET_DIR and --target layouts need no guessing.
 */
export async function cargoBuild(
  source: string,
  target: string | undefined,
  log: RfsLog,
  label: InputLabel,
  signal?: AbortSignal
): Promise<string> {
  let manifest: string
  try {
    manifest = await readFile(join(source, 'Cargo.toml'), 'utf8')
  } catch {
    throw new UserError(
      `${label('rfs-source')}: ${source} has no Cargo.toml; point ${label('rfs-source')} at the rfs crate`
    )
  }
  const args = ['build', '--release', '--bin', 'rfs', '--message-format=json-render-diagnostics']
  if (declaresBuildBinary(manifest)) args.push('--features', FEATURE)
  if (target) args.push('--target', target)

  let executable: string | undefined
  // Inside the phase's log group: GitHub does not nest groups.
  log.info(`Building rfs from ${source}${target ? ` for ${target}` : ''}`)
  log.info(`cargo ${args.join(' ')}`)
  let result
  try {
    result = await runProgram('cargo', args, {
      cwd: source,
      env: { ...process.env, CARGO_TERM_COLOR: 'never' },
      signal,
      captureStdout: false,
      tailFrom: ['stderr'],
      onLine: (line, stream) => {
        if (stream === 'stderr') return log.info(line)
        const message = parseMessage(line)
        if (
          message?.reason === 'compiler-artifact' &&
          message.target?.name === 'rfs' &&
          message.executable
        ) {
          executable = message.executable
        }
      }
    })
  } catch (error) {
    throw new UserError(
      `Could not run cargo to build rfs (${oneLine(error)}); install Rust or set ${label.set('rfs-build', 'never')}`
    )
  }
  if (result.code !== 0) {
    for (const line of result.tail) log.info(line)
    const cause = result.tail.filter(line => /^error/.test(line))[0]
    throw new UserError(
      `Building rfs from ${source} failed: cargo ${describeExit(result)}${cause ? ` (${oneLine(cause)})` : ''}`
    )
  }
  if (!executable)
    throw new UserError(
      `Building rfs from ${source} produced no rfs binary; does the crate have a bin named rfs?`
    )
  return executable
}

function parseMessage(line: string): CompilerArtifact | undefined {
  if (!line.startsWith('{')) return undefined
  try {
    return JSON.parse(line) as CompilerArtifact
  } catch {
    return undefined
  }
}
