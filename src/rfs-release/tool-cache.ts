import * as tc from '@actions/tool-cache'
import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { oneLine } from '../common/errors.js'
import { existsAsExecutable } from './locate.js'
import type { RfsLog } from './log.js'

const TOOL = 'rfs'

/**
 * Where downloaded binaries are kept between runs. On a runner that is RUNNER_TOOL_CACHE. In a shell
 * run it is the user's cache directory, so a laptop downloads each release once; @actions/tool-cache
 * only reads RUNNER_TOOL_CACHE, so the variable is set for this process. Undefined when no
 * directory can be made, and the binary is then used from where it was downloaded.
 */
export function toolCacheRoot(log: RfsLog): string | undefined {
  const given = process.env.RUNNER_TOOL_CACHE
  if (given) return given
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache')
  const local = join(base, 'rfs-flist-action', 'tool-cache')
  try {
    mkdirSync(local, { recursive: true })
  } catch (error) {
    log.warning(
      `No tool cache (RUNNER_TOOL_CACHE is not set and ${local} cannot be made: ${oneLine(error)}); rfs will not be kept between runs`
    )
    return undefined
  }
  process.env.RUNNER_TOOL_CACHE = local
  return local
}

/**
 * @actions/tool-cache files tools under their semver; a tag that is not one (a branch name, `latest`)
 * could be stored but never found again, so such versions skip the tool cache.
 */
function cacheable(version: string): boolean {
  return tc.isExplicitVersion(version)
}

/** The cached rfs binary for this release tag, if a previous run kept one. */
export function findCached(version: string, log: RfsLog): string | undefined {
  if (!cacheable(version) || !toolCacheRoot(log)) return undefined
  try {
    const dir = tc.find(TOOL, version)
    const binary = dir ? join(dir, TOOL) : ''
    return binary && existsAsExecutable(binary) ? binary : undefined
  } catch (error) {
    log.warning(`Could not look in the tool cache: ${oneLine(error)}`)
    return undefined
  }
}

/** Keeps a verified binary for later runs; returns its cached path, or undefined when not kept. */
export async function keepInToolCache(
  binary: string,
  version: string,
  log: RfsLog
): Promise<string | undefined> {
  if (!cacheable(version)) {
    log.info(`rfs ${version} is not a semver tag, so it is not kept in the tool cache`)
    return undefined
  }
  if (!toolCacheRoot(log)) return undefined
  try {
    const dir = await tc.cacheFile(binary, TOOL, TOOL, version)
    return join(dir, TOOL)
  } catch (error) {
    log.warning(`Could not keep rfs ${version} in the tool cache: ${oneLine(error)}`)
    return undefined
  }
}
