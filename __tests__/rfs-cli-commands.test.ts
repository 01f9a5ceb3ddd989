import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { runCli } from '../src/rfs-cli-commands.js'
import { capturingMasks } from './fixtures/settings/capture.js'

describe('runCli on a runner', () => {
  const originalActions = process.env.GITHUB_ACTIONS
  beforeEach(() => {
    process.env.GITHUB_ACTIONS = 'true'
  })
  afterEach(() => {
    if (originalActions === undefined) delete process.env.GITHUB_ACTIONS
    else process.env.GITHUB_ACTIONS = originalActions
  })

  test('masks the credentials of every URL argument before any command reads it', async () => {
    const err: string[] = []
    const { result, masks } = capturingMasks(() =>
      runCli(
        [
          'gc',
          '--manifests=s3://ak:m%2Fsecret@127.0.0.1:1/manifests',
          '-s',
          '00-7f=s3://ak:s3cret@127.0.0.1:1/blobs'
        ],
        { out: () => {}, err: line => err.push(line) }
      )
    )
    expect(masks).toEqual(expect.arrayContaining(['m%2Fsecret', 'm/secret', 's3cret']))
    expect(masks).not.toContain('ak')
    await result
    expect(err.join('\n')).not.toMatch(/s3cret|m\/secret|m%2Fsecret/)
  })
})
