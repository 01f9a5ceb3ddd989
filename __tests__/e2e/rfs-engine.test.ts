// engine: rfs through the bundled action: a stand-in rfs on PATH (the bundled engine CLI behind an
// rfs-shaped script) packs against a real S3 server; the action publishes.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, REPO_ROOT, runAction } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { interleavingRfs, writeExecutable } from '../helpers/rfs/standin.js'

let s3: TestS3
let bin: string
let calls: string
const projects: TestProject[] = []

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
  bin = mkdtempSync(join(tmpdir(), 'standin-rfs-'))
  calls = join(bin, 'calls.log')
  // Records each call's subcommand (never its arguments: they hold the store URL) and delegates.
  writeFileSync(
    join(bin, 'rfs'),
    `#!/bin/sh\necho "$1 $2" >> '${calls}'\nexec '${process.execPath}' '${join(REPO_ROOT, 'dist/rfs-cli/index.js')}' "$@"\n`
  )
  chmodSync(join(bin, 'rfs'), 0o755)
})
afterAll(async () => {
  await s3.stop()
  rmSync(bin, { recursive: true, force: true })
  projects.forEach(project => project.remove())
})

function inputs(
  extra: Record<string, string> = {},
  project = copyExample()
): Record<string, string> {
  projects.push(project)
  return {
    'project-root': project.root,
    'firmware-tag': 'fw1',
    's3-endpoint': s3.endpoint,
    's3-bucket': 'blobs',
    's3-prefix': 'rfs-engine',
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey,
    engine: 'rfs',
    'rfs-build': 'never',
    ...extra
  }
}

describe('engine: rfs', () => {
  test('finds rfs on PATH, packs, tags, verifies and publishes both flists', async () => {
    const run = await runAction(inputs({ verify: 'full', tags: 'release=v4' }), {
      env: { PATH: `${bin}:${process.env.PATH}` }
    })
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(run.outputs['rfs-path']).toBe(join(bin, 'rfs'))
    expect(run.outputs['rfs-version']).toMatch(/\d+\.\d+\.\d+/)
    expect(await listKeys(s3, 'blobs')).toEqual(
      expect.arrayContaining([
        `rfs-engine/manifests/modules-${EXAMPLE_KERNEL}.fl`,
        'rfs-engine/manifests/firmware-fw1.fl'
      ])
    )
    const log = readFileSync(calls, 'utf8')
    expect(log).toMatch(/^pack -m$/m)
    expect(log).toMatch(/^config -m$/m)
    const result = JSON.parse(run.outputs.result)
    expect(result.engine).toBe('rfs')
    expect(result.flists.modules.files).toBeGreaterThan(5)
    expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(s3.secretKey)
    expect(run.everything).not.toContain(encodeURIComponent(s3.secretKey))
  })

  test('an unchanged tree packed again by an rfs whose uploads interleave is unchanged', async () => {
    const interleaving = join(bin, 'interleaving')
    const cli = `'${process.execPath}' '${join(REPO_ROOT, 'dist/rfs-cli/index.js')}'`
    writeExecutable(interleaving, interleavingRfs(cli))
    const project = copyExample()
    const env = { env: { PATH: `${interleaving}:${process.env.PATH}` } }
    const first = await runAction(inputs({ 's3-prefix': 'rerun' }, project), env)
    expect(errorLines(first)).toEqual([])
    const second = await runAction(inputs({ 's3-prefix': 'rerun' }, project), env)
    expect(errorLines(second)).toEqual([])
    expect(second.outputs['modules-flist-sha256']).toBe(first.outputs['modules-flist-sha256'])
    const result = JSON.parse(second.outputs.result)
    expect(result.flists.modules.manifest).toBe('unchanged')
    expect(result.flists.firmware.manifest).toBe('unchanged')
  })

  test('no rfs anywhere, no release to download, building forbidden: one line', async () => {
    const server = createServer((_, response) => response.writeHead(404).end())
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const run = await runAction(
      inputs({ 'rfs-download-url': `http://127.0.0.1:${port}/rfs`, 's3-prefix': 'none' }),
      { env: { PATH: '/usr/bin:/bin' } }
    )
    server.close()
    expect(run.code).toBe(1)
    expect(errorLines(run)).toHaveLength(1)
    expect(errorLines(run)[0]).toMatch(/HTTP 404.*rfs-download-url/)
    expect((await listKeys(s3, 'blobs')).filter(key => key.startsWith('none/'))).toEqual([])
  })
})
