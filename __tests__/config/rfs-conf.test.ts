import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { maskSecret } from '../../src/action/runner.js'
import { readRfsConf, rfsConfFromValues } from '../../src/config/rfs-conf.js'
import { parseShellConf } from '../../src/config/shell-conf.js'
import { UserError } from '../../src/common/errors.js'
import { maskedValues } from '../fixtures/settings/capture.js'

const FILE = 'config/rfs.conf'

describe('rfsConfFromValues', () => {
  test('every known key', () => {
    const text = [
      'S3_ENDPOINT=https://s3.example.com:9000',
      'S3_REGION=eu-west-1',
      'S3_BUCKET=zos-blobs',
      'S3_PREFIX=zos/v4',
      'S3_ACCESS_KEY=AKIA',
      "S3_SECRET_KEY='s3cr#t'",
      'MANIFEST_BUCKET=zos-manifests',
      'FIRMWARE_TAG=20250101',
      'PUBLIC_URL=https://cdn.example.com/zos'
    ].join('\n')
    expect(rfsConfFromValues(parseShellConf(text, FILE), FILE)).toEqual({
      file: FILE,
      values: {
        S3_ENDPOINT: 'https://s3.example.com:9000',
        S3_REGION: 'eu-west-1',
        S3_BUCKET: 'zos-blobs',
        S3_PREFIX: 'zos/v4',
        S3_ACCESS_KEY: 'AKIA',
        S3_SECRET_KEY: 's3cr#t',
        MANIFEST_BUCKET: 'zos-manifests',
        FIRMWARE_TAG: '20250101',
        PUBLIC_URL: 'https://cdn.example.com/zos'
      },
      warnings: []
    })
  })

  test('an empty value counts as unset', () => {
    const conf = rfsConfFromValues(parseShellConf('S3_BUCKET=\nS3_REGION=""\n', FILE), FILE)
    expect(conf.values).toEqual({})
  })

  test('a misspelt key of ours is warned about and ignored; helper keys are silent', () => {
    const text = 'HOST=s3.example.com\nS3_ENDPOINT=https://$HOST\nS3_BUKET=oops\n'
    const conf = rfsConfFromValues(parseShellConf(text, FILE), FILE)
    expect(conf.values).toEqual({ S3_ENDPOINT: 'https://s3.example.com' })
    expect(conf.warnings).toHaveLength(1)
    expect(conf.warnings[0]).toContain('S3_BUKET')
    expect(conf.warnings[0]).toContain(FILE)
  })
})

describe('readRfsConf', () => {
  let project: string
  let config: string
  let written: string[]
  const originalWrite = process.stdout.write.bind(process.stdout)
  const originalActions = process.env.GITHUB_ACTIONS

  beforeEach(() => {
    project = mkdtempSync(join(tmpdir(), 'rfs-conf-'))
    config = join(project, 'config')
    mkdirSync(config)
    written = []
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    }) as typeof process.stdout.write
  })
  afterEach(() => {
    process.stdout.write = originalWrite
    if (originalActions === undefined) delete process.env.GITHUB_ACTIONS
    else process.env.GITHUB_ACTIONS = originalActions
    rmSync(project, { recursive: true, force: true })
  })

  test('a missing rfs.conf is no S3 settings, not an error', async () => {
    expect(await readRfsConf(config, project, maskSecret)).toEqual({
      file: FILE,
      values: {},
      warnings: []
    })
  })

  test('the secret is masked on a runner, raw and percent-encoded', async () => {
    process.env.GITHUB_ACTIONS = 'true'
    writeFileSync(join(config, 'rfs.conf'), 'S3_ACCESS_KEY=ak\nS3_SECRET_KEY="se/cr+et"\n')
    const conf = await readRfsConf(config, project, maskSecret)
    expect(conf.values.S3_SECRET_KEY).toBe('se/cr+et')
    const masks = maskedValues(written.join(''))
    expect(masks).toContain('se/cr+et')
    expect(masks).toContain('se%2Fcr%2Bet')
    expect(masks).not.toContain('ak')
  })

  test('in a shell the mask command is not printed (it would show the secret)', async () => {
    delete process.env.GITHUB_ACTIONS
    const originalOutput = process.env.GITHUB_OUTPUT
    delete process.env.GITHUB_OUTPUT
    try {
      writeFileSync(join(config, 'rfs.conf'), 'S3_SECRET_KEY=hunter2\n')
      await readRfsConf(config, project, maskSecret)
      expect(written.join('')).not.toContain('hunter2')
    } finally {
      if (originalOutput !== undefined) process.env.GITHUB_OUTPUT = originalOutput
    }
  })

  test('a syntax error names config/rfs.conf and the line', async () => {
    writeFileSync(join(config, 'rfs.conf'), '# S3\nS3_BUCKET=$(cat bucket)\n')
    const read = readRfsConf(config, project, maskSecret)
    await expect(read).rejects.toThrow(UserError)
    await expect(readRfsConf(config, project, maskSecret)).rejects.toThrow(
      /^config\/rfs\.conf:2: S3_BUCKET: /
    )
  })
})
