import { isIP } from 'node:net'
import type { StoreSpec } from '../store-url/spec.js'
import { storeScheme, urlHost } from '../store-url/url.js'
import type { InputLabel } from '../common/input-label.js'

/**
 * Why Zero-OS nodes could not read blobs through this route, or undefined when they may. Routes
 * are what nodes use at boot; an address only the CI machine reaches makes a flist that packs and
 * verifies here and fails to mount everywhere else.
 */
export function unreachableReason(route: StoreSpec, publishing: boolean): string | undefined {
  if (storeScheme(route.url) === 'dir') {
    return publishing ? 'is a directory on the machine that packed it' : undefined
  }
  const host = urlHost(route.url)
  if (host === undefined) return undefined
  if (host === 'localhost' || host.endsWith('.localhost')) return 'names the loopback host'
  const kind = addressKind(host)
  return kind && `names a ${kind} address`
}

/**
 * Why the rfs releases cannot open this route, or undefined when they can. rfs opens a store for
 * every route of an flist when it mounts or unpacks it, so one such route makes the whole flist
 * unusable on a node that runs a release.
 */
export function unopenableReason(route: StoreSpec, label: InputLabel): string | undefined {
  const scheme = storeScheme(route.url)
  if (scheme !== 'http' && scheme !== 'https') return undefined
  return (
    `uses the ${scheme} scheme, which no rfs release opens (v2.0.6 and v2.0.7 stop with ` +
    `"unknown store type '${scheme}'"; only rfs builds after v2.0.7 read it): nodes running a ` +
    `release cannot mount the flist; for them, route to the bucket itself with an s3:// (s3s://) ` +
    `${label('read-store')} on a bucket that allows anonymous reads`
  )
}

/** One warning line per route that nodes will not reach or cannot open. */
export function routeWarnings(
  routes: readonly StoreSpec[],
  publishing: boolean,
  label: InputLabel
): string[] {
  return routes.flatMap(route => {
    const warnings: string[] = []
    const unreachable = unreachableReason(route, publishing)
    if (unreachable) {
      warnings.push(
        `route ${route.url} ${unreachable}, which Zero-OS nodes will not reach; set ${label('read-store')} to an address they can reach`
      )
    }
    const unopenable = unopenableReason(route, label)
    if (unopenable) warnings.push(`route ${route.url} ${unopenable}`)
    return warnings
  })
}

function addressKind(host: string): 'loopback' | 'private' | 'link-local' | undefined {
  if (isIP(host) === 4) {
    const [a, b] = host.split('.').map(Number)
    if (a === 127 || a === 0) return 'loopback'
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private'
    if (a === 100 && b >= 64 && b <= 127) return 'private'
    if (a === 169 && b === 254) return 'link-local'
    return undefined
  }
  if (isIP(host) === 6) {
    if (host === '::1' || host === '::') return 'loopback'
    if (/^f[cd]/.test(host)) return 'private'
    if (/^fe[89ab]/.test(host)) return 'link-local'
  }
  return undefined
}
