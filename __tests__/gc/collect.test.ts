// gc against a real S3 server: three flists packed into one blob store, sharing blobs; one
// manifest deleted. Only the blobs of the deleted flist alone are unreferenced, and only old ones
// go with --delete.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { NativeEngine } from '../../src/engines/native.js'
import { runCli } from '../../src/rfs-cli-commands.js'
import { openGcStore } from '../../src/gc/blobs.js'
import { collectGarbage } from '../../src/gc/collect.js'
import { openManifestLocation } from '../../src/gc/manifests.js'
import { FlistReader } from '../../src/flist/format/reader.js'
import { S3Session } from '../../src/s3/client.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import { tempDir } from '../helpers/tree.js'
import { stripPassword } from '../../src/store-url/url.js'

const DAY = 86_400_000
let s3: TestS3
let session: S3Session
let storeUrl: string
let manifestsUrl: string
const work = tempDir('gc')
const ids: Record<string, string[]> = {}

/** A tree of files; `shared` is the same in every tree, so its blocks are shared. */
function tree(name: string): string {
  const dir = join(work, 'trees', name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'shared.bin'), Buffer.alloc(700_000, 1))
  writeFileSync(join(dir, `${name}.bin`), Buffer.alloc(600_000, name.charCodeAt(0)))
  return dir
}

async function pack(name: string, store: string): Promise<string> {
  const flistPath = join(work, `${name}.fl`)
  await new NativeEngine().pack({
    kind: 'modules',
    source: tree(name),
    flistPath,
    writeStores: [{ start: 0, end: 255, url: store }],
    routes: [{ start: 0, end: 255, url: stripPassword(store) }],
    tags: [],
    log: () => undefined
  })
  const reader = await FlistReader.open(flistPath)
  ids[name] = reader.distinctBlocks().map(block => Buffer.from(block.id).toString('hex'))
  reader.close()
  return flistPath
}

async function put(bucket: string, key: string, body: Buffer): Promise<void> {
  await session.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
}

async function gc(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(['gc', ...args], {
    out: line => out.push(line),
    err: line => err.push(line)
  })
  return { code, out, err }
}

/** Makes s3rver report these objects as modified `ageMs` ago. */
function age(bucket: string, keys: string[], ageMs: number): void {
  const when = new Date(Date.now() - ageMs)
  for (const key of keys)
    utimesSync(join(s3.directory, bucket, `${key}._S3rver_object`), when, when)
}

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'hub'] })
  session = new S3Session({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    accessKey: s3.accessKey,
    secretKey: s3.secretKey
  })
  const credentials = `${s3.accessKey}:${encodeURIComponent(s3.secretKey)}`
  storeUrl = `s3://${credentials}@${s3.host}:${s3.port}/blobs?region=us-east-1`
  manifestsUrl = `s3://${credentials}@${s3.host}:${s3.port}/hub/zos/manifests?region=us-east-1`
  for (const name of ['alpha', 'beta', 'gamma']) {
    await put('hub', `zos/manifests/${name}.fl`, readFileSync(await pack(name, storeUrl)))
  }
  // Published elsewhere: a manifest outside the location gc is given.
  await put('hub', 'other/manifests/alpha.fl', readFileSync(join(work, 'alpha.fl')))
  await session.client.send(
    new DeleteObjectCommand({ Bucket: 'hub', Key: 'zos/manifests/gamma.fl' })
  )
})
afterAll(async () => {
  session.destroy()
  await s3.stop()
})

const gammaOnly = (): string[] =>
  ids.gamma.filter(id => !ids.alpha.includes(id) && !ids.beta.includes(id))
const blobKeys = async (): Promise<string[]> =>
  (await listKeys(s3, 'blobs')).filter(key => /^[0-9a-f]{64}$/.test(key))

describe('gc over an S3 store shared by several flists', () => {
  test('the trees share blobs, and the deleted flist has blobs of its own', () => {
    expect(ids.alpha.filter(id => ids.beta.includes(id)).length).toBeGreaterThan(0)
    expect(gammaOnly().length).toBeGreaterThan(0)
  })

  test('reports the blobs only the deleted manifest used: count, bytes, newest age; deletes nothing', async () => {
    const stored = await blobKeys()
    const run = await gc(['--manifests', manifestsUrl, '-s', storeUrl])
    expect(run.code).toBe(0)
    expect(run.err[0]).toMatch(
      /manifests are read only under s3:\/\/127\.0\.0\.1:\d+\/hub\/zos\/manifests\/; flists published anywhere else .* are not seen/
    )
    const bytes = gammaOnly().reduce(
      (sum, id) => sum + readFileSync(join(s3.directory, 'blobs', `${id}._S3rver_object`)).length,
      0
    )
    expect(run.out).toEqual([
      'manifests: 2',
      `blobs referenced: ${new Set([...ids.alpha, ...ids.beta]).size}`,
      `blobs stored: ${stored.length}`,
      expect.stringMatching(
        new RegExp(`^unreferenced: ${gammaOnly().length} blobs, ${bytes} bytes \\(`)
      ),
      expect.stringMatching(/^newest unreferenced: \d+s old$/)
    ])
    expect(await blobKeys()).toEqual(stored)
    expect(run.out.join('\n') + run.err.join('\n')).not.toContain(s3.secretKey)
  })

  test('--delete spares blobs younger than the grace period (default 7 days)', async () => {
    const stored = await blobKeys()
    const run = await gc(['--manifests', manifestsUrl, '-s', storeUrl, '--delete'])
    expect(run.code).toBe(0)
    expect(run.out).toContain('deleted: 0 blobs, 0 bytes (0 B)')
    expect(run.out).toContain(`kept (younger than 7d): ${gammaOnly().length}`)
    expect(await blobKeys()).toEqual(stored)
  })

  test('--delete refuses when a manifest cannot be read, and deletes nothing', async () => {
    age('blobs', gammaOnly(), 30 * DAY)
    await put('hub', 'zos/manifests/broken.fl', Buffer.from('not an sqlite database'))
    try {
      const stored = await blobKeys()
      const run = await gc([
        '--manifests',
        manifestsUrl,
        '-s',
        storeUrl,
        '--delete',
        '--grace',
        '1d'
      ])
      expect(run.code).toBe(1)
      expect(run.err.join('\n')).toMatch(/cannot read .*broken\.fl/)
      expect(run.err.at(-1)).toMatch(
        /^Error: nothing was deleted: 1 manifest\(s\) could not be read/
      )
      expect(await blobKeys()).toEqual(stored)
    } finally {
      await session.client.send(
        new DeleteObjectCommand({ Bucket: 'hub', Key: 'zos/manifests/broken.fl' })
      )
    }
  })

  test('--delete removes the old unreferenced blobs only; every flist still published keeps all its blobs', async () => {
    age('blobs', gammaOnly().slice(1), 30 * DAY)
    age('blobs', gammaOnly().slice(0, 1), DAY / 2)
    const run = await gc(['--manifests', manifestsUrl, '-s', storeUrl, '--delete', '--grace', '1d'])
    expect(run.code).toBe(0)
    expect(run.out).toContain('kept (younger than 1d): 1')
    expect(run.out).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^deleted: ${gammaOnly().length - 1} blobs`))
      ])
    )
    const left = await blobKeys()
    for (const id of [...ids.alpha, ...ids.beta]) expect(left).toContain(id)
    expect(left).toContain(gammaOnly()[0])
    for (const id of gammaOnly().slice(1)) expect(left).not.toContain(id)
  })

  test('--delete with no manifest under the location refuses', async () => {
    const empty = manifestsUrl.replace('/zos/manifests', '/nothing-here')
    const run = await gc(['--manifests', empty, '-s', storeUrl, '--delete', '--grace', '0'])
    expect(run.code).toBe(1)
    expect(run.err.at(-1)).toMatch(/no manifest was found under the given locations/)
  })
})

describe('gc over a dir:// store in both layouts', () => {
  test('finds flat and sharded blobs, reads manifests from a directory, deletes old unreferenced ones', async () => {
    const root = join(work, 'dirstore')
    const store = `dir://${root}`
    const manifests = join(work, 'dir-manifests')
    mkdirSync(manifests, { recursive: true })
    for (const name of ['alpha', 'gamma']) {
      const path = await pack(name, store)
      renameSync(path, join(manifests, `${name}.fl`))
    }
    writeFileSync(join(manifests, 'gamma.fl.removed'), '')
    renameSync(join(manifests, 'gamma.fl'), join(work, 'gamma-unpublished.fl'))
    // The store writes flat; move gamma's own blobs to the sharded layout earlier versions wrote.
    const onlyGamma = ids.gamma.filter(id => !ids.alpha.includes(id))
    const old = new Date(Date.now() - 30 * DAY)
    for (const id of onlyGamma) {
      mkdirSync(join(root, id.slice(0, 2)), { recursive: true })
      renameSync(join(root, id), join(root, id.slice(0, 2), id))
      utimesSync(join(root, id.slice(0, 2), id), old, old)
    }

    const report = await gc(['--manifests', manifests, '-s', store])
    expect(report.code).toBe(0)
    expect(report.out).toContain(`blobs stored: ${new Set([...ids.alpha, ...ids.gamma]).size}`)
    expect(report.out).toContain(`blobs referenced: ${ids.alpha.length}`)
    const run = await gc(['--manifests', manifests, '-s', store, '--delete'])
    expect(run.code).toBe(0)
    expect(run.out).toContain(`kept (younger than 7d): 0`)
    for (const id of ids.alpha) expect(readdirSync(root)).toContain(id)
    for (const id of onlyGamma) {
      expect(readdirSync(join(root, id.slice(0, 2)))).not.toContain(id)
    }
  })

  test('--delete refuses when a manifest is published while gc runs', async () => {
    const root = join(work, 'racestore')
    const manifests = join(work, 'race-manifests')
    mkdirSync(manifests, { recursive: true })
    renameSync(await pack('alpha', `dir://${root}`), join(manifests, 'alpha.fl'))
    const orphan = join(root, 'ab'.repeat(32))
    writeFileSync(orphan, 'unused')
    const old = new Date(Date.now() - 30 * DAY)
    utimesSync(orphan, old, old)
    const report = await collectGarbage({
      locations: [openManifestLocation(manifests)],
      stores: [openGcStore(`dir://${root}`)],
      delete: true,
      graceMs: 0,
      // Between listing the blobs and deleting them, another job publishes a flist.
      log: line => {
        if (/referenced by none/.test(line)) {
          writeFileSync(join(manifests, 'late.fl'), readFileSync(join(manifests, 'alpha.fl')))
        }
      }
    })
    expect(report.refused).toMatch(
      /the manifests changed while gc ran \(.*late\.fl\): run it again/
    )
    expect(report.deleted.count).toBe(0)
    expect(readdirSync(root)).toContain('ab'.repeat(32))
  })

  test('a missing manifest directory is one line naming it', async () => {
    const run = await gc(['--manifests', join(work, 'nowhere'), '-s', `dir://${work}/x`])
    expect(run.code).toBe(1)
    expect(run.err.at(-1)).toMatch(
      /^Error: manifest location .*nowhere is not a directory: give the directory/
    )
  })
})

describe('gc over an S3 store whose listing gives no date', () => {
  test('a blob whose age is unknown is kept, whatever the grace', async () => {
    const orphan = 'cd'.repeat(32)
    const deleted: string[] = []
    // An S3-compatible server that lists one blob without LastModified, and records deletions.
    const server = createServer((request, response) => {
      request.resume()
      if (request.method === 'DELETE') {
        deleted.push(request.url ?? '')
        response.writeHead(204).end()
        return
      }
      response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          '<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>blobs</Name>' +
            `<IsTruncated>false</IsTruncated><Contents><Key>${orphan}</Key><Size>6</Size></Contents>` +
            '</ListBucketResult>'
        )
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    try {
      const manifests = join(work, 'undated-manifests')
      mkdirSync(manifests, { recursive: true })
      renameSync(
        await pack('beta', `dir://${join(work, 'undated-store')}`),
        join(manifests, 'beta.fl')
      )
      const port = (server.address() as AddressInfo).port
      const report = await collectGarbage({
        locations: [openManifestLocation(manifests)],
        stores: [openGcStore(`s3://AK:secret@127.0.0.1:${port}/blobs?region=us-east-1`)],
        delete: true,
        graceMs: 0,
        log: () => undefined
      })
      expect(report.unreferenced.count).toBe(1)
      expect(report.kept).toBe(1)
      expect(report.deleted.count).toBe(0)
      expect(deleted).toEqual([])
    } finally {
      await new Promise(resolve => server.close(resolve))
    }
  })
})
