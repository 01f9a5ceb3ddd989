// S3 settings without keys: the bundle signs with the AWS SDK's default credential chain, as a
// workflow gets it from aws-actions/configure-aws-credentials (environment variables with a
// session token). s3rver accepts unsigned requests too, so an unknown key id (s3rver checks the id, not
// the V4 signature) is what shows that the requests really are signed with the environment's keys.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'

const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN+/with=odd%chars'
let s3: TestS3
let home: string
const projects: TestProject[] = []

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'fresh'] })
  // No ~/.aws of the machine, and no instance-metadata probe: only the environment counts.
  home = mkdtempSync(join(tmpdir(), 'aws-home-'))
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
  rmSync(home, { recursive: true, force: true })
})

async function publish(
  aws: Record<string, string | undefined>,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  const project = copyExample()
  projects.push(project)
  return runAction(
    {
      'project-root': project.root,
      engine: 'native',
      'firmware-tag': 'chain',
      's3-endpoint': s3.endpoint,
      's3-bucket': 'blobs',
      's3-prefix': 'chain',
      ...inputs
    },
    {
      env: {
        HOME: home,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: join(home, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
        AWS_SESSION_TOKEN: undefined,
        AWS_PROFILE: undefined,
        AWS_ROLE_ARN: undefined,
        AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
        ...aws
      }
    }
  )
}

describe('no access key given', () => {
  test('credentials from the environment publish both flists, the token in no byte emitted', async () => {
    const run = await publish({
      AWS_ACCESS_KEY_ID: s3.accessKey,
      AWS_SECRET_ACCESS_KEY: s3.secretKey,
      AWS_SESSION_TOKEN: SESSION_TOKEN
    })
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('AWS default credential chain')
    expect(await listKeys(s3, 'blobs')).toEqual(
      expect.arrayContaining([
        `chain/manifests/modules-${EXAMPLE_KERNEL}.fl`,
        'chain/manifests/firmware-chain.fl'
      ])
    )
    // Masked for the runner's log, and otherwise never printed, output or summarised.
    for (const secret of [SESSION_TOKEN, s3.secretKey]) {
      // The mask command escapes % as the runner reads it.
      const mask = `::add-mask::${secret.replaceAll('%', '%25')}`
      expect(run.stdout).toContain(mask)
      expect(run.everything.replaceAll(mask, '')).not.toContain(secret)
      expect(run.everything).not.toContain(encodeURIComponent(secret))
    }
  })

  test('an unknown key id in the environment is refused: the requests are signed with it', async () => {
    const run = await publish(
      {
        AWS_ACCESS_KEY_ID: 'AKUNKNOWN',
        AWS_SECRET_ACCESS_KEY: s3.secretKey,
        AWS_SESSION_TOKEN: SESSION_TOKEN
      },
      { 's3-bucket': 'fresh' }
    )
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([
      expect.stringMatching(/access key.*the keys came from the AWS credential chain/)
    ])
  })

  test('no credentials anywhere: one line naming the keys and the chain', async () => {
    const run = await publish({})
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([
      expect.stringMatching(/no S3 credentials: .*s3-access-key.*AWS_ACCESS_KEY_ID/)
    ])
  })

  test('engine: rfs says in one line that it takes only static keys', async () => {
    // No credentials either: the rfs line comes before anything asks the chain.
    const run = await publish({}, { engine: 'rfs' })
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([
      expect.stringMatching(/engine: rfs needs static S3 keys.*engine: native/)
    ])
  })
})
