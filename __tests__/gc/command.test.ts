// `rfs gc` as a user types it: its flags, the grace period, and the report it prints, over a
// dir:// store and a directory of manifests written with the sqlite3 shell.
import { afterAll, describe, expect, test } from '@jest/globals'
import { existsSync, mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { formatAge, gcCommand, parseGrace } from '../../src/gc/command.js'
import { UsageError } from '../../src/flist/cli/args.js'
import { UserError } from '../../src/common/errors.js'
import { fileRow, flistWith, hashLiteral } from '../helpers/sql-flist.js'
import { tempDir } from '../helpers/tree.js'

const HOUR = 3_600_000
const work = tempDir('gc-command')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A store with one referenced blob and two unreferenced ones, 5 hours and 3 days old. */
function setup(name: string): { manifests: string; store: string; root: string } {
  const manifests = join(work, name, 'manifests')
  const root = join(work, name, 'store')
  mkdirSync(manifests, { recursive: true })
  mkdirSync(root, { recursive: true })
  renameSync(
    flistWith(
      manifests,
      fileRow(2, 1, 'a.ko', 3),
      `insert into block values (2, ${hashLiteral(0x11)}, ${hashLiteral(1)})`
    ),
    join(manifests, 'modules.fl')
  )
  const blobs: Array<[string, string, number]> = [
    ['11'.repeat(32), 'used', 0],
    ['22'.repeat(32), 'five', 5 * HOUR],
    ['33'.repeat(32), 'three d', 72 * HOUR]
  ]
  for (const [id, body, age] of blobs) {
    writeFileSync(join(root, id), body)
    const when = new Date(Date.now() - age - 60_000)
    utimesSync(join(root, id), when, when)
  }
  return { manifests, store: `dir://${root}`, root }
}

async function gc(argv: string[]): Promise<{ out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  await gcCommand(argv, { out: line => out.push(line), err: line => err.push(line) })
  return { out, err }
}

describe('the report', () => {
  test('without --delete: the counts, the bytes and the newest age; nothing is removed', async () => {
    const { manifests, store, root } = setup('report')
    const { out } = await gc(['-m', manifests, '-s', store])
    expect(out).toEqual([
      'manifests: 1',
      'blobs referenced: 1',
      'blobs stored: 3',
      'unreferenced: 2 blobs, 11 bytes (11 B)',
      'newest unreferenced: 5h old'
    ])
    expect(existsSync(join(root, '33'.repeat(32)))).toBe(true)
  })

  test('with --delete: what went and what the grace period kept, named as it was given', async () => {
    const { manifests, store, root } = setup('delete')
    const { out } = await gc([
      '--manifests',
      manifests,
      '--store',
      store,
      '--delete',
      '--grace',
      '1d'
    ])
    expect(out.slice(5)).toEqual(['deleted: 1 blobs, 7 bytes (7 B)', 'kept (younger than 1d): 1'])
    expect(existsSync(join(root, '33'.repeat(32)))).toBe(false)
    expect(existsSync(join(root, '22'.repeat(32)))).toBe(true)
  })

  test('an unreadable manifest fails the run after the report, in one line naming it', async () => {
    const { manifests, store } = setup('unreadable')
    writeFileSync(join(manifests, 'broken.fl'), 'not an sqlite database')
    const out: string[] = []
    const run = gcCommand(['-m', manifests, '-s', store], {
      out: line => out.push(line),
      err: () => undefined
    })
    await expect(run).rejects.toThrow(UserError)
    await expect(run).rejects.toThrow(
      /^1 manifest\(s\) could not be read, so the counts above include blobs they may reference \(first: .*broken\.fl/
    )
    expect(out[0]).toBe('manifests: 2')
  })
})

describe('the flags', () => {
  test.each([
    [['-s', 'dir:///x'], 'the following required argument was not provided: --manifests'],
    [['-m', '/x'], 'the following required argument was not provided: --store'],
    [['-m', '/x', '-s', 'dir:///x', '--grace', '1d'], "'--grace' only applies with '--delete'"],
    [['-m', '/x', '-s', 'dir:///x', 'extra'], "unexpected argument 'extra'"],
    [
      ['-m', '/x', '-s', 'dir:///x', '--delete', '--grace', '7'],
      "invalid value '7' for '--grace': write a duration such as 7d, 36h or 90m"
    ]
  ])('%j is refused: %s', async (argv, message) => {
    const run = gc(argv)
    await expect(run).rejects.toThrow(UsageError)
    await expect(run).rejects.toThrow(message)
  })

  test('a grace period is seconds, minutes, hours or days, or 0', () => {
    expect(parseGrace('45s')).toBe(45_000)
    expect(parseGrace('90m')).toBe(90 * 60_000)
    expect(parseGrace('36h')).toBe(36 * HOUR)
    expect(parseGrace(' 7d ')).toBe(7 * 24 * HOUR)
    expect(parseGrace('0')).toBe(0)
    for (const text of ['', '1w', '-1d', '1.5h', 'd', '00']) {
      expect(() => parseGrace(text)).toThrow(`invalid value '${text}' for '--grace'`)
    }
  })
})

test('ages go up a unit at 120 seconds, 120 minutes and 48 hours', () => {
  const s = 1000
  expect(formatAge(119 * s + 999)).toBe('119s')
  expect(formatAge(120 * s)).toBe('2m')
  expect(formatAge(7199 * s)).toBe('119m')
  expect(formatAge(7200 * s)).toBe('2h')
  expect(formatAge(2 * 86_400 * s - s)).toBe('47h')
  expect(formatAge(2 * 86_400 * s)).toBe('2d')
})
