// Both flists packed at once against Garage, and the rerun that takes the block ids of the
// flists the first run left: nothing encoded, nothing uploaded, the same bytes published.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { startGarage, type TestGarage, garageS3Inputs } from '../../peers/garage.js'
import { copyExample, type TestProject } from '../helpers/project.js'

let garage: TestGarage
let project: TestProject

beforeAll(async () => {
  garage = await startGarage({ buckets: ['blobs'] })
  project = copyExample()
}, 120_000)

afterAll(async () => {
  await garage?.stop()
  project?.remove()
})

async function publish(): Promise<ActionRun> {
  const run = await runAction({
    'project-root': project.root,
    engine: 'native',
    'firmware-tag': 'fw1',
    ...garageS3Inputs(garage, 'blobs', { prefix: 'zos' }),
    overwrite: 'true'
  })
  expect(errorLines(run)).toEqual([])
  expect(run.code).toBe(0)
  return run
}

type Flists = Record<string, { blocks: number; blocksUploaded: number; blocksEncoded: number }>

test('a rerun encodes no block, uploads only what the bucket lost, and publishes the same bytes', async () => {
  const first = await publish()
  expect(first.stdout).toMatch(/^::group::Pack modules-\S+\.fl and firmware-fw1\.fl$/m)
  const firstFlists = JSON.parse(first.outputs.result).flists as Flists
  expect(firstFlists.modules.blocksEncoded).toBe(firstFlists.modules.blocks)

  const again = await publish()
  const againFlists = JSON.parse(again.outputs.result).flists as Flists
  for (const kind of ['modules', 'firmware']) {
    expect(againFlists[kind].blocksEncoded).toBe(0)
    expect(againFlists[kind].blocksUploaded).toBe(0)
    expect(again.outputs[`${kind}-flist-sha256`]).toBe(first.outputs[`${kind}-flist-sha256`])
  }

  // A blob the bucket lost is encoded and uploaded again; verify: exists then passes.
  const listing = await fetchKeys()
  const lost = listing.find(key => /(^|\/)[0-9a-f]{64}$/.test(key))!
  const client = s3Client()
  try {
    await client.send(new DeleteObjectCommand({ Bucket: 'blobs', Key: lost }))
  } finally {
    client.destroy()
  }
  const healed = await publish()
  const healedFlists = JSON.parse(healed.outputs.result).flists as Flists
  const encoded = healedFlists.modules.blocksEncoded + healedFlists.firmware.blocksEncoded
  const uploaded = healedFlists.modules.blocksUploaded + healedFlists.firmware.blocksUploaded
  expect(encoded).toBe(1)
  expect(uploaded).toBe(1)
  expect(await fetchKeys()).toContain(lost)
  expect(healed.outputs['modules-flist-sha256']).toBe(first.outputs['modules-flist-sha256'])
})

function s3Client(): S3Client {
  return new S3Client({
    endpoint: garage.endpoint,
    region: garage.region,
    forcePathStyle: true,
    credentials: { accessKeyId: garage.accessKey, secretAccessKey: garage.secretKey }
  })
}

async function fetchKeys(): Promise<string[]> {
  const { ListObjectsV2Command } = await import('@aws-sdk/client-s3')
  const client = s3Client()
  try {
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: 'blobs', ContinuationToken: token })
      )
      keys.push(...(page.Contents ?? []).map(object => object.Key!))
      token = page.NextContinuationToken
    } while (token)
    return keys
  } finally {
    client.destroy()
  }
}
