// Before anything is packed, the S3 servers of a real plan are asked once each whether they speak
// S3: s3rver does, a web server on loopback does not.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { settingsFromRaw, type RawInputs } from '../../src/action/inputs.js'
import { buildPlan } from '../../src/plan/plan.js'
import { checkS3Stores } from '../../src/plan/store-check.js'
import { startAnsweringServer, type AnsweringServer } from '../helpers/answering-server.js'
import { NOW, planProject } from '../helpers/plan-project.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

const fixture = planProject()
const SECRET = 'hunter2/+'

let s3: TestS3
let web: AnsweringServer
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'hub'] })
  web = await startAnsweringServer(200, 'text/html', '<html><body>Welcome</body></html>')
})
afterAll(async () => {
  await s3.stop()
  await web.close()
})

/** Plans the fixture project with S3 at `endpoint`, then checks its stores. */
async function check(endpoint: string, raw: RawInputs = {}): Promise<void> {
  fixture.writeConfig(
    'rfs.conf',
    [
      `S3_ENDPOINT=${endpoint}`,
      'S3_BUCKET=blobs',
      `S3_ACCESS_KEY=${s3.accessKey}`,
      `S3_SECRET_KEY='${s3.secretKey}'`,
      ''
    ].join('\n')
  )
  const settings = settingsFromRaw(
    { 'project-root': fixture.project, 's3-max-attempts': '1', ...raw },
    'input',
    { cwd: fixture.work }
  )
  const plan = await buildPlan(settings, {
    sourceDate: { epoch: NOW.getTime() / 1000, origin: 'test' },
    modulesRoot: fixture.modulesRoot,
    mask: () => {}
  })
  await checkS3Stores(plan, settings)
}

test('s3rver answers as S3, for the blob bucket and another manifest bucket', async () => {
  await expect(check(s3.endpoint, { 'manifest-bucket': 'hub' })).resolves.toBeUndefined()
  await expect(check(s3.endpoint, { 'manifest-bucket': 'nowhere' })).rejects.toThrow(
    /^S3 LIST nowhere\/\* failed .*: bucket 'nowhere' does not exist/
  )
})

test('a web page at the endpoint is one line naming the endpoint and where it is set', async () => {
  const requests = web.requests.length
  await expect(check(web.endpoint)).rejects.toThrow(
    `input s3-endpoint ${web.endpoint} does not speak S3: listing bucket 'blobs' answered HTTP 200 with no ListBucketResult, not an S3 bucket listing; point input s3-endpoint (S3_ENDPOINT in rfs.conf) at the server's S3 API (not a web page, console or website endpoint)`
  )
  expect(web.requests.length - requests).toBe(1)
})

test('blobs and manifests sharing the endpoint and the bucket are asked about once', async () => {
  const listing = await startAnsweringServer(
    200,
    'application/xml',
    '<?xml version="1.0"?><ListBucketResult><Name>blobs</Name><IsTruncated>false</IsTruncated></ListBucketResult>'
  )
  try {
    await check(listing.endpoint)
    expect(listing.requests).toEqual(['GET /blobs/?max-keys=1'])
  } finally {
    await listing.close()
  }
})

test('a store given as input is named by its URL, without the password', async () => {
  const { hostname: host, port } = new URL(web.endpoint)
  const store = `s3://AK:${encodeURIComponent(SECRET)}@${host}:${port}/blobs?region=us-east-1`
  const failure = check(s3.endpoint, { store })
  await expect(failure).rejects.toThrow(
    new RegExp(
      `^input store s3://AK@${host}:${port}/blobs\\?region=us-east-1 does not speak S3: .*; point input store at`
    )
  )
  const message = await failure.catch((error: Error) => error.message)
  expect(message).not.toContain(encodeURIComponent(SECRET))
  expect(message).not.toContain(SECRET)
})
