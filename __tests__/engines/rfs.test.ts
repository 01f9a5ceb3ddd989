import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { PackRequest } from '../../src/engines/engine.js'
import { createRfsEngine } from '../../src/engines/rfs.js'
import { UserError } from '../../src/common/errors.js'
import { FlistReader } from '../../src/flist/format/reader.js'
import { FlistWriter } from '../../src/flist/format/writer.js'
import { S_IFDIR, S_IFLNK, S_IFREG } from '../../src/flist/format/modes.js'
import { loadSqlite } from '../../src/flist/format/sqlite.js'
import { mangledHint } from '../../src/engines/rfs/credentials.js'
import { RUNNER_LABEL } from '../../src/common/input-label.js'
import {
  packRequest,
  removeTempDirs,
  standInScript,
  tempDir,
  writeExecutable
} from '../helpers/rfs/standin.js'
import { isRunning } from '../helpers/process.js'

// A secret with characters that must be percent-encoded in the URL, to catch both spellings.
const SECRET = 'p@ss/w0rd+Zq'
const ENCODED = encodeURIComponent(SECRET)
const S3_STORE = `s3://AKID:${ENCODED}@127.0.0.1:9000/blobs?region=garage`

let work: string
let prepared: string
beforeAll(async () => {
  work = tempDir('engine')
  prepared = join(work, 'prepared.fl')
  // An flist as rfs would leave it: the runner's uid, the checkout's times, one route per store.
  const writer = await FlistWriter.create()
  const id = (n: number): Uint8Array => new Uint8Array(32).fill(n)
  writer.inode({
    ino: 1,
    parent: 0,
    name: '/',
    size: 0,
    uid: 1001,
    gid: 1001,
    mode: S_IFDIR | 0o755,
    rdev: 0,
    ctime: 2e9,
    mtime: 2e9
  })
  writer.inode({
    ino: 2,
    parent: 1,
    name: 'a.ko',
    size: 600000,
    uid: 1001,
    gid: 1001,
    mode: S_IFREG | 0o644,
    rdev: 0,
    ctime: 2e9,
    mtime: 1e9
  })
  writer.inode({
    ino: 3,
    parent: 1,
    name: 'b.ko',
    size: 10,
    uid: 1001,
    gid: 1001,
    mode: S_IFREG | 0o644,
    rdev: 0,
    ctime: 2e9,
    mtime: 2e9
  })
  writer.inode({
    ino: 4,
    parent: 1,
    name: 'c',
    size: 4,
    uid: 1001,
    gid: 1001,
    mode: S_IFLNK | 0o777,
    rdev: 0,
    ctime: 2e9,
    mtime: 2e9,
    data: Buffer.from('a.ko')
  })
  writer.block(2, id(1), id(2))
  writer.block(2, id(3), id(4))
  writer.block(3, id(1), id(2))
  writer.route(0, 255, 's3://AKID@127.0.0.1:9000/blobs?region=garage')
  writer.save(prepared)
  writer.close()
})

afterAll(() => removeTempDirs())

/** A stand-in rfs that records each call's arguments, one a line, and acts per `body`. */
function recordingRfs(dir: string, body: string): { binary: string; calls: () => string[][] } {
  const calls = join(dir, 'calls')
  const script = standInScript(
    'v2.0.6',
    [
      `for a in "$@"; do printf '%s\\n' "$a"; done >> '${calls}'`,
      `echo '--' >> '${calls}'`,
      body
    ].join('\n')
  )
  const binary = writeExecutable(dir, script)
  return {
    binary,
    calls: () =>
      existsSync(calls)
        ? readFileSync(calls, 'utf8')
            .split('--\n')
            .filter(c => c)
            .map(c => c.trimEnd().split('\n'))
        : []
  }
}

function request(dir: string, overrides: Partial<PackRequest> = {}) {
  return packRequest(
    {
      source: join(dir, 'tree'),
      flistPath: join(dir, 'out', 'modules.fl.partial'),
      writeStores: [
        { start: 0x00, end: 0x7f, url: S3_STORE },
        { start: 0x80, end: 0xff, url: 'dir:///var/blobs' }
      ],
      routes: [
        { start: 0x00, end: 0x7f, url: 's3://AKID@127.0.0.1:9000/blobs?region=garage' },
        { start: 0x80, end: 0xff, url: 'dir:///var/blobs' }
      ]
    },
    overrides
  )
}

// An rfs built from its main branch, which has `config` (this stand-in only records the call).
const PACKS = `if [ "$1" = pack ]; then mkdir -p "$(dirname "$3")" && cp 'PREPARED' "$3"; echo "uploading to ${S3_STORE}"; fi`
// Like the v2.0.6 release, whose clap knows mount, pack and unpack only.
const RELEASE_PACKS = [
  PACKS,
  `case "$1" in mount|pack|unpack) ;; *) printf "error: unrecognized subcommand '%s'\\n\\nUsage: rfs [OPTIONS] <COMMAND>\\n" "$1" >&2; exit 2;; esac`
].join('\n')

test('packs with rfs pack, writes the tags in one rfs config call, and counts through the reader', async () => {
  const dir = tempDir('pack')
  const rfs = recordingRfs(dir, PACKS.replace('PREPARED', prepared))
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  expect(engine.name).toBe('rfs')
  expect(engine.version).toBe('v2.0.6')
  const req = request(dir)
  const counts = await engine.pack(req)

  expect(rfs.calls()).toEqual([
    [
      'pack',
      '-m',
      req.flistPath,
      '-s',
      `00-7f=${S3_STORE}`,
      '-s',
      '80-ff=dir:///var/blobs',
      req.source
    ],
    [
      'config',
      '-m',
      req.flistPath,
      'tag',
      'add',
      '-t',
      'kind=modules',
      '-t',
      'kernel-version=6.12.44-Zero-OS'
    ]
  ])
  expect(counts).toEqual({
    files: 2,
    directories: 1,
    symlinks: 1,
    bytes: 600010,
    blocks: 3,
    blocksUploaded: 2,
    blocksPresent: 0
  })
  // The command line is printed, with the password masked, and so is rfs's own output.
  expect(req.lines).toContain(
    `rfs pack modules: ${rfs.binary} pack -m ${req.flistPath} -s 00-7f=s3://AKID:***@127.0.0.1:9000/blobs?region=garage -s 80-ff=dir:///var/blobs ${req.source}`
  )
  expect(req.lines).toContain('uploading to s3://AKID:***@127.0.0.1:9000/blobs?region=garage')
  // In the phase's log group, with no group of its own: GitHub does not nest groups.
  expect(req.lines.filter(line => /::(end)?group::/.test(line))).toEqual([])
  expect(req.lines[0]).toMatch(/^rfs pack modules: /)
  const everything = req.lines.join('\n')
  expect(everything).not.toContain(ENCODED)
  expect(everything).not.toContain(SECRET)
})

test('an rfs release has no config command (v2.0.x): the tags go in through the built-in SQLite', async () => {
  const dir = tempDir('release')
  const rfs = recordingRfs(dir, RELEASE_PACKS.replace('PREPARED', prepared))
  const req = request(dir)
  const counts = await createRfsEngine({ path: rfs.binary, version: 'v2.0.6' }).pack(req)
  expect(rfs.calls().map(call => call.slice(0, 5))).toEqual([
    ['pack', '-m', req.flistPath, '-s', `00-7f=${S3_STORE}`],
    ['config', '-m', req.flistPath, 'tag', 'add']
  ])
  expect(req.lines).toContain(
    `${rfs.binary} has no config command (no rfs release up to v2.0.7 has one): tags and routes are written by the built-in SQLite`
  )
  const reader = await FlistReader.open(req.flistPath)
  try {
    expect(reader.tags()).toEqual([
      ['kind', 'modules'],
      ['kernel-version', '6.12.44-Zero-OS']
    ])
    // The routes rfs recorded stay when they are the ones asked for.
    expect(reader.routes()).toEqual([
      { start: 0, end: 255, url: 's3://AKID@127.0.0.1:9000/blobs?region=garage' }
    ])
  } finally {
    reader.close()
  }
  expect(counts.files).toBe(2)
})

test('a tag already in the flist takes the new value, as rfs config tag add does', async () => {
  const dir = tempDir('retag')
  const tagged = join(dir, 'tagged.fl')
  const writer = await FlistWriter.open(prepared)
  writer.tag('kind', 'firmware')
  writer.tag('author', 'rfs')
  writer.save(tagged)
  writer.close()
  const rfs = recordingRfs(dir, RELEASE_PACKS.replace('PREPARED', tagged))
  const req = request(dir)
  await createRfsEngine({ path: rfs.binary, version: 'v2.0.6' }).pack(req)
  const reader = await FlistReader.open(req.flistPath)
  try {
    expect(new Map(reader.tags())).toEqual(
      new Map([
        ['kind', 'modules'],
        ['author', 'rfs'],
        ['kernel-version', '6.12.44-Zero-OS']
      ])
    )
  } finally {
    reader.close()
  }
})

test('routes other than the write stores are rewritten with rfs config store', async () => {
  const dir = tempDir('routes')
  const rfs = recordingRfs(dir, PACKS.replace('PREPARED', prepared))
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  const req = request(dir, {
    tags: [],
    routes: [{ start: 0, end: 255, url: 'https://hub.example.com/blobs' }]
  })
  await engine.pack(req)
  expect(rfs.calls().slice(1)).toEqual([
    ['config', '-m', req.flistPath, 'store', 'delete', '--all'],
    ['config', '-m', req.flistPath, 'store', 'add', '-s', 'https://hub.example.com/blobs']
  ])
})

test('without a config command, other routes replace the ones rfs recorded', async () => {
  const dir = tempDir('release-routes')
  const rfs = recordingRfs(dir, RELEASE_PACKS.replace('PREPARED', prepared))
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  const req = request(dir, {
    tags: [],
    routes: [
      { start: 0, end: 0x7f, url: 'https://hub.example.com/blobs' },
      { start: 0x80, end: 0xff, url: 'dir:///var/blobs' }
    ]
  })
  await engine.pack(req)
  expect(rfs.calls().slice(1)).toEqual([
    ['config', '-m', req.flistPath, 'store', 'delete', '--all']
  ])
  const reader = await FlistReader.open(req.flistPath)
  try {
    expect(reader.routes()).toEqual([
      { start: 0, end: 127, url: 'https://hub.example.com/blobs' },
      { start: 128, end: 255, url: 'dir:///var/blobs' }
    ])
    expect(reader.tags()).toEqual([])
  } finally {
    reader.close()
  }
})

test('rfs gets S3 credentials spelled as it signs with them: + $ & , literally, not percent-encoded', async () => {
  const dir = tempDir('credentials')
  const rfs = recordingRfs(dir, 'echo "put object over s3 storage: 403" >&2; exit 1')
  const secret = "Zq+x$y&z,w~(1)!*'"
  const store = `s3://AK%2Bid:${encodeURIComponent(secret)}@127.0.0.1:9000/blobs?region=garage`
  const req = request(dir, { writeStores: [{ start: 0, end: 255, url: store }] })
  const failure = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' }).pack(req)
  // Nothing rfs cannot take literally: no hint about the credentials.
  await expect(failure).rejects.toThrow(
    /^rfs pack modules failed: rfs exited with code 1: put object over s3 storage: 403; nothing was published$/
  )
  expect(rfs.calls()[0][4]).toBe(`s3://AK+id:${secret}@127.0.0.1:9000/blobs?region=garage`)
  expect(req.lines.join('\n')).not.toContain(secret)
})

test('files rfs could not upload fail the pack even when rfs exits 0, as v2.0.6 does', async () => {
  const dir = tempDir('short')
  const short = join(dir, 'short.fl')
  // rfs v2.0.6 logs the failure of b.ko's only block, writes no block row for it, and exits 0.
  const SQL = await loadSqlite()
  const db = new SQL.Database(readFileSync(prepared))
  db.run('delete from block where ino = 3')
  writeFileSync(short, db.export())
  db.close()
  const body = [
    PACKS.replace('PREPARED', short),
    `echo "2024-03-14T09:00:00Z ERROR [rfs::pack] failed to upload file (\\"b.ko\\"): put object over s3 storage"`
  ].join('\n')
  const rfs = recordingRfs(dir, body)
  const req = request(dir)
  const failure = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' }).pack(req)
  await expect(failure).rejects.toThrow(
    'rfs pack modules failed: 1 file(s) lack blocks, first b.ko: rfs could not upload them (its log above says why); nothing was published'
  )
  expect(existsSync(req.flistPath)).toBe(false)
})

test('owner and SOURCE_DATE_EPOCH, which rfs cannot do, are applied to the written flist', async () => {
  const dir = tempDir('owner')
  const rfs = recordingRfs(dir, PACKS.replace('PREPARED', prepared))
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  const req = request(dir, { owner: { uid: 0, gid: 0 }, sourceDateEpoch: 1.5e9 })
  await engine.pack(req)
  const reader = await FlistReader.open(req.flistPath)
  try {
    const inodes = [...reader.walk()].map(entry => entry.inode)
    expect(inodes.map(i => [i.uid, i.gid])).toEqual(inodes.map(() => [0, 0]))
    expect(inodes.map(i => [i.mtime, i.ctime])).toEqual([
      [1.5e9, 1.5e9],
      [1e9, 1.5e9],
      [1.5e9, 1.5e9],
      [1.5e9, 1.5e9]
    ])
    expect(reader.blocks(2)).toHaveLength(2)
  } finally {
    reader.close()
  }
})

test('a failing rfs publishes nothing, and neither the error nor the log holds the secret', async () => {
  const dir = tempDir('failing')
  const body = [
    PACKS.replace('PREPARED', prepared),
    `echo "::add-mask::${SECRET}"`,
    `echo "::set-output name=modules-flist::evil"`,
    `echo "[ERROR] put object over s3 storage: 403 for AKID:${SECRET}" >&2`,
    `echo "Error: failed to upload (1) files, store ${S3_STORE}" >&2`,
    'exit 1'
  ].join('\n')
  const rfs = recordingRfs(dir, body)
  const engine = createRfsEngine({ path: rfs.binary, version: 'v2.0.6' })
  const req = request(dir)
  const failure = engine.pack(req)
  await expect(failure).rejects.toThrow(UserError)
  const message = await failure.catch((error: Error) => error.message)
  expect(message).toBe(
    'rfs pack modules failed: rfs exited with code 1: Error: failed to upload (1) files, store s3://AKID:***@127.0.0.1:9000/blobs?region=garage; nothing was published; ' +
      mangledHint(RUNNER_LABEL)
  )
  expect(existsSync(req.flistPath)).toBe(false)
  // Only pack ran: no tags were written into a broken flist.
  expect(rfs.calls()).toHaveLength(1)
  // The end of rfs's output is shown again after the folded group.
  expect(req.lines).toContain('rfs pack modules exited with code 1; its last 4 lines:')
  // rfs's output cannot steer the runner: commands are defused, masks dropped.
  expect(req.lines).toContain(': :set-output name=modules-flist::evil')
  expect(req.lines.join('\n')).not.toMatch(/^::/m)
  expect(req.lines.at(-2)).toBe('[ERROR] put object over s3 storage: 403 for AKID:***')
  const everything = [message, ...req.lines].join('\n')
  expect(everything).not.toContain(ENCODED)
  expect(everything).not.toContain(SECRET)
})

test('a binary that vanished is one line, and a cancelled pack stops rfs', async () => {
  const dir = tempDir('gone')
  const engine = createRfsEngine({ path: join(dir, 'rfs'), version: 'v2.0.6' })
  await expect(engine.pack(request(dir))).rejects.toThrow(
    /^rfs pack modules: could not run .*rfs: .*ENOENT/
  )

  const slow = recordingRfs(dir, 'exec sleep 30')
  const controller = new AbortController()
  const cancelled = createRfsEngine({ path: slow.binary, version: 'v2.0.6' }).pack(
    request(dir, { signal: controller.signal })
  )
  setTimeout(() => controller.abort(), 100)
  await expect(cancelled).rejects.toThrow('rfs pack modules was cancelled')
  rmSync(dir, { recursive: true, force: true })
})

test('a cancelled rfs that ignores SIGTERM gets SIGKILL after the grace, and is gone when the pack ends', async () => {
  const dir = tempDir('stubborn')
  const pidFile = join(dir, 'pid')
  const signals = join(dir, 'signals')
  // Holds the secret on its command line, so it must not outlive the run.
  const stubborn = recordingRfs(
    dir,
    [
      `trap 'echo TERM >> "${signals}"' TERM`,
      `echo $$ > '${pidFile}.tmp' && mv '${pidFile}.tmp' '${pidFile}'`,
      'while :; do sleep 0.05; done'
    ].join('\n')
  )
  const controller = new AbortController()
  const cancelled = createRfsEngine(
    { path: stubborn.binary, version: 'v2.0.6' },
    { killGraceMs: 500 }
  ).pack(request(dir, { signal: controller.signal }))
  while (!existsSync(pidFile)) await new Promise(resolve => setTimeout(resolve, 20))
  const pid = Number(readFileSync(pidFile, 'utf8'))
  controller.abort()
  try {
    await expect(cancelled).rejects.toThrow('rfs pack modules was cancelled')
    expect(isRunning(pid)).toBe(false)
    expect(readFileSync(signals, 'utf8')).toMatch(/^TERM$/m)
  } finally {
    if (isRunning(pid)) process.kill(pid, 'SIGKILL')
  }
})

test('an rfs that exits 0 without writing the flist is one line that says so', async () => {
  const dir = tempDir('no-flist')
  const quiet = recordingRfs(dir, 'exit 0')
  const req = request(dir)
  const failure = createRfsEngine({ path: quiet.binary, version: 'v2.0.6' }).pack(req)
  await expect(failure).rejects.toThrow(UserError)
  const message = await failure.catch((error: Error) => error.message)
  expect(message).toBe(
    `rfs pack modules: ${quiet.binary} exited with code 0 without writing the flist: ` +
      `check that it is rfs (${quiet.binary} --version, or set input rfs-path); nothing was published`
  )
  expect(existsSync(req.flistPath)).toBe(false)
})
