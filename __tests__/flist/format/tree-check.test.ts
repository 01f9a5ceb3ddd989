// The refusals of each unsafe shape, through every reader, are in flist/read/unpack.test.ts; here
// the order of the entries, the fix each refusal gives, and the edges of the checks.
import { describe, expect, test } from '@jest/globals'
import { S_IFDIR, S_IFREG } from '../../../src/flist/format/modes.js'
import { checkedTree, UnsafeTree, type InodeRow } from '../../../src/flist/format/tree-check.js'

const DIRECTORY = S_IFDIR | 0o755
const FILE = S_IFREG | 0o644

/** An inode row as a reader hands it over: name bytes as given, the string decoded from them. */
function row(ino: number, parent: number, name: string | Buffer, mode = FILE): InodeRow {
  const nameBytes = typeof name === 'string' ? Buffer.from(name) : name
  return {
    inode: {
      ino,
      parent,
      name: nameBytes.toString('utf8'),
      size: 0,
      uid: 0,
      gid: 0,
      mode,
      rdev: 0,
      ctime: 0,
      mtime: 0
    },
    nameBytes
  }
}

const root = row(1, 0, '/', DIRECTORY)

/** The refusal checkedTree throws for these rows. */
function refusal(rows: InodeRow[]): UnsafeTree {
  try {
    checkedTree(rows)
  } catch (error) {
    expect(error).toBeInstanceOf(UnsafeTree)
    return error as UnsafeTree
  }
  throw new Error('the tree was not refused')
}

describe('checkedTree', () => {
  test('gives each directory before its entries, and its entries in inode order', () => {
    const rows = [
      root,
      row(2, 1, 'zeta', DIRECTORY),
      row(3, 1, 'alpha'),
      row(4, 2, 'inner', DIRECTORY),
      row(5, 4, 'deepest'),
      row(6, 2, 'beside')
    ]
    expect(checkedTree(rows).map(entry => [entry.path, entry.inode.ino])).toEqual([
      ['', 1],
      ['zeta', 2],
      ['zeta/inner', 4],
      ['zeta/inner/deepest', 5],
      ['zeta/beside', 6],
      ['alpha', 3]
    ])
  })

  test('a name of 255 bytes is a file name, one of 256 is not', () => {
    expect(checkedTree([root, row(2, 1, 'x'.repeat(255))])).toHaveLength(2)
    expect(refusal([root, row(2, 1, 'x'.repeat(256))]).message).toBe(
      'an entry of / has a name of 256 bytes, over the 255 a file name may have'
    )
  })

  test('a damaged tree is refused with the advice to pack it again', () => {
    const { message, fix } = refusal([root, row(2, 1, 'a'), row(3, 1, 'a')])
    expect(message).toBe('two entries are named /a (inodes 2 and 3)')
    expect(fix).toBe(
      'the flist is damaged or crafted: do not unpack or publish it, pack the tree again'
    )
  })

  test('names that rfs made one by replacing bytes that are not UTF-8 are to be renamed', () => {
    const { message, fix } = refusal([root, row(2, 1, 'fw\uFFFD.bin'), row(3, 1, 'fw\uFFFD.bin')])
    expect(message).toBe('two entries are named /fw\uFFFD.bin (inodes 2 and 3)')
    expect(fix).toBe(
      'names that are not UTF-8 become U+FFFD in rfs: rename them in the tree to UTF-8 and pack again'
    )
  })

  test('inodes that are each the parent of the other are not under the root', () => {
    const rows = [
      root,
      row(2, 1, 'kept'),
      row(3, 4, 'loop', DIRECTORY),
      row(4, 3, 'back', DIRECTORY)
    ]
    expect(refusal(rows).message).toBe(
      "inode 3 ('loop') is not under the root: its parent, inode 4, is not under the root either"
    )
  })

  test('the directory of a bad name is shown with its control bytes escaped', () => {
    const rows = [root, row(2, 1, 'tab\there', DIRECTORY), row(3, 2, '')]
    expect(refusal(rows).message).toBe('an entry of /tab\\x09here has an empty name')
  })

  test('rows without the root are no flist at all, not a damaged tree', () => {
    expect(() => checkedTree([row(2, 1, 'orphan')])).toThrow('inode 1 not found')
    expect(() => checkedTree([row(2, 1, 'orphan')])).not.toThrow(UnsafeTree)
  })
})
