// A real S3-protocol server (s3rver) on loopback, in-process, with its own temporary directory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'

const require = createRequire(import.meta.url)

const S3rver = require('s3rver') as new (options: Record<string, unknown>) => {
  run(): Promise<AddressInfo>
  close(): Promise<void>
}

const AWSAccount = require('s3rver/lib/models/account') as {
  DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void }
}

export interface TestS3 {
  /** http://127.0.0.1:PORT */
  endpoint: string
  host: string
  port: number
  accessKey: string
  secretKey: string
  /** Where s3rver keeps its objects: BUCKET/KEY._S3rver_object files. */
  directory: string
  stop(): Promise<void>
}

export interface TestS3Options {
  buckets?: string[]
  accessKey?: string
  secretKey?: string
}

/** Starts s3rver on an ephemeral loopback port with the given buckets and a registered key pair. */
export async function startS3(options: TestS3Options = {}): Promise<TestS3> {
  const accessKey = options.accessKey ?? 'AKTESTFLIST'
  const secretKey = options.secretKey ?? 'sEcReT/with+odd=chars%tok3n'
  AWSAccount.DUMMY_ACCOUNT.createKeyPair(accessKey, secretKey)
  const directory = mkdtempSync(join(tmpdir(), 's3rver-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: (options.buckets ?? ['blobs']).map(name => ({ name, configs: [] }))
  })
  const address = await server.run()
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    host: '127.0.0.1',
    port: address.port,
    accessKey,
    secretKey,
    directory,
    async stop() {
      await server.close()
      rmSync(directory, { recursive: true, force: true })
    }
  }
}

/** Object keys of a bucket, read with an unsigned ListObjects request (s3rver allows it). */
export async function listKeys(s3: TestS3, bucket: string): Promise<string[]> {
  const keys: string[] = []
  let marker = ''
  for (;;) {
    const url = `${s3.endpoint}/${bucket}?max-keys=1000${marker ? `&marker=${encodeURIComponent(marker)}` : ''}`
    const response = await fetch(url)
    if (!response.ok) throw new Error(`list ${bucket}: HTTP ${response.status}`)
    const xml = await response.text()
    const page = [...xml.matchAll(/<Key>([^<]*)<\/Key>/g)].map(m => decodeXml(m[1]))
    keys.push(...page)
    if (!/<IsTruncated>true<\/IsTruncated>/.test(xml) || page.length === 0) break
    marker = page[page.length - 1]
  }
  return keys.sort()
}

/** An object's bytes through an unsigned GET, or undefined on 404. */
export async function getObject(
  s3: TestS3,
  bucket: string,
  key: string
): Promise<Buffer | undefined> {
  const response = await fetch(
    `${s3.endpoint}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`
  )
  if (response.status === 404) return undefined
  if (!response.ok) throw new Error(`get ${bucket}/${key}: HTTP ${response.status}`)
  return Buffer.from(await response.arrayBuffer())
}

/** Runs `send` with an SDK client signed with the server's key pair. */
async function withClient(s3: TestS3, send: (client: S3Client) => Promise<unknown>): Promise<void> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKey, secretAccessKey: s3.secretKey }
  })
  try {
    await send(client)
  } finally {
    client.destroy()
  }
}

/**
 * Cuts an object to its first half, as an upload cut off on a server that writes objects in place
 * leaves it under its real key.
 */
export async function truncateObject(s3: TestS3, bucket: string, key: string): Promise<void> {
  const whole = await getObject(s3, bucket, key)
  if (!whole) throw new Error(`truncate ${bucket}/${key}: no such object`)
  // A shorter object has no front to keep: cutting it would leave it as it is, or empty.
  if (whole.length < 2)
    throw new Error(`truncate ${bucket}/${key}: ${whole.length} bytes, too short to cut`)
  await withClient(s3, client =>
    client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: whole.subarray(0, whole.length >> 1) })
    )
  )
}

export async function deleteObjects(s3: TestS3, bucket: string, keys: string[]): Promise<void> {
  await withClient(s3, async client => {
    for (const key of keys) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
  })
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}
