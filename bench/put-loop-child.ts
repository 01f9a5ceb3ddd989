// The reference for the upload path: a plain concurrent loop of the SDK's PutObject command over
// the blobs of a dir:// store, through the action's S3 session (same SDK client, options and
// retries) with the same number of requests in flight. The action's own blob PUTs skip the
// command (src/s3/put.ts). Reads a JSON job from argv, prints one JSON result line.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { forEachLimited } from '../src/common/concurrency.js'
import { S3Session } from '../src/s3/client.js'

interface Job {
  dir: string
  endpoint: string
  region: string
  bucket: string
  accessKey: string
  secretKey: string
  concurrency: number
}

const job = JSON.parse(process.argv[2]) as Job
// Flat (ROOT/<hex>) or sharded (ROOT/<hh>/<hex>): the blob's name is its key either way.
const blobs = readdirSync(job.dir, { recursive: true, encoding: 'utf8' })
  .filter(name => /(^|\/)[0-9a-f]{64}$/.test(name))
  .map(name => ({ path: join(job.dir, name), key: name.slice(-64) }))
const session = new S3Session(
  {
    endpoint: job.endpoint,
    region: job.region,
    accessKey: job.accessKey,
    secretKey: job.secretKey
  },
  { maxSockets: job.concurrency }
)
const started = process.hrtime.bigint()
await forEachLimited(blobs, job.concurrency, async ({ path, key }) => {
  const body = readFileSync(path)
  // With the action's retries: a loaded server answers 503 now and then, to both alike.
  await session.request(`PUT ${job.bucket}/${key}`, abortSignal =>
    session.client.send(
      new PutObjectCommand({
        Bucket: job.bucket,
        Key: key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: 'application/octet-stream'
      }),
      { abortSignal }
    )
  )
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
session.destroy()
const usage = process.resourceUsage()
const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6
process.stdout.write(`${JSON.stringify({ blobs: blobs.length, seconds, cpuSeconds })}\n`)
