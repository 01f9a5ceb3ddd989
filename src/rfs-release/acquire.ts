import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { UserError, isUserError, oneLine } from '../common/errors.js'
import { buildCacheKey, restoreBuilt, saveBuilt, sourceFingerprint } from './build-cache.js'
import { cargoBuild, chooseTarget } from './build.js'
import { fileSha256 } from '../common/sha256.js'
import { checkSha256, defaultDownloadUrl, downloadRfs, normaliseSha256 } from './download.js'
import { fromInput, inSourceTree, onPath } from './locate.js'
import { runnerLog, type RfsLog } from './log.js'
import { redactUrl } from '../store-url/redact.js'
import { findCached, keepInToolCache } from './tool-cache.js'
import { probeRfsVersion } from './rfs-version-probe.js'
import type { AcquiredRfs, RfsOrigin, RfsSettings } from './rfs-settings.js'
import type { InputLabel } from '../common/input-label.js'

export interface AcquireOptions {
  log?: RfsLog
  signal?: AbortSignal
  /** The PATH to search; this process's by default. */
  pathVariable?: string
}

/** What a run without a usable rfs binary can do instead. */
function waysForward(label: InputLabel): string {
  return (
    `set ${label('rfs-path')} to an rfs binary, ${label('rfs-download-url')} with ${label('rfs-sha256')} ` +
    `to a copy this machine can reach, ${label.set('rfs-build', 'auto')} with ${label('rfs-source')} to ` +
    `build one, or use ${label.set('engine', 'native')}, which needs no rfs binary`
  )
}

/** A download failure that must not be papered over by building instead. */
class PinMismatch extends UserError {}

/**
 * Finds, fetches or builds rfs, first that works:
 *
 * 1. `rfs-path`, which must be right, since the user named it;
 * 2. `rfs-build: always` goes straight to a fresh build, ignoring every binary below;
 * 3. `rfs` on PATH;
 * 4. a binary already built in the rfs source tree (`components/rfs/target/…/release/rfs`);
 * 5. the tool cache, for the `rfs-version` release;
 * 6. a download of that release (checked against `rfs-sha256`), kept in the tool cache;
 * 7. unless `rfs-build: never`, a build from `rfs-source`, restored from @actions/cache when the
 *    same source was built before.
 *
 * PATH comes before the tool cache on purpose: the tool cache only ever holds what this action
 * downloaded for `rfs-version`, while an rfs on PATH was put there by the job itself (a build
 * container, a setup step), as the Zero-OS build scripts expect. Both come before any network
 * access, so a warm runner works offline. A defaulted `rfs-version` is no sign of intent, so any
 * rfs found on PATH or in the source tree will do; an `rfs-version` the user set is what runs, and
 * a binary found there of another version is skipped (the tool cache is filed by release tag).
 */
export async function acquireRfs(
  settings: RfsSettings,
  projectRoot: string,
  options: AcquireOptions = {}
): Promise<AcquiredRfs> {
  const log = options.log ?? runnerLog
  // A malformed pin is a mistake in the workflow, not a reason to fall back to building.
  if (settings.sha256) normaliseSha256(settings.sha256, settings.label)
  const found = await locate(settings, projectRoot, options, log)
  log.info(
    `Using rfs ${found.version} (${describeOrigin(found.source, settings.label)}): ${found.path}`
  )
  return found
}

async function locate(
  settings: RfsSettings,
  projectRoot: string,
  options: AcquireOptions,
  log: RfsLog
): Promise<AcquiredRfs> {
  const { label } = settings
  if (settings.path) {
    if (settings.build === 'always')
      log.warning(
        `${label.set('rfs-build', 'always')} is ignored because ${label('rfs-path')} names a binary`
      )
    const path = fromInput(settings.path, projectRoot, label)
    const version = await probeRfsVersion(path, `${label('rfs-path')}:`)
    if (settings.versionGiven && !sameVersion(version, settings.version)) {
      log.warning(
        `${label('rfs-path')} ${path} is rfs ${version}, not the ${label('rfs-version')} ${settings.version}; it runs because ${label('rfs-path')} names it`
      )
    }
    return { path, version, source: 'input' }
  }
  if (settings.build === 'always') return build(settings, log, options.signal, false)

  const candidates: Array<[RfsOrigin, string | undefined]> = [
    ['path', onPath(options.pathVariable ?? process.env.PATH)],
    ['components', inSourceTree(settings.source)]
  ]
  for (const [source, path] of candidates) {
    if (!path) continue
    const version = await tryVersion(path, log)
    if (!version) continue
    if (settings.versionGiven && !sameVersion(version, settings.version)) {
      log.info(
        `Skipping rfs ${version} ${describeOrigin(source, label)} (${path}): ${label('rfs-version')} is ${settings.version}`
      )
      continue
    }
    return { path, version, source }
  }

  const cached = await fromToolCache(settings, log)
  if (cached) return cached

  let downloadFailure: UserError
  try {
    return await download(settings, log)
  } catch (error) {
    if (!isUserError(error) || error instanceof PinMismatch) throw error
    downloadFailure = error
  }
  if (settings.build === 'never') {
    throw new UserError(
      `No rfs binary: none on PATH, in ${settings.source}/target or the tool cache, ` +
        `${lowerFirst(downloadFailure.message)}, and ${label('rfs-build')} is never; ${waysForward(label)}`
    )
  }
  if (!existsSync(join(settings.source, 'Cargo.toml'))) {
    throw new UserError(
      `No rfs binary: none on PATH, in ${settings.source}/target or the tool cache, ` +
        `${lowerFirst(downloadFailure.message)}, and there is no rfs source to build at ${settings.source}; ` +
        waysForward(label)
    )
  }
  log.warning(`${downloadFailure.message}; building rfs from ${settings.source} instead`)
  return build(settings, log, options.signal, true)
}

/** A binary found lying around that does not run is skipped, not fatal. */
async function tryVersion(path: string, log: RfsLog): Promise<string | undefined> {
  try {
    return await probeRfsVersion(path, 'rfs')
  } catch (error) {
    log.warning(`Skipping ${oneLine(error)}`)
    return undefined
  }
}

async function fromToolCache(settings: RfsSettings, log: RfsLog): Promise<AcquiredRfs | undefined> {
  const path = findCached(settings.version, log)
  if (!path) return undefined
  if (settings.sha256) {
    const actual = await fileSha256(path)
    if (actual !== normaliseSha256(settings.sha256, settings.label)) {
      log.warning(
        `The cached rfs ${settings.version} has sha256 ${actual}, not the pinned one; downloading it again`
      )
      return undefined
    }
  }
  const version = await tryVersion(path, log)
  return version ? { path, version, source: 'tool-cache' } : undefined
}

async function download(settings: RfsSettings, log: RfsLog): Promise<AcquiredRfs> {
  const url = settings.downloadUrl || defaultDownloadUrl(settings.version)
  log.info(`Downloading rfs ${settings.version} from ${redactUrl(url)}`)
  const fetched = await downloadRfs(url, settings.label)
  if (settings.sha256) {
    try {
      await checkSha256(fetched, settings.sha256, url, settings.label)
    } catch (error) {
      throw new PinMismatch(oneLine(error))
    }
  }
  const version = await probeRfsVersion(fetched, `the rfs downloaded from ${redactUrl(url)},`)
  const kept = await keepInToolCache(fetched, settings.version, log)
  if (kept) await rm(dirname(fetched), { recursive: true, force: true })
  return { path: kept ?? fetched, version, source: 'download' }
}

async function build(
  settings: RfsSettings,
  log: RfsLog,
  signal: AbortSignal | undefined,
  mayRestore: boolean
): Promise<AcquiredRfs> {
  const { label, source } = settings
  if (settings.build === 'never') {
    throw new UserError(`${label.set('rfs-build', 'never')} forbids building rfs`)
  }
  if (!existsSync(join(source, 'Cargo.toml'))) {
    throw new UserError(
      `${label('rfs-source')}: ${source} has no Cargo.toml; point ${label('rfs-source')} at the rfs crate`
    )
  }
  const target = await chooseTarget()
  const key = buildCacheKey(await sourceFingerprint(source), target)
  if (mayRestore) {
    const restored = await restoreBuilt(source, key, log)
    const version = restored && (await tryVersion(restored, log))
    if (restored && version) return { path: restored, version, source: 'cache' }
  }
  const binary = await cargoBuild(source, target, log, label, signal)
  const version = await probeRfsVersion(binary, `the rfs built from ${source},`)
  await saveBuilt(binary, source, key, log)
  return { path: binary, version, source: 'build' }
}

/**
 * Whether a binary's `--version` is the release tag: `rfs v2.0.6` and `rfs 2.0.6` are v2.0.6, a
 * later build (`v2.0.6-3-gabc123`) is not.
 */
function sameVersion(reported: string, tag: string): boolean {
  const bare = (version: string): string => version.replace(/^v/i, '')
  return bare(reported) === bare(tag)
}

function describeOrigin(source: RfsOrigin, label: InputLabel): string {
  const words: Record<RfsOrigin, string> = {
    input: label('rfs-path'),
    path: 'found on PATH',
    components: 'built earlier in the source tree',
    'tool-cache': 'from the tool cache',
    download: 'downloaded',
    cache: 'an earlier build, restored from the cache',
    build: 'built from source'
  }
  return words[source]
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
