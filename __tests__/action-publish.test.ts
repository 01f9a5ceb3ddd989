// The full default run of the bundled action against a real S3 server on loopback: pack both
// flists, verify, publish the manifests, and never replace or leak anything by accident.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, runAction, type ActionRun } from './helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from './helpers/project.js'
import { getObject, listKeys, startS3, type TestS3 } from './helpers/s3.js'

let s3: TestS3
const projects: TestProject[] = []
const runs: ActionRun[] = []
const MODULES = `modules-${EXAMPLE_KERNEL}.fl`
const FIRMWARE = 'firmware-fw1.fl'

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'manifests', 'prefixes'] })
})
afterAll(async () => {
  await s3.stop()
  projects.forEach(project => project.remove())
})

function project(): TestProject {
  const fresh = copyExample()
  projects.push(fresh)
  return fresh
}

async function publish(root: string, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const run = await runAction({
    'project-root': root,
    engine: 'native',
    'firmware-tag': 'fw1',
    's3-endpoint': s3.endpoint,
    's3-bucket': 'blobs',
    's3-prefix': 'zos',
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey,
    ...inputs
  })
  runs.push(run)
  return run
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

describe('publishing to S3', () => {
  let root: string
  let first: ActionRun

  beforeAll(async () => {
    root = project().root
    first = await publish(root)
  })

  test('packs both flists, uploads every block and both manifests, and says where', async () => {
    expect(errorLines(first)).toEqual([])
    expect(first.code).toBe(0)
    const result = JSON.parse(first.outputs.result)
    for (const [kind, name] of [
      ['modules', MODULES],
      ['firmware', FIRMWARE]
    ]) {
      const key = `zos/manifests/${name}`
      const published = await getObject(s3, 'blobs', key)
      expect(published).toBeDefined()
      expect(sha256(published!)).toBe(first.outputs[`${kind}-flist-sha256`])
      expect(first.outputs[`${kind}-flist-url`]).toBe(`${s3.endpoint}/blobs/${key}`)
      expect(result.flists[kind]).toMatchObject({ name, manifestKey: key, manifest: 'published' })
      expect(result.flists[kind].blocksUploaded).toBe(result.flists[kind].blocks)
    }
    const blobs = (await listKeys(s3, 'blobs')).filter(key => /^[0-9a-f]{64}$/.test(key))
    expect(blobs.length).toBe(result.flists.modules.blocks + result.flists.firmware.blocks)
    expect(first.outputs['store-url']).toBe(
      `s3://${s3.accessKey}@127.0.0.1:${s3.port}/blobs?region=us-east-1`
    )
    expect(first.summary).toContain(MODULES)
    expect(first.summary).toContain('published')
  })

  test('a rerun of the unchanged tree uploads nothing and replaces nothing', async () => {
    const again = await publish(root)
    expect(again.code).toBe(0)
    const result = JSON.parse(again.outputs.result)
    expect(result.flists.modules).toMatchObject({ manifest: 'unchanged', blocksUploaded: 0 })
    expect(result.flists.firmware).toMatchObject({ manifest: 'unchanged', blocksUploaded: 0 })
    expect(again.outputs['modules-flist-sha256']).toBe(first.outputs['modules-flist-sha256'])
    expect(again.stdout).toContain('already published')
  })

  test('a changed module is refused without overwrite, and nothing is replaced', async () => {
    const before = await getObject(s3, 'blobs', `zos/manifests/${MODULES}`)
    appendFileSync(join(root, `initramfs/lib/modules/${EXAMPLE_KERNEL}/modules.dep`), '# changed\n')
    const refused = await publish(root)
    expect(refused.code).toBe(1)
    expect(errorLines(refused)).toHaveLength(1)
    expect(errorLines(refused)[0]).toMatch(/already published with sha256.*overwrite: true/)
    expect(await getObject(s3, 'blobs', `zos/manifests/${MODULES}`)).toEqual(before)

    const replaced = await publish(root, { overwrite: 'true' })
    expect(replaced.code).toBe(0)
    const published = await getObject(s3, 'blobs', `zos/manifests/${MODULES}`)
    expect(sha256(published!)).toBe(replaced.outputs['modules-flist-sha256'])
    expect(JSON.parse(replaced.outputs.result).flists.modules.manifest).toBe('replaced')
  })
})

describe('where manifests go', () => {
  let root: string
  beforeAll(() => {
    root = project().root
  })

  test.each([
    ['', 'manifests/'],
    ['a', 'a/manifests/'],
    ['/a/', 'a/manifests/'],
    ['a/b/', 'a/b/manifests/']
  ])('prefix %j puts them under %s', async (prefix, expected) => {
    const run = await publish(root, {
      's3-bucket': 'prefixes',
      's3-prefix': prefix,
      flists: 'modules'
    })
    expect(run.code).toBe(0)
    expect(await listKeys(s3, 'prefixes')).toContain(`${expected}${MODULES}`)
    expect(run.outputs['modules-flist-url']).toBe(`${s3.endpoint}/prefixes/${expected}${MODULES}`)
  })

  test('a separate manifest bucket holds the manifests, the blob bucket only blobs', async () => {
    const run = await publish(project().root, {
      'manifest-bucket': 'manifests',
      's3-prefix': 'split'
    })
    expect(run.code).toBe(0)
    expect(await listKeys(s3, 'manifests')).toEqual([
      `split/manifests/${FIRMWARE}`,
      `split/manifests/${MODULES}`
    ])
    expect((await listKeys(s3, 'blobs')).filter(key => key.startsWith('split/'))).toEqual([])
  })
})

describe('routes for readers', () => {
  test('read-store is what the flists record; the loopback write store gets a warning', async () => {
    const run = await publish(project().root, {
      's3-prefix': 'routes',
      flists: 'modules',
      'read-store':
        '00-7f=s3s://reader@s3.example.com:443/blobs\n80-ff=https://cdn.example.com/blobs'
    })
    expect(run.code).toBe(0)
    const routes = execFileSync(
      'sqlite3',
      [run.outputs['modules-flist-path'], 'SELECT start, "end", url FROM route ORDER BY start'],
      { encoding: 'utf8' }
    )
    expect(routes.trim().split('\n')).toEqual([
      '0|127|s3s://reader@s3.example.com:443/blobs',
      '128|255|https://cdn.example.com/blobs'
    ])
    expect(run.stdout).not.toMatch(/::warning::route .* names a/)
    // No rfs release opens an https route: said in the log and in the job summary.
    const unopenable =
      /route https:\/\/cdn\.example\.com\/blobs uses the https scheme, which no rfs release opens/
    expect(run.stdout).toMatch(new RegExp(`::warning::${unopenable.source}`))
    expect(run.summary).toMatch(unopenable)

    const local = await publish(project().root, { 's3-prefix': 'routes-local', flists: 'modules' })
    expect(local.stdout).toMatch(
      /::warning::route s3:\/\/\S+@127\.0\.0\.1:\d+\/blobs\S* names a loopback address/
    )
  })
})

describe('publishing nothing', () => {
  test('dry-run writes to no bucket and still outputs the plan', async () => {
    const buckets = ['blobs', 'manifests', 'prefixes']
    const before = await Promise.all(buckets.map(bucket => listKeys(s3, bucket)))
    const run = await publish(project().root, { 'dry-run': 'true', 's3-prefix': 'dry' })
    expect(run.code).toBe(0)
    expect(run.outputs['modules-flist-url']).toBe(`${s3.endpoint}/blobs/dry/manifests/${MODULES}`)
    expect(await Promise.all(buckets.map(bucket => listKeys(s3, bucket)))).toEqual(before)
  })

  test('a failed block upload publishes no manifest and exits non-zero', async () => {
    const root = project().root
    const store = `s3://${s3.accessKey}:${encodeURIComponent(s3.secretKey)}@127.0.0.1:${s3.port}/missing-bucket`
    const run = await publish(root, { store, 's3-prefix': 'failed' })
    expect(run.code).toBe(1)
    expect(errorLines(run)).toHaveLength(1)
    expect(errorLines(run)[0]).toMatch(/missing-bucket/)
    const keys = [...(await listKeys(s3, 'blobs')), ...(await listKeys(s3, 'manifests'))]
    expect(keys.filter(key => key.startsWith('failed/'))).toEqual([])
    // The bucket is found missing before packing, so the output directory may not even exist.
    const output = join(root, 'dist', 'flists')
    const left = existsSync(output) ? readdirSync(output) : []
    expect(left.filter(name => name.endsWith('.partial'))).toEqual([])
  })
})

describe('the secret', () => {
  test('appears in no byte any run emitted, nor in any .fl it wrote', () => {
    const forms = [s3.secretKey, encodeURIComponent(s3.secretKey)]
    expect(runs.length).toBeGreaterThan(5)
    for (const run of runs) {
      const emitted = run.everything.replace(/^::add-mask::.*$/gm, '')
      for (const form of forms) expect(emitted).not.toContain(form)
    }
    for (const { root } of projects) {
      const dir = join(root, 'dist', 'flists')
      const names = existsSync(dir) ? readdirSync(dir).filter(name => name.endsWith('.fl')) : []
      for (const name of names) {
        const bytes = readFileSync(join(dir, name))
        for (const form of forms) expect(bytes.includes(Buffer.from(form))).toBe(false)
      }
    }
  })
})
