// The bundled action under conditions real CI meets: a cancelled job, two jobs at once.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, runAction } from './helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from './helpers/project.js'
import { getObject, listKeys, startS3, type TestS3 } from './helpers/s3.js'

let s3: TestS3
const projects: TestProject[] = []
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

function s3Inputs(prefix: string): Record<string, string> {
  return {
    engine: 'native',
    'firmware-tag': 'fw1',
    's3-endpoint': s3.endpoint,
    's3-bucket': 'blobs',
    's3-prefix': prefix,
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
    expect((await listKeys(s3, 'blobs')).filter(key => key.startsWith('cancelled/'))).toEqual([])
    const output = join(project.root, 'dist', 'flists')
    expect(
      readdirSync(output).filter(name => name.endsWith('.fl') || name.endsWith('.partial'))
    ).toEqual([])
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
    const key = `race/manifests/modules-${EXAMPLE_KERNEL}.fl`
    const published = await getObject(s3, 'blobs', key)
    expect(createHash('sha256').update(published!).digest('hex')).toBe(
      first.outputs['modules-flist-sha256']
    )
  })
})
