// The full default run of the bundled action against a real S3 server on loopback: pack both
// flists, verify, publish the manifests, and never replace or leak anything by accident.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  bundleWithVersion,
  errorLines,
  runAction,
  type ActionRun,
  type RunOptions
} from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { getObject, listKeys, startS3, type TestS3 } from '../../peers/s3.js'

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

async function publish(
  root: string,
  inputs: Record<string, string> = {},
  options: RunOptions = {}
): Promise<ActionRun> {
  const run = await runAction(
    {
      'project-root': root,
      engine: 'native',
      'firmware-tag': 'fw1',
      's3-endpoint': s3.endpoint,
      's3-bucket': 'blobs',
      's3-prefix': 'zos',
      's3-access-key': s3.accessKey,
      's3-secret-key': s3.secretKey,
      ...inputs
    },
    options
  )
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
    expect(errorLines(refused)[0]).toMatch(
      /already published with sha256 \w+, and this run made \w+ \(entries differ: 1 entry changed, first: modules\.dep \(size, .*blocks\)\): set overwrite: true.*; modules-\S+ was not published, firmware-fw1\.fl was already published$/
    )
    expect(await getObject(s3, 'blobs', `zos/manifests/${MODULES}`)).toEqual(before)

    const replaced = await publish(root, { overwrite: 'true' })
    expect(replaced.code).toBe(0)
    const published = await getObject(s3, 'blobs', `zos/manifests/${MODULES}`)
    expect(sha256(published!)).toBe(replaced.outputs['modules-flist-sha256'])
    expect(JSON.parse(replaced.outputs.result).flists.modules.manifest).toBe('replaced')
  })
})

const CONCURRENCY_WARNING =
  /^::warning::the S3 server at http:\/\/127\.0\.0\.1:\d+ replaces an existing object on a PUT with If-None-Match: \*, so concurrent publishers of one name are not excluded on this server: put the jobs that publish to s3:\/\/blobs\/probe\/manifests\/ in one workflow concurrency: group$/gm

describe('a server that ignores If-None-Match', () => {
  test('is found out once, said in one warning and in the summary, and the probe is removed', async () => {
    const root = project().root
    const run = await publish(root, { 's3-prefix': 'probe' })
    expect(errorLines(run)).toEqual([])
    expect(run.stdout.match(CONCURRENCY_WARNING)).toHaveLength(1)
    expect(run.summary).toContain('concurrent publishers of one name are not excluded')
    expect(JSON.parse(run.outputs.result).exclusiveCreate).toBe(false)
    expect((await listKeys(s3, 'blobs')).filter(key => key.startsWith('probe/'))).toEqual([
      `probe/manifests/${FIRMWARE}`,
      `probe/manifests/${MODULES}`
    ])

    // Nothing to create: no probe, no warning.
    const rerun = await publish(root, { 's3-prefix': 'probe' })
    expect(rerun.code).toBe(0)
    expect(rerun.stdout).not.toMatch(CONCURRENCY_WARNING)
    expect(JSON.parse(rerun.outputs.result).exclusiveCreate).toBeUndefined()
    const dry = await publish(project().root, { 's3-prefix': 'probe', 'dry-run': 'true' })
    expect(dry.stdout).not.toMatch(CONCURRENCY_WARNING)
  })
})

describe('a rerun by another release of the action', () => {
  let next: { entry: string; remove(): void }
  beforeAll(() => {
    next = bundleWithVersion('1.0.99')
  })
  afterAll(() => next.remove())

  function packedSha256(run: ActionRun, name: string): string | undefined {
    const escaped = name.replace(/\./g, '\\.')
    return new RegExp(`${escaped}: .* sha256 ([0-9a-f]{64})`).exec(run.stdout)?.[1]
  }

  test('the same tree and settings are unchanged, though the producer tag differs', async () => {
    const root = project().root
    const first = await publish(root, { 's3-prefix': 'upgrade' })
    expect(first.code).toBe(0)
    const rerun = await publish(root, { 's3-prefix': 'upgrade' }, { entry: next.entry })
    expect(errorLines(rerun)).toEqual([])
    expect(rerun.code).toBe(0)
    // The new release did write other bytes: its creator tag names it.
    expect(packedSha256(rerun, MODULES)).toMatch(/^[0-9a-f]{64}$/)
    expect(packedSha256(rerun, MODULES)).not.toBe(first.outputs['modules-flist-sha256'])
    const result = JSON.parse(rerun.outputs.result)
    for (const kind of ['modules', 'firmware']) {
      expect(result.flists[kind].manifest).toBe('unchanged')
      // Outputs, the local file and the published object are one file: the published one.
      expect(rerun.outputs[`${kind}-flist-sha256`]).toBe(first.outputs[`${kind}-flist-sha256`])
      const local = readFileSync(rerun.outputs[`${kind}-flist-path`])
      const published = await getObject(s3, 'blobs', result.flists[kind].manifestKey)
      expect(sha256(local)).toBe(sha256(published!))
    }
    expect(rerun.stdout).toContain('describes the same entries, blocks, routes and tags')
  })

  test('a real difference is refused and named: another user tag', async () => {
    const root = project().root
    expect((await publish(root, { 's3-prefix': 'upgrade-tag', tags: 'build=1' })).code).toBe(0)
    const refused = await publish(
      root,
      { 's3-prefix': 'upgrade-tag', tags: 'build=2' },
      { entry: next.entry }
    )
    expect(refused.code).toBe(1)
    expect(errorLines(refused)).toEqual([
      expect.stringMatching(
        /\(tag build differs \(published '1', this run '2'\)\): set overwrite: true.*; nothing was published$/
      )
    ])
  })
})

describe('a conflict on one manifest of the pair', () => {
  test('publishes neither, and the log, summary and outputs say so', async () => {
    const root = project().root
    const firmwareOnly = await publish(root, { 's3-prefix': 'pair', flists: 'firmware' })
    expect(firmwareOnly.code).toBe(0)
    appendFileSync(join(root, 'firmware/WHENCE'), 'changed\n')
    const run = await publish(root, { 's3-prefix': 'pair' })
    expect(run.code).toBe(1)
    expect(errorLines(run)).toEqual([
      expect.stringMatching(
        new RegExp(`pair/manifests/${FIRMWARE} is already published .*; nothing was published$`)
      )
    ])
    expect(await listKeys(s3, 'blobs')).not.toContain(`pair/manifests/${MODULES}`)

    const result = JSON.parse(run.outputs.result)
    expect(result.status).toBe('failed')
    expect(result.error).toBe(errorLines(run)[0])
    expect(result.flists.modules.manifest).toBe('not published')
    expect(result.flists.firmware.manifest).toBe('not published')
    // What is known is still output: both were packed.
    expect(run.outputs['modules-flist-sha256']).toMatch(/^[0-9a-f]{64}$/)
    expect(run.outputs['firmware-flist-url']).toBe(
      `${s3.endpoint}/blobs/pair/manifests/${FIRMWARE}`
    )

    expect(run.summary).toContain('RFS flists: failed')
    expect(run.summary).toContain('is already published')
    expect(run.summary).toContain(`**Not published:** ${MODULES}, ${FIRMWARE}.`)
  })
})

describe('the job summary', () => {
  test('names each flist with its URL and sha256, the routes, the verify mode and the commit', async () => {
    const commit = 'c0ffee0123456789abcdef0123456789abcdef01'
    const run = await publish(
      project().root,
      { 's3-prefix': 'summary', verify: 'full' },
      {
        env: {
          GITHUB_SHA: commit,
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_REPOSITORY: 'zos/build'
        }
      }
    )
    expect(run.code).toBe(0)
    for (const kind of ['modules', 'firmware']) {
      const name = run.outputs[`${kind}-flist`]
      expect(run.summary).toContain(`[${name}](${run.outputs[`${kind}-flist-url`]})`)
      expect(run.summary).toContain(run.outputs[`${kind}-flist-sha256`])
    }
    expect(run.summary).toContain(`**Published:** ${MODULES} (published), ${FIRMWARE} (published).`)
    expect(run.summary).toContain(
      `Routes recorded for readers: <code>s3://${s3.accessKey}@127.0.0.1:${s3.port}/blobs?region=us-east-1</code>`
    )
    expect(run.summary).toContain('Verify: full')
    expect(run.summary).toContain(`(https://github.com/zos/build/commit/${commit})`)
  })

  test('summary: false writes none, on success and on failure', async () => {
    const quiet = await publish(project().root, { 's3-prefix': 'quiet', summary: 'false' })
    expect(quiet.code).toBe(0)
    expect(quiet.summary).toBe('')
    const failed = await publish(project().root, { summary: 'false', 'kernel-version': 'x.y' })
    expect(failed.code).toBe(1)
    expect(failed.summary).toBe('')
  })

  test('a run that fails before it has a plan still gets a summary with the error line', async () => {
    const failed = await publish(project().root, { verify: 'sometimes' })
    expect(failed.code).toBe(1)
    expect(failed.summary).toContain('RFS flists: failed')
    expect(failed.summary).toContain(errorLines(failed)[0])
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
    expect(run.summary).toContain('RFS flists: failed')
    expect(run.summary).toContain(errorLines(run)[0])
    expect(run.summary).toContain(`**Not published:** ${MODULES}, ${FIRMWARE}.`)
    expect(JSON.parse(run.outputs.result)).toMatchObject({
      status: 'failed',
      error: errorLines(run)[0],
      flists: { modules: { manifest: 'not published' }, firmware: { manifest: 'not published' } }
    })
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
