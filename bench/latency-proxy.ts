// A loopback HTTP proxy that holds every request 50 ms (or as asked) before passing it on, as a
// runner far from its S3 endpoint sees. Headers go through untouched, so signatures still match.
import { Agent, createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { forwardRequest, openSockets } from '../peers/forward.js'

export interface LatencyProxy {
  endpoint: string
  port: number
  requests: number
  /** Requests by kind: GET, PUT, HEAD, LIST (a GET of the bucket itself), … */
  byKind: Record<string, number>
  stop(): Promise<void>
}

export async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target)
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity })
  const proxy = { requests: 0, byKind: {} as Record<string, number> }
  const server: Server = createServer((incoming, outgoing) => {
    proxy.requests++
    const path = new URL(incoming.url ?? '/', 'http://proxy').pathname
    const kind =
      incoming.method === 'GET' && path.split('/').filter(Boolean).length === 1
        ? 'LIST'
        : (incoming.method ?? 'GET')
    proxy.byKind[kind] = (proxy.byKind[kind] ?? 0) + 1
    const held = sleep(delayMs)
    const body: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => body.push(chunk))
    incoming.on('end', async () => {
      await held
      forwardRequest(incoming, outgoing, Buffer.concat(body), upstream, agent)
    })
  })
  const sockets = openSockets(server)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(proxy, {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      for (const socket of sockets) socket.destroy()
      agent.destroy()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  })
}
