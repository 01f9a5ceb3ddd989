// `verify: rfs`: the rfs binary (a stand-in whose unpack reads routes and stores as rfs does)
// unpacks flists of the built-in engine through the write store, from a dir:// store and from a
// real S3 server, and the result is compared with the source tree.
import { afterAll, beforeAll, beforeEach, expect, jest, test } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import {
  chmodSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { createNativeEngine } from '../../../src/engines/native.js'
import { UserError } from '../../../src/common/errors.js'
import {
  verifyFlists,
  type PackContext,
  type PackedFlist
} from '../../../src/publish/pack-flists.js'
import type { FlistPlan } from '../../../src/plan/plan.js'
import { unpackWithRfs, type RfsUnpackCheck } from '../../../src/engines/rfs/unpack-check.js'
import { startS3, type TestS3 } from '../../../peers/s3.js'
import {
  packRequest,
  removeTempDirs,
  tempDir,
  unpackingStandIn
} from '../../helpers/rfs/standin.js'
import type { StoreSpec } from '../../../src/store-url/spec.js'
import { RUNNER_LABEL } from '../../../src/common/input-label.js'

// Characters rfs can take literally in a URL, so the stand-in signs with the real secret.
const SECRET = 'vErIfY-sEcReT+rfs9'

let s3: TestS3
let work: string
let rfs: { path: string; version: string }
let tree: string
let dirStore: StoreSpec[]
let dirFlist: string
let s3Store: StoreSpec[]
let s3Flist: string
let temp: string

function buildTree(root: string): void {
  mkdirSync(join(root, 'kernel', 'drivers'), { recursive: true })
  mkdirSync(join(root, 'empty-dir'))
  writeFileSync(join(root, 'kernel', 'drivers', 'big.ko'), randomBytes(700 * 1024))
  writeFileSync(join(root, 'modules.dep'), 'kernel/drivers/big.ko:\n')
  writeFileSync(join(root, 'empty'), '')
  writeFileSync(join(root, 'run.sh'), '#!/bin/sh\n')
  chmodSync(join(root, 'run.sh'), 0o755)
  symlinkSync('kernel/drivers/big.ko', join(root, 'big.ko'))
  symlinkSync('/lib/firmware', join(root, 'firmware'))
}

async function pack(name: string, stores: StoreSpec[], routes: StoreSpec[]): Promise<string> {
  const flistPath = join(work, `${name}.fl`)
  await createNativeEngine().pack(
    packRequest({ source: tree, flistPath, writeStores: stores, routes })
  )
  return flistPath
}

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs'], secretKey: SECRET })
  work = tempDir('verify-rfs')
  rfs = { path: unpackingStandIn(join(work, 'bin')), version: 'v2.0.6' }
  tree = join(work, 'tree')
  buildTree(tree)
  dirStore = [{ start: 0, end: 255, url: `dir://${join(work, 'store')}` }]
  dirFlist = await pack('dir', dirStore, dirStore)
  s3Store = [
    {
      start: 0,
      end: 255,
      url: `s3://${s3.accessKey}:${SECRET}@127.0.0.1:${s3.port}/blobs?region=us-east-1`
    }
  ]
  // Published routes hold no secret; these name an address only the nodes reach, which no rfs
  // release opens: rfs can read the blobs only through the write store.
  s3Flist = await pack('s3', s3Store, [
    { start: 0, end: 255, url: 'https://cdn.example.com/zos-blobs' }
  ])
})
afterAll(async () => {
  removeTempDirs()
  await s3.stop()
})
beforeEach(() => {
  temp = tempDir('verify-temp')
})

function check(
  flistPath: string,
  writeStores: StoreSpec[],
  lines: string[],
  source = tree
): RfsUnpackCheck {
  return {
    rfs,
    flistPath,
    name: 'modules-6.12.44-Zero-OS.fl',
    source,
    writeStores,
    label: RUNNER_LABEL,
    tempRoot: temp,
    log: line => lines.push(line)
  }
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

function expectNoSecret(text: string): void {
  expect(text).not.toContain(SECRET)
  expect(text).not.toContain(encodeURIComponent(SECRET))
}

test('a good tree from a dir:// store: no difference, the flist untouched, nothing left behind', async () => {
  const before = sha256(dirFlist)
  const lines: string[] = []
  const result = await unpackWithRfs(check(dirFlist, dirStore, lines))
  expect(result).toEqual({ differences: [], compared: 9, skipped: 0 })
  expect(lines[0]).toMatch(/ unpack -m .*\/with-credentials\.fl -c .*\/cache .*\/tree$/)
  expect(sha256(dirFlist)).toBe(before)
  expect(readdirSync(temp)).toEqual([])
})

test('from S3, through the write store with its credentials; the secret is never shown', async () => {
  const before = sha256(s3Flist)
  const lines: string[] = []
  const result = await unpackWithRfs(check(s3Flist, s3Store, lines))
  expect(result.differences).toEqual([])
  expect(result.compared).toBe(9)
  expect(sha256(s3Flist)).toBe(before)
  expect(readFileSync(s3Flist).includes(Buffer.from(SECRET))).toBe(false)
  expect(readdirSync(temp)).toEqual([])
  expectNoSecret(lines.join('\n'))
})

test('a source tree that changed after packing: one line per difference', async () => {
  const changed = join(work, 'changed')
  buildTree(changed)
  // The same big file as the packed one, with one byte changed past the first block.
  const big = readFileSync(join(tree, 'kernel', 'drivers', 'big.ko'))
  big[600_000] ^= 0xff
  writeFileSync(join(changed, 'kernel', 'drivers', 'big.ko'), big)
  writeFileSync(join(changed, 'modules.dep'), 'kernel/drivers/big.ko:\n')
  chmodSync(join(changed, 'run.sh'), 0o700)
  writeFileSync(join(changed, 'empty'), 'no longer empty')
  rmSync(join(changed, 'empty-dir'), { recursive: true })
  mkdirSync(join(changed, 'new-dir'))
  rmSync(join(changed, 'firmware'))
  symlinkSync('/usr/lib/firmware', join(changed, 'firmware'))
  const result = await unpackWithRfs(check(dirFlist, dirStore, [], changed))
  expect(result.differences).toEqual([
    '/empty: 15 bytes in the source tree, 0 in what rfs unpacked',
    '/empty-dir: in what rfs unpacked, not in the source tree',
    "/firmware: link to '/usr/lib/firmware' in the source tree, to '/lib/firmware' in what rfs unpacked",
    '/kernel/drivers/big.ko: content differs from byte 600000 in what rfs unpacked',
    '/new-dir: in the source tree, missing from what rfs unpacked',
    '/run.sh: mode 0700 in the source tree, 0755 in what rfs unpacked'
  ])
  expect(readdirSync(temp)).toEqual([])
})

test('a tampered blob in the store: rfs fails on the file, named inside the flist', async () => {
  const store = join(work, 'tampered-store')
  const stores = [{ start: 0, end: 255, url: `dir://${store}` }]
  const flist = await pack('tampered', stores, stores)
  const blobs = readdirSync(store, { recursive: true, encoding: 'utf8' })
    .map(name => join(store, name))
    .filter(path => /[0-9a-f]{64}$/.test(path))
  // The small files' blobs stay intact; the last blob of big.ko is the only one of its size.
  const sizes = blobs.map(path => readFileSync(path).length)
  const victim = blobs[sizes.indexOf(Math.max(...sizes))]
  const bytes = readFileSync(victim)
  bytes[100] ^= 0x01
  writeFileSync(victim, bytes)
  const lines: string[] = []
  const failure = unpackWithRfs(check(flist, stores, lines))
  await expect(failure).rejects.toThrow(UserError)
  const message = await failure.catch((error: Error) => error.message)
  expect(message).toMatch(
    /^verify rfs of modules-6\.12\.44-Zero-OS\.fl failed: rfs v2\.0\.6 unpack exited with code 1: Error: failed to download file '\/kernel\/drivers\/big\.ko': .*; nothing was published$/
  )
  expect(readdirSync(temp)).toEqual([])
})

test('a store rfs cannot read: one line, with the store URL redacted', async () => {
  const stores = [{ ...s3Store[0], url: s3Store[0].url.replace('/blobs?', '/no-such-bucket?') }]
  const lines: string[] = []
  const failure = unpackWithRfs(check(s3Flist, stores, lines))
  const message = await failure.catch((error: Error) => error.message)
  expect(message).toMatch(/^verify rfs of .* failed: rfs v2\.0\.6 unpack exited with code 1: /)
  expect(message).toContain(`s3://${s3.accessKey}:***@127.0.0.1:${s3.port}/no-such-bucket`)
  expectNoSecret([message, ...lines].join('\n'))
  expect(readdirSync(temp)).toEqual([])
})

test('the verify phase prints the first 20 differences, counts the rest, and fails in one line', async () => {
  const changed = join(work, 'many-changes')
  cpSync(tree, changed, { recursive: true, verbatimSymlinks: true })
  for (let i = 0; i < 25; i++)
    writeFileSync(join(changed, `extra-${String(i).padStart(2, '0')}`), '')
  const flist: FlistPlan = {
    kind: 'modules',
    name: 'modules-6.12.44-Zero-OS.fl',
    source: changed,
    path: dirFlist,
    manifestKey: 'm',
    url: 'u'
  }
  const counts = { files: 0, directories: 0, symlinks: 0, bytes: 0, blocks: 0 }
  const packed: PackedFlist[] = [
    {
      plan: flist,
      counts: { ...counts, blocksUploaded: 0, blocksPresent: 0 },
      sha256: '',
      encodedLengths: new Map()
    }
  ]
  const run = {
    plan: { writeStores: dirStore },
    settings: {},
    signal: new AbortController().signal
  } as unknown as PackContext
  const printed: string[] = []
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    printed.push(String(chunk))
    return true
  })
  let message = ''
  try {
    process.env.RUNNER_TEMP = temp
    await verifyFlists(packed, 'rfs', run, { ...rfs, source: 'path' }).catch(
      (error: Error) => (message = error.message)
    )
  } finally {
    write.mockRestore()
    delete process.env.RUNNER_TEMP
  }
  const lines = printed.join('').split('\n')
  const differences = lines.filter(line => line.startsWith(`${flist.name}: /`))
  expect(differences).toHaveLength(20)
  expect(differences[0]).toBe(
    `${flist.name}: /extra-00: in the source tree, missing from what rfs unpacked`
  )
  expect(lines.filter(line => line.includes('more'))).toEqual([`${flist.name}: … and 5 more`])
  expect(message).toBe(
    `verify rfs of ${flist.name} failed: what rfs v2.0.6 unpacked differs from ${changed} in 25 place(s), ` +
      'first /extra-00: in the source tree, missing from what rfs unpacked; nothing was published'
  )
  expect(readdirSync(temp)).toEqual([])
})
