// The bundled action under conditions real CI meets: a cancelled job, two jobs at once, a store
// left holding a damaged blob. Each test has a bucket of its own: s3rver writes objects in place,
// so an upload cut off by a cancelled job leaves an empty or partial object behind.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { verifyFlist } from '../../src/flist/read/verify.js'
import { errorLines, runAction } from '../helpers/action.js'
import { startFaultyProxy } from '../helpers/faulty-proxy.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import {
  deleteObjects,
  getObject,
  listKeys,
  startS3,
  truncateObject,
  type TestS3
} from '../../peers/s3.js'

let s3: TestS3
const projects: TestProject[] = []
beforeAll(async () => {
  s3 = await startS3({ buckets: ['cancelled', 'held', 'race', 'damaged', 'truncated'] })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

function s3Inputs(bucket: string): Record<string, string> {
  return {
    engine: 'native',
    'firmware-tag': 'fw1',
    's3-endpoint': s3.endpoint,
    's3-bucket': bucket,
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey
  }
}

describe('cancellation', () => {
  test('SIGTERM mid-pack stops, publishes nothing, leaves no temporary file, exits non-zero', async () => {
    const project = copyExample()
    projects.push(project)
    // Enough incompressible data that the pack is still running when the signal lands.
    const big = join(project.root, 'initramfs/lib/modules', EXAMPLE_KERNEL, 'kernel/big')
    mkdirSync(big, { recursive: true })
    for (let i = 0; i < 48; i++) writeFileSync(join(big, `blob${i}.ko`), randomBytes(4 << 20))

    let signalled = false
    const run = await runAction(
      { 'project-root': project.root, ...s3Inputs('cancelled') },
      {
        onStdout: (chunk, pid) => {
          if (!signalled && chunk.includes('::group::Pack')) {
            signalled = true
            setTimeout(() => process.kill(pid, 'SIGTERM'), 300)
          }
        }
      }
    )
    expect(signalled).toBe(true)
    expect(run.code).not.toBe(0)
    expect(errorLines(run)).toEqual([expect.stringMatching(/cancelled by SIGTERM/)])
    expect((await listKeys(s3, 'cancelled')).filter(key => key.startsWith('manifests/'))).toEqual(
      []
    )
    const output = join(project.root, 'dist', 'flists')
    expect(
      readdirSync(output).filter(name => name.endsWith('.fl') || name.endsWith('.partial'))
    ).toEqual([])
  })
})

describe('cancellation between the two manifests', () => {
  test('SIGTERM while the second PUT is held: the first is reported published in log, summary and outputs', async () => {
    const project = copyExample()
    projects.push(project)
    const modules = `modules-${EXAMPLE_KERNEL}.fl`
    let pid: number | undefined
    let manifestPuts = 0
    const proxy = await startFaultyProxy(s3.endpoint, {
      failureRate: 0,
      hold: (method, path) => method === 'PUT' && path.endsWith('.fl') && ++manifestPuts === 2,
      onHeld: () => process.kill(pid!, 'SIGTERM')
    })
    const run = await runAction(
      { 'project-root': project.root, ...s3Inputs('held'), 's3-endpoint': proxy.endpoint },
      { onStart: started => (pid = started) }
    ).finally(() => proxy.stop())
    expect(manifestPuts).toBe(2)
    expect(run.code).not.toBe(0)
    const line = `cancelled by SIGTERM: ${modules} was published, firmware-fw1.fl was not published`
    expect(errorLines(run)).toEqual([line])
    expect((await listKeys(s3, 'held')).filter(key => key.startsWith('manifests/'))).toEqual([
      `manifests/${modules}`
    ])

    const result = JSON.parse(run.outputs.result)
    expect(result).toMatchObject({ status: 'cancelled', error: line })
    expect(result.flists.modules.manifest).toBe('published')
    expect(result.flists.firmware.manifest).toBe('not published')
    expect(run.outputs['modules-flist-sha256']).toMatch(/^[0-9a-f]{64}$/)

    expect(run.summary).toContain('RFS flists: cancelled')
    expect(run.summary).toContain(line)
    expect(run.summary).toContain(
      `**Published:** ${modules} (published). **Not published:** firmware-fw1.fl.`
    )
  })
})

describe('two jobs at once', () => {
  test('packing the same tree into the same store concurrently: both succeed and verify', async () => {
    const project = copyExample()
    projects.push(project)
    const [first, second] = await Promise.all(
      ['out-a', 'out-b'].map(outputDir =>
        runAction({
          'project-root': project.root,
          'output-dir': outputDir,
          verify: 'full',
          ...s3Inputs('race')
        })
      )
    )
    expect([errorLines(first), errorLines(second)]).toEqual([[], []])
    expect([first.code, second.code]).toEqual([0, 0])
    expect(first.outputs['modules-flist-sha256']).toBe(second.outputs['modules-flist-sha256'])
    // s3rver ignores If-None-Match, so both may create the object; they create the same bytes.
    const outcomes = [first, second].map(
      run => JSON.parse(run.outputs.result).flists.modules.manifest
    )
    expect(outcomes).toContain('published')
    for (const outcome of outcomes) expect(['published', 'unchanged']).toContain(outcome)
    const key = `manifests/modules-${EXAMPLE_KERNEL}.fl`
    const published = await getObject(s3, 'race', key)
    expect(createHash('sha256').update(published!).digest('hex')).toBe(
      first.outputs['modules-flist-sha256']
    )
  })
})

describe('a damaged blob in the store', () => {
  test('a truncated object under a real blob id is uploaded again, and the manifest published is sound', async () => {
    const project = copyExample()
    projects.push(project)
    const inputs = { 'project-root': project.root, ...s3Inputs('truncated') }
    const first = await runAction({ ...inputs, 'output-dir': 'out-1' })
    expect(errorLines(first)).toEqual([])
    // What a pack killed mid-upload leaves on a server that writes objects in place: the front
    // of a blob under its real id, and no manifest yet.
    const keys = await listKeys(s3, 'truncated')
    const blob = keys.find(key => /^[0-9a-f]{64}$/.test(key))!
    const whole = (await getObject(s3, 'truncated', blob))!
    await truncateObject(s3, 'truncated', blob)
    await deleteObjects(
      s3,
      'truncated',
      keys.filter(key => key.startsWith('manifests/'))
    )

    const again = await runAction({ ...inputs, 'output-dir': 'out-2' })
    expect(errorLines(again)).toEqual([])
    const flists = JSON.parse(again.outputs.result).flists
    expect(flists.modules.blocksUploaded + flists.firmware.blocksUploaded).toBe(1)
    expect((await getObject(s3, 'truncated', blob))!.equals(whole)).toBe(true)
    // Every published manifest reads back whole from the bucket.
    const store = `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@${s3.host}:${s3.port}/truncated?region=us-east-1`
    for (const key of (await listKeys(s3, 'truncated')).filter(key =>
      key.startsWith('manifests/')
    )) {
      const manifest = join(project.root, `${key.split('/').at(-1)}.published`)
      writeFileSync(manifest, (await getObject(s3, 'truncated', key))!)
      const report = await verifyFlist(manifest, 'full', {
        stores: [{ start: 0, end: 255, url: store }]
      })
      expect(report.problems).toEqual([])
    }
  })

  test('verify full names a blob damaged in place and says to delete it; once deleted, the next run uploads it again', async () => {
    const project = copyExample()
    projects.push(project)
    const inputs = { 'project-root': project.root, ...s3Inputs('damaged') }
    const first = await runAction({ ...inputs, 'output-dir': 'out-1' })
    expect(errorLines(first)).toEqual([])
    // Damage that keeps the size: only decoding the blob finds it.
    const blob = (await listKeys(s3, 'damaged')).find(key => /^[0-9a-f]{64}$/.test(key))!
    const objectFile = join(s3.directory, 'damaged', `${blob}._S3rver_object`)
    const bytes = readFileSync(objectFile)
    bytes[bytes.length >> 1] ^= 0x01
    writeFileSync(objectFile, bytes)

    const exists = await runAction({ ...inputs, 'output-dir': 'out-2' })
    expect(errorLines(exists)).toEqual([])
    const full = await runAction({ ...inputs, 'output-dir': 'out-3', verify: 'full' })
    expect(full.code).not.toBe(0)
    expect(errorLines(full)).toEqual([
      expect.stringContaining(
        `delete the damaged blob (${blob}) from the store, as an upload cut off on a server that writes objects in place leaves them, and run again; nothing was published`
      )
    ])

    for (const suffix of ['object', 'object.md5', 'metadata.json']) {
      rmSync(join(s3.directory, 'damaged', `${blob}._S3rver_${suffix}`), { force: true })
    }
    const repaired = await runAction({ ...inputs, 'output-dir': 'out-4', verify: 'full' })
    expect(errorLines(repaired)).toEqual([])
    const flists = JSON.parse(repaired.outputs.result).flists
    expect(flists.modules.blocksUploaded + flists.firmware.blocksUploaded).toBe(1)
  })
})
