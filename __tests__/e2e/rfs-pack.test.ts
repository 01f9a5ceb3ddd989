// The rfs engine end to end, with the project's own engine CLI (shaped like rfs) standing in for
// the rfs binary: found on PATH, packing a real tree into a real S3 server on loopback.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createRfsEngine } from '../../src/engines/rfs.js'
import { UserError } from '../../src/common/errors.js'
import { FlistReader } from '../../src/flist/format/reader.js'
import { unpackFlist } from '../../src/flist/read/unpack.js'
import { acquireRfs } from '../../src/rfs-release/acquire.js'
import type { AcquiredRfs } from '../../src/rfs-release/rfs-settings.js'
import type { PackRequest } from '../../src/engines/engine.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'
import {
  interleavingRfs,
  keptLog,
  packRequest,
  removeTempDirs,
  rfsSettings,
  tempDir,
  writeExecutable
} from '../helpers/rfs/standin.js'

const REPO = resolve('.')

let s3: TestS3
let rfs: AcquiredRfs
let tree: string
let work: string
const CLI = `node --import '${REPO}/node_modules/tsx/dist/loader.mjs' '${REPO}/src/rfs-cli.ts'`
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'] })
  work = tempDir('e2e')
  const bin = join(work, 'bin')
  writeExecutable(bin, `#!/bin/sh\nexec ${CLI} "$@"\n`)
  rfs = await acquireRfs(rfsSettings(), work, { log: keptLog(), pathVariable: bin })
  tree = join(work, 'tree')
  mkdirSync(join(tree, 'kernel', 'drivers'), { recursive: true })
  writeFileSync(join(tree, 'kernel', 'drivers', 'big.ko'), randomBytes(700 * 1024))
  writeFileSync(join(tree, 'modules.dep'), 'kernel/drivers/big.ko:\n')
  writeFileSync(join(tree, 'empty'), '')
  symlinkSync('kernel/drivers/big.ko', join(tree, 'big.ko'))
})
afterAll(async () => {
  removeTempDirs()
  await s3.stop()
})

function s3Url(bucket: string): string {
  const secret = encodeURIComponent(s3.secretKey)
  return `s3://${s3.accessKey}:${secret}@127.0.0.1:${s3.port}/${bucket}?region=us-east-1`
}

function request(name: string, bucket: string, overrides: Partial<PackRequest> = {}) {
  return packRequest(
    {
      source: tree,
      flistPath: join(work, `${name}.fl`),
      writeStores: [{ start: 0, end: 255, url: s3Url(bucket) }],
      routes: [
        {
          start: 0,
          end: 255,
          url: `s3://${s3.accessKey}@127.0.0.1:${s3.port}/${bucket}?region=us-east-1`
        }
      ]
    },
    overrides
  )
}

function expectNoSecret(text: string): void {
  expect(text).not.toContain(s3.secretKey)
  expect(text).not.toContain(encodeURIComponent(s3.secretKey))
  // Any other spelling (an escaped ::add-mask:: value, say) still starts the same way.
  expect(text).not.toContain(s3.secretKey.slice(0, 10))
}

test('the stand-in is found on PATH and proven with --version', () => {
  expect(rfs.source).toBe('path')
  expect(rfs.version).toMatch(/native/)
})

test('packs into S3, writes the tags, keeps stripped routes, counts through the reader', async () => {
  const req = request('modules', 'blobs')
  const counts = await createRfsEngine(rfs).pack(req)
  expect(counts).toEqual({
    files: 3,
    directories: 3,
    symlinks: 1,
    bytes: 700 * 1024 + 'kernel/drivers/big.ko:\n'.length,
    blocks: 3,
    blocksUploaded: 3,
    blocksPresent: 0
  })
  expect((await listKeys(s3, 'blobs')).length).toBe(3)
  const reader = await FlistReader.open(req.flistPath)
  try {
    expect(reader.tags()).toEqual(
      expect.arrayContaining([
        ['kind', 'modules'],
        ['kernel-version', '6.12.44-Zero-OS']
      ])
    )
    expect(reader.routes()).toEqual(req.routes)
  } finally {
    reader.close()
  }
  expectNoSecret(req.lines.join('\n'))
})

test('read routes other than the write store end up in the flist', async () => {
  const routes = [{ start: 0, end: 255, url: 'https://hub.example.com/zos-blobs' }]
  const req = request('routed', 'blobs', { routes })
  await createRfsEngine(rfs).pack(req)
  const reader = await FlistReader.open(req.flistPath)
  try {
    expect(reader.routes()).toEqual(routes)
  } finally {
    reader.close()
  }
})

test('a pack that fails (no such bucket) publishes nothing and shows no secret', async () => {
  const req = request('failed', 'no-such-bucket')
  const failure = createRfsEngine(rfs).pack(req)
  await expect(failure).rejects.toThrow(UserError)
  const message = await failure.catch((error: Error) => error.message)
  expect(message).toMatch(
    /^rfs pack modules failed: rfs exited with code 1.*; nothing was published$/
  )
  expect(message).not.toContain('\n')
  expect(existsSync(req.flistPath)).toBe(false)
  expectNoSecret([message, ...req.lines].join('\n'))
})

test('the same tree packed twice by an rfs whose uploads interleave gives the same bytes', async () => {
  const bin = join(work, 'interleaving')
  const interleaving = { path: writeExecutable(bin, interleavingRfs(CLI)), version: rfs.version }
  const files = join(work, 'multi-block')
  mkdirSync(files)
  // Several files of several blocks each: enough rows for their interleaving to differ every run.
  for (const name of ['a.ko', 'b.ko', 'c.ko', 'd.ko']) {
    writeFileSync(join(files, name), randomBytes(3 * 512 * 1024 + 1000))
  }
  const sha256s: string[] = []
  for (const run of ['first', 'second', 'third']) {
    const req = request(`rerun-${run}`, 'blobs', { source: files })
    await createRfsEngine(interleaving).pack(req)
    sha256s.push(createHash('sha256').update(readFileSync(req.flistPath)).digest('hex'))
    // Each file's blocks are still in file order: the reader rebuilds every byte.
    const target = join(work, `unpacked-${run}`)
    await unpackFlist(req.flistPath, target, { stores: req.writeStores })
    for (const name of ['a.ko', 'b.ko', 'c.ko', 'd.ko']) {
      expect(readFileSync(join(target, name)).equals(readFileSync(join(files, name)))).toBe(true)
    }
  }
  expect(new Set(sha256s).size).toBe(1)
})
