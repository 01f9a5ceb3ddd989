// A loopback HTTP proxy in front of an S3 server that fails a chosen share of requests the ways
// real endpoints do: 503, 503 SlowDown, a connection reset, or a stall past the client's timeout.
// It can also hold chosen requests until released, and answer a conditional create
// (`If-None-Match: *`) over an existing key with 412, as AWS S3 and MinIO do.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { forwardRequest, openSockets } from '../../peers/forward.js'

export type Fault = '503' | 'slowdown' | 'reset' | 'stall'

export interface FaultyProxy {
  endpoint: string
  /** Requests seen, and how many of them were failed on purpose. */
  stats: { requests: number; failed: number; byFault: Record<Fault, number> }
  setFailureRate(rate: number): void
  /** Bucket listings wait until this is called, when the proxy was started with `holdListings`. */
  releaseListings(): void
  /** Method and path of every request, in arrival order. */
  log: Array<{ method: string; path: string }>
  /** Lets the requests held by `hold` go on (those whose client is still waiting). */
  releaseHeld(): void
  stop(): Promise<void>
}

const ALL_FAULTS: Fault[] = ['503', 'slowdown', 'reset', 'stall']

/** A small deterministic generator, so a failing run can be replayed. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function s3Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`
}

/** A GET of the bucket itself (path style): ListObjects, either version. */
function isListing(incoming: IncomingMessage): boolean {
  const { pathname } = new URL(incoming.url ?? '/', 'http://proxy')
  return incoming.method === 'GET' && pathname.split('/').filter(Boolean).length === 1
}

export async function startFaultyProxy(
  target: string,
  options: {
    failureRate: number
    faults?: Fault[]
    seed?: number
    stallMs?: number
    holdListings?: boolean
    /** Requests to hold until `releaseHeld`; `onHeld` is told when one is. */
    hold?: (method: string, path: string) => boolean
    onHeld?: (method: string, path: string) => void
    /** Answer 412 to a PUT with `If-None-Match: *` when the key exists upstream. */
    honourIfNoneMatch?: boolean
    /** Requests answered 403 AccessDenied, every time. */
    refuse?: (method: string, path: string) => boolean
  }
): Promise<FaultyProxy> {
  const upstream = new URL(target)
  const random = mulberry32(options.seed ?? 1)
  const faults = options.faults ?? ALL_FAULTS
  let failureRate = options.failureRate
  const stats = {
    requests: 0,
    failed: 0,
    byFault: { '503': 0, slowdown: 0, reset: 0, stall: 0 } as Record<Fault, number>
  }
  const stalls = new Set<NodeJS.Timeout>()
  let releaseListings = (): void => undefined
  const listingsReleased = options.holdListings
    ? new Promise<void>(resolve => (releaseListings = resolve))
    : Promise.resolve()

  const log: Array<{ method: string; path: string }> = []
  let releaseHeld = (): void => undefined
  const heldReleased = new Promise<void>(resolve => (releaseHeld = resolve))

  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    stats.requests++
    const method = incoming.method ?? 'GET'
    const path = decodedPath(incoming.url ?? '/')
    log.push({ method, path })
    const body: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => body.push(chunk))
    incoming.on('end', async () => {
      if (options.refuse?.(method, path)) {
        outgoing.writeHead(403, { 'content-type': 'application/xml' })
        outgoing.end(s3Error('AccessDenied', 'Access Denied'))
        return
      }
      if (isListing(incoming)) await listingsReleased
      if (options.hold?.(method, path)) {
        options.onHeld?.(method, path)
        await heldReleased
        // A client that gave up meanwhile never reaches the server.
        if (incoming.socket.destroyed) return
      }
      if (
        options.honourIfNoneMatch &&
        method === 'PUT' &&
        incoming.headers['if-none-match'] === '*' &&
        (await existsUpstream(upstream, incoming.url ?? '/'))
      ) {
        outgoing.writeHead(412, { 'content-type': 'application/xml' })
        outgoing.end(s3Error('PreconditionFailed', 'At least one of the preconditions failed.'))
        return
      }
      if (random() < failureRate) {
        const fault = faults[Math.floor(random() * faults.length)]
        stats.failed++
        stats.byFault[fault]++
        switch (fault) {
          case '503':
            outgoing.writeHead(503, { 'content-type': 'application/xml' })
            outgoing.end(s3Error('ServiceUnavailable', 'Please reduce your request rate.'))
            return
          case 'slowdown':
            outgoing.writeHead(503, { 'content-type': 'application/xml' })
            outgoing.end(s3Error('SlowDown', 'Please reduce your request rate.'))
            return
          case 'reset':
            incoming.socket.destroy()
            return
          case 'stall': {
            // Answer nothing until well after the client should have given up.
            const timer = setTimeout(() => {
              stalls.delete(timer)
              incoming.socket.destroy()
            }, options.stallMs ?? 10_000)
            stalls.add(timer)
            return
          }
        }
      }
      forwardRequest(incoming, outgoing, Buffer.concat(body), upstream)
    })
  })
  const sockets = openSockets(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats,
    setFailureRate(rate: number) {
      failureRate = rate
    },
    releaseListings: () => releaseListings(),
    log,
    releaseHeld: () => releaseHeld(),
    async stop() {
      releaseListings()
      releaseHeld()
      for (const timer of stalls) clearTimeout(timer)
      for (const socket of sockets) socket.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

/** Whether the object exists upstream (s3rver answers unsigned requests). */
function existsUpstream(upstream: URL, path: string): Promise<boolean> {
  return new Promise(resolve => {
    const head = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: 'HEAD', path: path.split('?')[0] },
      answer => {
        answer.resume()
        resolve(answer.statusCode === 200)
      }
    )
    head.on('error', () => resolve(false))
    head.end()
  })
}

/** The request's path, percent-decoding undone where it is well-formed. */
function decodedPath(url: string): string {
  const { pathname } = new URL(url, 'http://proxy')
  try {
    return decodeURIComponent(pathname)
  } catch {
    return pathname
  }
}
