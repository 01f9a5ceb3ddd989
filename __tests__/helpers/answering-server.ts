// A real HTTP server on loopback that gives every request the same answer: an endpoint that is
// up but is no S3 server (a web server's welcome page, a proxy's error page).
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface AnsweringServer {
  endpoint: string
  /** Method and path of every request it got. */
  requests: string[]
  close(): Promise<void>
}

export async function startAnsweringServer(
  status: number,
  type: string,
  body: string
): Promise<AnsweringServer> {
  const requests: string[] = []
  const server: Server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`)
    request.resume()
    response.writeHead(status, { 'content-type': type }).end(body)
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
}
