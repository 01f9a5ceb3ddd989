// Forwarding for the loopback proxies of the tests and the bench: a request goes on to the real
// server with its headers untouched, so V4 signatures still match, and the answer comes back.
import {
  request,
  type Agent,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import type { Socket } from 'node:net'

/** Sends the request, with the body already read, to `upstream`; a failure there resets the client. */
export function forwardRequest(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  body: Buffer,
  upstream: URL,
  agent?: Agent
): void {
  const forward = request(
    {
      agent,
      host: upstream.hostname,
      port: upstream.port,
      method: incoming.method,
      path: incoming.url,
      headers: incoming.headers
    },
    answer => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(outgoing)
    }
  )
  forward.on('error', () => incoming.socket.destroy())
  forward.end(body)
}

/** The server's open sockets, kept up to date, so that stopping it need not wait for clients. */
export function openSockets(server: Server): Set<Socket> {
  const sockets = new Set<Socket>()
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  return sockets
}
