// One object PUT, signed with the SDK's own SigV4 signer and sent on the session's keep-alive
// agents, without the SDK's command machinery. A pack sends one PUT per blob, thousands per run,
// and a command resolves its middleware stack, endpoint rules and schemas again for each of them,
// which made the client, not the server, set the pace of uploads (docs/performance.md). The SDK
// keeps every other request, where its parsing of answers is worth what it costs.
import { request as httpRequest, type Agent, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { S3Client } from '@aws-sdk/client-s3'
import { SignatureV4 } from '@smithy/signature-v4'
import { decodeXmlText } from './xml-text.js'
import { ACTION_NAME, ACTION_VERSION } from '../common/action-version.js'

/** Bytes of an error answer read for its code and message; S3 error documents are small. */
const ERROR_BODY_LIMIT = 64 * 1024
/** An answer slower than this says nothing of the server's clock now (the SDK's bound too). */
const CLOCK_SAMPLE_MS = 15 * 60 * 1000

/** A refusal or failure answer, shaped as the SDK's errors so retries and messages treat both alike. */
export class S3AnswerError extends Error {
  readonly $metadata: { httpStatusCode: number }

  constructor(name: string, message: string, status: number) {
    super(message)
    this.name = name
    this.$metadata = { httpStatusCode: status }
  }
}

export interface PutAgents {
  http: Agent
  https: Agent
}

export class ObjectPutter {
  private readonly base: URL
  private readonly signer: SignatureV4 | undefined

  /** `signed`: false for a connection read and written anonymously. */
  constructor(
    endpoint: string,
    private readonly client: S3Client,
    private readonly agents: PutAgents,
    signed: boolean
  ) {
    this.base = new URL(endpoint)
    const { config } = client
    this.signer = signed
      ? new SignatureV4({
          credentials: config.credentials,
          region: config.region,
          service: 's3',
          sha256: config.sha256,
          // S3 signs the path as sent, each segment escaped once (objectPath does it).
          uriEscapePath: false
        })
      : undefined
  }

  async put(bucket: string, key: string, body: Uint8Array, signal: AbortSignal): Promise<void> {
    const { base } = this
    const request = {
      method: 'PUT',
      protocol: base.protocol,
      // An IPv6 literal is bracketed in URLs, not in socket addresses.
      hostname: base.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: base.port === '' ? undefined : Number(base.port),
      path: `${base.pathname.replace(/\/+$/, '')}/${objectPath(bucket, key)}`,
      query: {},
      headers: {
        host: base.host,
        'content-type': 'application/octet-stream',
        'content-length': String(body.byteLength),
        'user-agent': `${ACTION_NAME}/${ACTION_VERSION}`
      },
      body
    }
    const sent = Date.now()
    const headers = this.signer
      ? (
          await this.signer.sign(request, {
            signingDate: new Date(sent + this.client.config.systemClockOffset)
          })
        ).headers
      : request.headers
    const https = base.protocol === 'https:'
    const { method, hostname, port, path } = request
    const answer = await send(https, body, {
      method,
      hostname,
      port,
      path,
      headers,
      signal,
      agent: https ? this.agents.https : this.agents.http
    })
    this.takeServerClock(answer, sent)
    if (answer.status >= 200 && answer.status < 300) return
    throw answerError(answer.status, answer.body)
  }

  /**
   * Requests are signed in the server's time, taken from each answer as the SDK takes it: a
   * runner whose clock is off is refused once (RequestTimeTooSkewed, retried), and the retry and
   * every later request, through the SDK too, are signed right. A copy a cache kept (Age) does
   * not tell the time.
   */
  private takeServerClock(answer: Answer, sent: number): void {
    if (answer.date === undefined || answer.age !== undefined) return
    const server = Date.parse(answer.date)
    const received = Date.now()
    if (Number.isNaN(server) || received - sent > CLOCK_SAMPLE_MS) return
    this.client.config.systemClockOffset = server - received
  }
}

interface Answer {
  status: number
  date?: string
  age?: string
  body: string
}

function send(https: boolean, body: Uint8Array, options: RequestOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = (https ? httpsRequest : httpRequest)(options, response => {
      const status = response.statusCode ?? 0
      const chunks: Buffer[] = []
      let length = 0
      response.on('data', (chunk: Buffer) => {
        // A success answer's body is ignored; an error's is read for its code and message.
        if (status < 300 || length >= ERROR_BODY_LIMIT) return
        chunks.push(chunk)
        length += chunk.length
      })
      response.on('end', () =>
        resolve({
          status,
          date: response.headers.date,
          age: response.headers.age,
          body: Buffer.concat(chunks).toString()
        })
      )
      response.on('error', reject)
    })
    sent.on('error', reject)
    sent.end(body)
  })
}

/** `bucket/key` with each segment of the key escaped once, as S3 signs and reads it. */
export function objectPath(bucket: string, key: string): string {
  return [bucket, ...key.split('/')].map(escapeSegment).join('/')
}

function escapeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(
    /[!'()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  )
}

/** The S3 error document's code and message; an answer without one is named by its status. */
function answerError(status: number, body: string): S3AnswerError {
  const code = xmlField(body, 'Code')
  const message = xmlField(body, 'Message')
  if (code === undefined) return new S3AnswerError('Unknown', 'UnknownError', status)
  return new S3AnswerError(code, message ?? code, status)
}

function xmlField(body: string, name: string): string | undefined {
  const found = new RegExp(`<${name}>(?:<!\\[CDATA\\[([^]*?)\\]\\]>|([^<]*))</${name}>`).exec(body)
  if (found?.[1] !== undefined) return found[1]
  const text = found?.[2]
  return text === undefined ? undefined : (decodeXmlText(text) ?? text)
}
