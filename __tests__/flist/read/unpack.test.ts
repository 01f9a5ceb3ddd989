// Crafted flists (rows changed with the sqlite3 shell) must not make unpack write outside its
// target, and a failed unpack leaves nothing behind. The reader refuses the unsafe shapes, so
// verify and the rfs engine's checks refuse them too.
import { execFileSync } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { runCli } from '../../../src/rfs-cli-commands.js'
import { packTree } from '../../../src/flist/pack/pack.js'
import { FlistReader } from '../../../src/flist/format/reader.js'
import { unpackFlist } from '../../../src/flist/read/unpack.js'
import { verifyFlist } from '../../../src/flist/read/verify.js'
import { filesMissingBlocks } from '../../../src/engines/rfs/missing-blocks.js'
import { openStores } from '../../../src/store/open.js'
import { describeTree, tempDir } from '../../helpers/tree.js'

const work = tempDir('unpack-safety')
const outside = join(work, 'outside')
const store = join(work, 'store')
const base = join(work, 'base.fl')
afterAll(() => rmSync(work, { recursive: true, force: true }))

beforeAll(async () => {
  mkdirSync(outside, { mode: 0o755 })
  const source = join(work, 'source')
  mkdirSync(join(source, 'sub'), { recursive: true })
  mkdirSync(join(source, 'deep', 'er'), { recursive: true })
  writeFileSync(join(source, 'a.txt'), 'alpha\n')
  writeFileSync(join(source, 'b.txt'), 'bravo\n')
  writeFileSync(join(source, 'sub', 'f'), 'payload\n')
  // 'link' sorts before 'sub': the link gets the lower inode number and is unpacked first.
  symlinkSync(outside, join(source, 'link'))
  symlinkSync(outside, join(source, 'deep', 'er', 'link2'))
  const specs = [{ start: 0, end: 255, url: `dir://${store}` }]
  await packTree({
    source,
    flistPath: base,
    stores: await openStores(specs),
    routes: specs,
    tags: [],
    log: () => undefined,
    workers: 1
  })
})

// A case that escapes the target must not make the next one fail.
beforeEach(() => {
  rmSync(outside, { recursive: true, force: true })
  mkdirSync(outside, { mode: 0o755 })
})

let crafted = 0

/** A copy of the sound flist with the statements applied by the sqlite3 shell. */
function craft(...statements: string[]): string {
  const path = join(work, `crafted-${++crafted}.fl`)
  copyFileSync(base, path)
  execFileSync('sqlite3', [path, statements.join('; ')])
  return path
}

let targets = 0
const freshTarget = (): string => join(work, 'targets', String(++targets))

function expectOutsideUntouched(): void {
  expect(readdirSync(outside)).toEqual([])
  expect(lstatSync(outside).mode & 0o7777).toBe(0o755)
}

/** Refused by unpack, by the reader, by verify and by the rfs engine's check: one line each. */
async function expectRefused(flist: string, message: RegExp): Promise<void> {
  const target = freshTarget()
  const refusals: Array<() => Promise<unknown>> = [
    () => unpackFlist(flist, target),
    () => FlistReader.open(flist).then(reader => reader.close()),
    () => verifyFlist(flist, 'exists'),
    () => verifyFlist(flist, 'full'),
    () => filesMissingBlocks(flist)
  ]
  for (const refusal of refusals) {
    const error = await refusal().then(
      () => undefined,
      (thrown: unknown) => thrown
    )
    expectOutsideUntouched()
    expect(existsSync(target)).toBe(false)
    expect(error).toBeInstanceOf(Error)
    const text = (error as Error).message
    expect(text).toMatch(message)
    expect(text.startsWith(`${flist}: `)).toBe(true)
    expect(text).not.toContain('\n')
  }
}

const named = (name: string, sql: string): string =>
  `update inode set ${sql} where name = '${name}'`

describe('unpack of crafted flists', () => {
  test('the sound flist unpacks', async () => {
    const target = freshTarget()
    await unpackFlist(base, target)
    expect(describeTree(target)).toEqual(describeTree(join(work, 'source')))
    expectOutsideUntouched()
  })

  // Owners can only be given by root.
  const asRoot = process.getuid?.() === 0 ? test : test.skip
  asRoot(
    'recorded owners are given to files, directories and links, never through a link',
    async () => {
      const target = freshTarget()
      await unpackFlist(craft('update inode set uid = 1234, gid = 5678'), target, {
        preserveOwnership: true
      })
      for (const path of ['', 'a.txt', 'sub', 'sub/f', 'link', 'deep/er/link2']) {
        expect([
          path,
          lstatSync(join(target, path)).uid,
          lstatSync(join(target, path)).gid
        ]).toEqual([path, 1234, 5678])
      }
      expect(lstatSync(outside).uid).toBe(0)
    }
  )

  // The directory's mode is 0777: an unpack that chmods through the link opens up the outside.
  test('a symlink and then a directory of the same name', async () => {
    await expectRefused(
      craft(named('sub', "name = 'link', mode = 16895")),
      /two entries are named \/link \(inodes \d+ and \d+\)/
    )
  })

  test('a directory and then a symlink of the same name', async () => {
    await expectRefused(
      craft(named('link', "name = 'sub'")),
      /two entries are named \/sub \(inodes \d+ and \d+\)/
    )
  })

  test('a symlink deep in the tree and a directory of its name beside it', async () => {
    await expectRefused(
      craft(
        named(
          'sub',
          "name = 'link2', mode = 16895, parent = (select ino from inode where name = 'er')"
        )
      ),
      /two entries are named \/deep\/er\/link2/
    )
  })

  test('a file and then a directory of the same name', async () => {
    await expectRefused(craft(named('sub', "name = 'a.txt'")), /two entries are named \/a\.txt/)
  })

  test('two files of the same name', async () => {
    await expectRefused(craft(named('b.txt', "name = 'a.txt'")), /two entries are named \/a\.txt/)
  })

  test.each([
    ['..', "'..'", /an entry of \/ is named '\.\.'/],
    ['.', "'.'", /an entry of \/ is named '\.'/],
    ['empty', "''", /an entry of \/ has an empty name/],
    ['null', 'null', /an entry of \/ has an empty name/],
    ['a slash', "'link/f'", /an entry of \/ is named 'link\/f'/],
    ['an absolute path', `'${outside}/f'`, /an entry of \/ is named '\/.*\/outside\/f'/],
    ['a NUL byte (text)', "cast(x'6c696e6b0066' as text)", /an entry of \/ is named 'link\\x00f'/],
    ['a NUL byte (blob)', "x'6c696e6b00'", /an entry of \/ is named 'link\\x00'/],
    ['256 bytes', `'${'x'.repeat(256)}'`, /an entry of \/ has a name of 256 bytes, over the 255/],
    ['bytes that are not UTF-8', "x'6677ff2e62696e'", /the name of \/fw\\xff\.bin is not UTF-8/]
  ])('a directory named with %s', async (_, name, message) => {
    await expectRefused(craft(named('sub', `name = ${name}`)), message)
  })

  test('two names that differ only in bytes that are not UTF-8', async () => {
    await expectRefused(
      craft(named('a.txt', "name = x'6677ff2e62696e'"), named('b.txt', "name = x'6677fe2e62696e'")),
      /the name of \/fw\\xff\.bin is not UTF-8/
    )
  })

  // Without its primary key the inode table can hold one number twice: a directory whose second
  // row sits under itself would make the walk from the root go round for ever.
  test('an inode number used twice, once under itself', async () => {
    await expectRefused(
      craft(
        'create table copy as select * from inode',
        'drop table inode',
        'alter table copy rename to inode',
        "insert into inode select ino, ino, 'loop', size, uid, gid, mode, rdev, ctime, mtime from inode where name = 'sub'"
      ),
      /inode \d+ is recorded twice \('sub' and 'loop'\)/
    )
  })

  test('an entry under a symlink', async () => {
    await expectRefused(
      craft(named('f', "parent = (select ino from inode where name = 'link')")),
      /\/link\/f is under a symlink, not a directory/
    )
  })

  test('an entry under a missing parent', async () => {
    await expectRefused(
      craft(named('f', 'parent = 999')),
      /inode \d+ \('f'\) is not under the root: its parent, inode 999, is not in the flist/
    )
  })

  test('a root that is not a directory', async () => {
    await expectRefused(
      craft(
        'update inode set mode = 41471 where ino = 1',
        `insert into extra (ino, data) values (1, '${outside}')`
      ),
      /its root \(inode 1\) is a symlink, not a directory/
    )
  })

  test('a symlink without a target, or with a NUL byte in it', async () => {
    await expectRefused(
      craft("delete from extra where ino = (select ino from inode where name = 'link')"),
      /the symlink \/link has no target/
    )
    await expectRefused(
      craft(
        `update extra set data = x'2f746d70002f78' where ino = (select ino from inode where name = 'link')`
      ),
      /the symlink \/link has a NUL byte in its target/
    )
  })

  test('the CLI prints the refusal on one line naming the flist and the entry', async () => {
    const flist = craft(named('sub', "name = 'link'"))
    const err: string[] = []
    const target = freshTarget()
    const code = await runCli(['unpack', '-m', flist, target], {
      out: () => undefined,
      err: line => err.push(line)
    })
    expect(code).toBe(1)
    expect(err).toEqual([
      expect.stringMatching(/^Error: .*crafted-\d+\.fl: two entries are named \/link/)
    ])
    expect(existsSync(target)).toBe(false)
    expectOutsideUntouched()
  })
})

describe('a failed unpack leaves nothing behind', () => {
  test('a file whose blocks hold fewer or more bytes than its size', async () => {
    for (const [change, message] of [
      ['size + 1', 'its blocks hold 8 bytes, its inode says 9'],
      ['size - 1', 'its blocks hold more than the 7 bytes its inode says']
    ]) {
      const flist = craft(named('f', `size = ${change}`))
      const target = freshTarget()
      await expect(unpackFlist(flist, target)).rejects.toThrow(`${flist}: /sub/f: ${message}`)
      expect(existsSync(target)).toBe(false)
    }
  })

  // A small flist can name one blob for ever more blocks: the unpack stops at the first byte past
  // the recorded size rather than fill the disk (the next block here is in no store).
  test('a file with more blocks than its size holds stops at the first block past it', async () => {
    const flist = craft(
      named('f', 'size = 3'),
      "insert into block select ino, zeroblob(32), zeroblob(32) from inode where name = 'f'"
    )
    const target = freshTarget()
    await expect(unpackFlist(flist, target)).rejects.toThrow(
      `${flist}: /sub/f: its blocks hold more than the 3 bytes its inode says`
    )
    expect(existsSync(target)).toBe(false)
  })

  test('a missing blob: a target the unpack made is removed, one that was empty stays empty', async () => {
    const partial = join(work, 'partial-store')
    cpSync(store, partial, { recursive: true })
    const blobs = readdirSync(partial, { recursive: true, withFileTypes: true }).filter(entry =>
      entry.isFile()
    )
    rmSync(join(blobs[0].parentPath, blobs[0].name))
    const stores = [{ start: 0, end: 255, url: `dir://${partial}` }]
    const made = freshTarget()
    await expect(unpackFlist(base, made, { stores })).rejects.toThrow(/is not in 00-ff=dir:\/\//)
    expect(existsSync(made)).toBe(false)
    const empty = freshTarget()
    mkdirSync(empty, { recursive: true, mode: 0o750 })
    await expect(unpackFlist(base, empty, { stores })).rejects.toThrow(/is not in 00-ff=dir:\/\//)
    expect(readdirSync(empty)).toEqual([])
    expect(lstatSync(empty).mode & 0o7777).toBe(0o750)
  })

  test('a cancelled unpack removes what it made', async () => {
    const source = join(work, 'with-fifo')
    mkdirSync(join(source, 'dir'), { recursive: true })
    writeFileSync(join(source, 'dir', 'file'), 'content\n')
    execFileSync('mkfifo', [join(source, 'fifo')])
    const flist = join(work, 'with-fifo.fl')
    const specs = [{ start: 0, end: 255, url: `dir://${store}` }]
    await packTree({
      source,
      flistPath: flist,
      stores: await openStores(specs),
      routes: specs,
      tags: [],
      log: () => undefined,
      workers: 1
    })
    // The fifo is logged as not recreated once the directories are made: cancel right then.
    const controller = new AbortController()
    const target = freshTarget()
    const unpacking = unpackFlist(flist, target, {
      signal: controller.signal,
      log: () => controller.abort(new Error('cancelled'))
    })
    await expect(unpacking).rejects.toThrow('cancelled')
    expect(existsSync(target)).toBe(false)
  })

  test('a target that is not empty is refused with one line, and left as it was', async () => {
    const target = freshTarget()
    mkdirSync(target, { recursive: true })
    writeFileSync(join(target, 'mine'), 'keep me\n')
    await expect(unpackFlist(base, target)).rejects.toThrow(
      new RegExp(`^the unpack target ${target} is not empty: unpack into a new or empty directory$`)
    )
    expect(readdirSync(target)).toEqual(['mine'])
  })

  test('a target that is a file, or under one, is refused with one line', async () => {
    const target = freshTarget()
    mkdirSync(join(target, '..'), { recursive: true })
    writeFileSync(target, 'a file\n')
    await expect(unpackFlist(base, target)).rejects.toThrow(
      new RegExp(`^the unpack target ${target} is not a directory`)
    )
    await expect(unpackFlist(base, join(target, 'below'))).rejects.toThrow(
      new RegExp(
        `^the unpack target ${target}/below cannot be used \\(part of its path is a file, not a directory\\)`
      )
    )
  })
})
