import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import {
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type HeadObjectCommandOutput,
  type S3ClientConfig
} from '@aws-sdk/client-s3'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import type { S3Connection } from '../store-url/s3.js'
import { describeS3Failure, httpStatus, isRetryableS3Error } from './errors.js'
import { ObjectPutter, type PutAgents } from './put.js'
import { DEFAULT_RETRY_POLICY, withRetry, type RetryPolicy } from './retry.js'
import type { InputLabel } from '../common/input-label.js'

/** How hard to try each S3 request. */
export interface S3RequestPolicy {
  /** Tries of one request, the first included. */
  attempts: number
  timeoutMs: number
  /**
   * S3 store URLs and connections that carry no keys are signed with the AWS SDK's default
   * credential chain (environment, web identity, profiles, instance role) instead of being read
   * anonymously: set when the S3 settings name a server but no access key.
   */
  credentialChain?: boolean
  /** Names the inputs in the advice of a failure, as the run was given them. */
  label?: InputLabel
}

export interface S3SessionOptions {
  retry?: RetryPolicy
  /** Limit of one request, retries apart: a stalled server must not hang the job. */
  requestTimeoutMs?: number
  /** Parallel connections; uploads beyond it queue in the agent. */
  maxSockets?: number
  /** Cancels every request in flight and every retry wait. */
  signal?: AbortSignal
  /** A connection without keys uses the default credential chain (see S3RequestPolicy). */
  credentialChain?: boolean
  /** Names the inputs in the advice of a failure; without it, the parts of the store URL. */
  label?: InputLabel
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000

/** Session options from the run's settings (s3-max-attempts, s3-request-timeout). */
export function sessionOptions(policy: S3RequestPolicy, signal?: AbortSignal): S3SessionOptions {
  return {
    retry: { ...DEFAULT_RETRY_POLICY, attempts: policy.attempts },
    requestTimeoutMs: policy.timeoutMs,
    signal,
    credentialChain: policy.credentialChain,
    label: policy.label
  }
}

/**
 * One S3 server as the action uses it: path-style requests to a custom endpoint, checksums only
 * where the operation requires them (S3-compatible servers reject the SDK's default CRC headers),
 * our own retry loop around each request, and failures reduced to one line without secrets.
 */
export class S3Session {
  readonly client: S3Client
  private readonly retry: RetryPolicy
  private readonly timeoutMs: number
  private readonly signal?: AbortSignal
  private readonly credentialChain: boolean
  /** How the run names its inputs, for the advice of a failure (see S3SessionOptions). */
  readonly label: InputLabel | undefined
  private readonly putter: ObjectPutter
  private readonly agents: PutAgents

  constructor(
    readonly connection: S3Connection,
    options: S3SessionOptions = {}
  ) {
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY
    this.timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.signal = options.signal
    this.credentialChain = options.credentialChain === true
    this.label = options.label
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 32 }
    const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) }
    this.agents = agents
    const { signer, ...credentials } = signing(connection, this.credentialChain)
    this.client = new S3Client({
      endpoint: connection.endpoint,
      region: connection.region,
      forcePathStyle: true,
      ...credentials,
      signer,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // Retries are ours: the SDK's token bucket gives up under a steady share of failures.
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({
        connectionTimeout: this.timeoutMs,
        httpAgent: agents.http,
        httpsAgent: agents.https
      })
    })
    this.putter = new ObjectPutter(connection.endpoint, this.client, agents, signer === undefined)
  }

  /**
   * Runs one request with retries. `what` names it for errors (`PUT bucket/key`); `call` gets an
   * abort signal that fires on the per-request timeout or on cancellation of the run.
   */
  async request<T>(what: string, call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    let attempts = 0
    try {
      return await withRetry(
        () => {
          attempts++
          return this.attempt(call)
        },
        error => isRetryableS3Error(error),
        this.retry,
        this.signal
      )
    } catch (error) {
      if (this.signal?.aborted) throw this.signal.reason
      throw describeS3Failure(error, what, this.connection, {
        attempts,
        credentialChain: this.credentialChain,
        label: this.label
      })
    }
  }

  /** Stores one object (a blob: the pack's hot path, see put.ts), with retries. */
  async put(bucket: string, key: string, body: Uint8Array): Promise<void> {
    await this.request(`PUT ${bucket}/${key}`, abortSignal =>
      this.putter.put(bucket, key, body, abortSignal)
    )
  }

  /**
   * The metadata of one object, or undefined when there is none. HEAD answers carry no body, so
   * a refusal (400, 403) says nothing of its reason: the same object is then asked for with a
   * one-byte GET, whose answer names it (a wrong region, an invalid signature).
   */
  async head(bucket: string, key: string): Promise<HeadObjectCommandOutput | undefined> {
    return this.request(`HEAD ${bucket}/${key}`, async abortSignal => {
      try {
        return await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
          abortSignal
        })
      } catch (error) {
        const status = httpStatus(error)
        if (status === 404) return undefined
        if (status !== 400 && status !== 403) throw error
        throw (await this.refusalReason(bucket, key, status, abortSignal)) ?? error
      }
    })
  }

  /** The error a one-byte GET of the object meets with the same status, when it does. */
  private async refusalReason(
    bucket: string,
    key: string,
    status: number,
    abortSignal: AbortSignal
  ): Promise<unknown> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=0-0' }),
        { abortSignal }
      )
      await answer.Body?.transformToByteArray()
      return undefined
    } catch (reason) {
      return httpStatus(reason) === status ? reason : undefined
    }
  }

  private async attempt<T>(call: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout
    try {
      return await call(signal)
    } catch (error) {
      if (timeout.aborted && !this.signal?.aborted) throw new RequestTimeout(this.timeoutMs)
      throw error
    }
  }

  /** Closes the connections; the SDK's handler knows its agents only once it has sent a request. */
  destroy(): void {
    this.client.destroy()
    this.agents.http.destroy()
    this.agents.https.destroy()
  }
}

/**
 * How requests are signed: with the static keys when there are some; with the SDK's default
 * credential chain (the SDK's own choice when `credentials` is left out) when the run was set up
 * for it and the connection has no keys; otherwise anonymously, as rfs reads a published route:
 * a request signed with an empty secret is refused even where anonymous reads are allowed.
 */
function signing(
  connection: S3Connection,
  credentialChain: boolean
): Pick<S3ClientConfig, 'credentials' | 'signer'> {
  const keyless = connection.accessKey === '' && connection.secretKey === ''
  if (keyless && credentialChain) return {}
  // Static credentials even when unsigned: without them the SDK would consult the chain anyway.
  const credentials = { accessKeyId: connection.accessKey, secretAccessKey: connection.secretKey }
  if (connection.secretKey === '')
    return { credentials, signer: { sign: async request => request } }
  return { credentials }
}

/** A request that got no complete answer within the per-request limit. */
export class RequestTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`)
    this.name = 'RequestTimeout'
  }
}
