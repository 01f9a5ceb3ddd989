import { isIP } from 'node:net'
import type { StoreSpec } from '../settings.js'

/**
 * Why Zero-OS nodes could not read blobs through this route, or undefined when they may. Routes
 * are what nodes use at boot; an address only the CI machine reaches makes a flist that packs and
 * verifies here and fails to mount everywhere else.
 */
export function unreachableReason(route: StoreSpec, publishing: boolean): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(route.url)?.[1]?.toLowerCase()
  if (scheme === 'dir') {
    return publishing ? 'is a directory on the machine that packed it' : undefined
  }
  const host = hostOf(route.url)
  if (host === undefined) return undefined
  if (host === 'localhost' || host.endsWith('.localhost')) return 'names the loopback host'
  const kind = addressKind(host)
  return kind && `names a ${kind} address`
}

/** One warning line per route that nodes will not reach. */
export function routeWarnings(routes: readonly StoreSpec[], publishing: boolean): string[] {
  return routes.flatMap(route => {
    const reason = unreachableReason(route, publishing)
    return reason
      ? [
          `route ${route.url} ${reason}, which Zero-OS nodes will not reach; set read-store to an address they can reach`
        ]
      : []
  })
}

function hostOf(url: string): string | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(url)?.[1]
  if (authority === undefined) return undefined
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  const bracketed = /^\[([^\]]+)\]/.exec(hostPort)
  return (bracketed ? bracketed[1] : hostPort.replace(/:\d*$/, '')).toLowerCase()
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
