// A loopback stand-in for the runner's cache service (the v1 protocol @actions/cache speaks when
// ACTIONS_CACHE_URL is set, as on Forgejo/Gitea runners), so saves and restores really happen.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CacheServer {
  /** ACTIONS_CACHE_URL, with its trailing slash. */
  url: string
  /** Keys of committed entries. */
  keys(): string[]
  stop(): Promise<void>
}

interface Entry {
  key: string
  version: string
  chunks: Array<{ start: number; data: Buffer }>
  committed: boolean
}

/** With `failing`, every request is answered 400, as a misconfigured service would. */
export async function startCacheServer(options: { failing?: boolean } = {}): Promise<CacheServer> {
  const entries: Entry[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(request.url ?? '/', 'http://localhost')
      const json = (status: number, value?: unknown): void => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(value === undefined ? undefined : JSON.stringify(value))
      }
      if (options.failing) return json(400, { message: 'no cache here' })
      const path = url.pathname
      if (request.method === 'GET' && path === '/_apis/artifactcache/cache') {
        const keys = (url.searchParams.get('keys') ?? '').split(',')
        const version = url.searchParams.get('version')
        const hit = entries.find(e => e.committed && e.version === version && keys.includes(e.key))
        if (!hit) return json(204)
        return json(200, {
          cacheKey: hit.key,
          archiveLocation: `http://127.0.0.1:${port()}/archive/${entries.indexOf(hit)}`
        })
      }
      if (request.method === 'POST' && path === '/_apis/artifactcache/caches') {
        const { key, version } = JSON.parse(body.toString()) as { key: string; version: string }
        if (entries.some(e => e.key === key && e.version === version)) return json(409, {})
        entries.push({ key, version, chunks: [], committed: false })
        // Ids start at 1: the client treats a cacheId of 0 as no id.
        return json(201, { cacheId: entries.length })
      }
      const id = /^\/_apis\/artifactcache\/caches\/(\d+)$/.exec(path)
      if (id && request.method === 'PATCH') {
        const start = Number(/bytes (\d+)-/.exec(request.headers['content-range'] ?? '')?.[1] ?? 0)
        entries[Number(id[1]) - 1].chunks.push({ start, data: body })
        return json(204)
      }
      if (id && request.method === 'POST') {
        entries[Number(id[1]) - 1].committed = true
        return json(204)
      }
      const archive = /^\/archive\/(\d+)$/.exec(path)
      if (archive && request.method === 'GET') {
        const entry = entries[Number(archive[1])]
        const data = Buffer.concat(
          [...entry.chunks].sort((a, b) => a.start - b.start).map(c => c.data)
        )
        response.writeHead(200, { 'content-length': data.length })
        return response.end(data)
      }
      json(404, {})
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (): number => (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port()}/`,
    keys: () => entries.filter(e => e.committed).map(e => e.key),
    stop: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}
