// The bundled action's default engine is the built-in one; `verify: rfs` has the rfs binary (a
// stand-in on PATH whose unpack reads routes and stores as rfs's does) unpack both flists through
// the write store of a real S3 server and compares them with their source trees.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, runAction } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { startFileServer, unpackingStandIn, writeExecutable } from '../helpers/rfs/standin.js'

// Characters rfs takes literally in a store URL.
const SECRET = 'dEfAuLt-eNgInE+sEcReT7'

let s3: TestS3
let work: string
const projects: TestProject[] = []

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'untouched'], secretKey: SECRET })
  work = mkdtempSync(join(tmpdir(), 'default-engine-'))
})
afterAll(async () => {
  await s3.stop()
  rmSync(work, { recursive: true, force: true })
  projects.forEach(project => project.remove())
})

function project(): TestProject {
  const made = copyExample()
  projects.push(made)
  return made
}

function s3Inputs(prefix: string, bucket = 'blobs'): Record<string, string> {
  return {
    'firmware-tag': 'fw1',
    's3-endpoint': s3.endpoint,
    's3-bucket': bucket,
    's3-prefix': prefix,
    's3-access-key': s3.accessKey,
    's3-secret-key': SECRET
  }
}

function expectNoSecret(text: string): void {
  const withoutMasks = text.replace(/^::add-mask::.*$/gm, '')
  expect(withoutMasks).not.toContain(SECRET)
  expect(withoutMasks).not.toContain(encodeURIComponent(SECRET))
}

describe('the default engine', () => {
  test('with no engine input the built-in engine packs; an rfs on PATH is never run', async () => {
    const calls = join(work, 'calls.log')
    const bin = join(work, 'bin-recording')
    writeExecutable(bin, `#!/bin/sh\necho "$1" >> '${calls}'\nexit 3\n`)
    const run = await runAction(
      { 'project-root': project().root, 'firmware-tag': 'fw1' },
      { env: { PATH: `${bin}:${process.env.PATH}` } }
    )
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.outputs.result)
    expect(result.engine).toBe('native')
    expect(result.verify).toBe('exists')
    expect(result.flists.modules.blocks).toBeGreaterThan(0)
    expect(run.outputs['rfs-path']).toBe('')
    expect(existsSync(calls)).toBe(false)
  })
})

describe('verify: rfs', () => {
  test('rfs unpacks both flists through the write store; they match their trees', async () => {
    const bin = join(work, 'bin-rfs')
    const rfs = unpackingStandIn(bin, 'v2.0.6')
    const temp = join(work, 'runner-temp')
    const run = await runAction(
      { 'project-root': project().root, ...s3Inputs('checked'), verify: 'rfs' },
      { env: { PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: temp } }
    )
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    const result = JSON.parse(run.outputs.result)
    expect(result.engine).toBe('native')
    expect(result.verify).toBe('rfs')
    expect(result.verifyRfs).toEqual({ path: rfs, version: 'v2.0.6' })
    expect(run.stdout).toMatch(
      new RegExp(
        `modules-${EXAMPLE_KERNEL}\\.fl: rfs v2\\.0\\.6 unpacked \\d+ entries, the same as `
      )
    )
    expect(run.stdout).toMatch(/firmware-fw1\.fl: rfs v2\.0\.6 unpacked \d+ entries, the same as /)
    expect(await listKeys(s3, 'blobs')).toEqual(
      expect.arrayContaining([
        `checked/manifests/modules-${EXAMPLE_KERNEL}.fl`,
        'checked/manifests/firmware-fw1.fl'
      ])
    )
    expect(readdirSync(temp).filter(name => name.startsWith('rfs-verify-'))).toEqual([])
    expectNoSecret(run.everything)
    const published = readFileSync(run.outputs['modules-flist-path'])
    expect(published.includes(Buffer.from(SECRET))).toBe(false)
  })

  test('no rfs to be had: one line, before anything is uploaded', async () => {
    const releases = await startFileServer({})
    const run = await runAction(
      {
        'project-root': project().root,
        ...s3Inputs('unchecked', 'untouched'),
        verify: 'rfs',
        'rfs-build': 'never',
        'rfs-download-url': `${releases.url}/v2.0.6/rfs`
      },
      { env: { PATH: '/usr/bin:/bin' } }
    )
    await releases.stop()
    expect(run.code).toBe(1)
    expect(errorLines(run)).toHaveLength(1)
    expect(errorLines(run)[0]).toMatch(/^No rfs binary: .*HTTP 404.*rfs-build is never/)
    expect(await listKeys(s3, 'untouched')).toEqual([])
  })
})
