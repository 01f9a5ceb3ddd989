// The one line that tells why a run writes where it does, when the user did not choose it, and
// the AWS secrets of the environment masked before a chain-signed run could print them.
import { describe, expect, test } from '@jest/globals'
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { maskChainSecrets, storeChoice } from '../../src/plan/store-choice.js'
import { S3_CONF, planProject } from '../helpers/plan-project.js'
const fixture = planProject()
const { writeConfig, plan, settings } = fixture

const KEYLESS_CONF = 'S3_ENDPOINT=https://s3.example.com\nS3_BUCKET=zos-blobs\n'

describe('the store chosen for the user', () => {
  test('no S3 settings: the embedded store, the manifests kept, named as inputs or flags', async () => {
    const offline = await plan()
    expect(storeChoice(offline, settings())).toBe(
      `no S3 settings (no s3-* inputs, no S3_* keys in config/rfs.conf): the blobs go to the embedded store ${offline.storeDisplay} and the manifests stay in the output directory, nothing is uploaded`
    )
    expect(storeChoice(offline, { ...settings(), inputSource: 'flag' })).toMatch(
      /^no S3 settings \(no --s3-\* flags, no S3_\* keys in config\/rfs\.conf\)/
    )
  })

  test('the rfs.conf it names is where config-dir points, relative to the project', async () => {
    cpSync(join(fixture.project, 'config'), join(fixture.project, 'build/conf'), {
      recursive: true
    })
    const raw = { 'config-dir': 'build/conf' }
    expect(storeChoice(await plan(raw), settings(raw))).toContain(
      'no S3_* keys in build/conf/rfs.conf'
    )
  })

  test('S3 settings without an access key: the AWS default credential chain', async () => {
    writeConfig('rfs.conf', KEYLESS_CONF)
    expect(storeChoice(await plan(), settings())).toMatch(
      /^no S3 access key is set: the S3 requests are signed with the AWS default credential chain \(AWS_ACCESS_KEY_ID/
    )
  })

  test('nothing to say when the user chose: S3 keys, or a store', async () => {
    writeConfig('rfs.conf', S3_CONF)
    expect(storeChoice(await plan(), settings())).toBeUndefined()
    writeConfig('rfs.conf', KEYLESS_CONF)
    const raw = { store: 'dir:///srv/blobs' }
    expect(storeChoice(await plan(raw), settings(raw))).toBeUndefined()
  })
})

test('the secret AWS variables are masked, the key id and empty ones are not', () => {
  const masked: string[] = []
  maskChainSecrets(secret => masked.push(secret), {
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG',
    AWS_SESSION_TOKEN: 'IQoJb3JpZ2luX2Vj',
    AWS_REGION: 'eu-west-1'
  })
  expect(masked).toEqual(['wJalrXUtnFEMI/K7MDENG', 'IQoJb3JpZ2luX2Vj'])
  const none: string[] = []
  maskChainSecrets(secret => none.push(secret), { AWS_SECRET_ACCESS_KEY: '' })
  expect(none).toEqual([])
})
