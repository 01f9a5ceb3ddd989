import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { checkTreeNames, walkTree } from '../../../src/flist/pack/walk.js'
import { tempDir } from '../../helpers/tree.js'

describe('walkTree', () => {
  const work = tempDir('walk')

  test('numbers the root 1, then each directory level, children by the bytes of their names', async () => {
    const tree = join(work, 'ordered')
    mkdirSync(join(tree, 'b-dir', 'deeper'), { recursive: true })
    mkdirSync(join(tree, 'a-dir'))
    writeFileSync(join(tree, 'b-dir', 'deeper', 'last'), '')
    writeFileSync(join(tree, 'b-dir', 'file'), '')
    writeFileSync(join(tree, 'Zupper'), '')
    writeFileSync(join(tree, 'ünï'), '')
    // Byte order, not UTF-16 order: U+FF41 is EF BD 81, U+1F680 is F0 9F 9A 80 (D83D DE80).
    writeFileSync(join(tree, '\uFF41'), '')
    writeFileSync(join(tree, '\u{1F680}'), '')
    const items = await walkTree(tree)
    expect(items.map(item => [item.ino, item.parent, item.name.toString()])).toEqual([
      [1, 0, '/'],
      [2, 1, 'Zupper'],
      [3, 1, 'a-dir'],
      [4, 1, 'b-dir'],
      [5, 1, 'ünï'],
      [6, 1, '\uFF41'],
      [7, 1, '\u{1F680}'],
      [8, 4, 'deeper'],
      [9, 4, 'file'],
      [10, 8, 'last']
    ])
    expect(items[9].path.toString()).toBe(join(tree, 'b-dir', 'deeper', 'last'))
  })

  test('records symlinks with their target bytes, and never follows them', async () => {
    const tree = join(work, 'links')
    mkdirSync(join(tree, 'real'), { recursive: true })
    writeFileSync(join(tree, 'real', 'inside'), 'x')
    symlinkSync('real', join(tree, 'to-dir'))
    symlinkSync('/nowhere/at/all', join(tree, 'dangling'))
    const items = await walkTree(tree)
    const byName = new Map(items.map(item => [item.name.toString(), item]))
    expect(byName.get('to-dir')!.linkTarget!.toString()).toBe('real')
    expect(byName.get('dangling')!.linkTarget!.toString()).toBe('/nowhere/at/all')
    expect(byName.get('real')!.linkTarget).toBeUndefined()
    expect(items.filter(item => item.name.toString() === 'inside')).toHaveLength(1)
  })

  test('names that are not UTF-8 are refused, named with their bytes escaped', async () => {
    const tree = join(work, 'latin1')
    mkdirSync(join(tree, 'sub'), { recursive: true })
    // fw\xff.bin and fw\xfe.bin: both would be stored as fw\uFFFD.bin.
    for (const byte of [0xff, 0xfe])
      writeFileSync(
        Buffer.concat([Buffer.from(`${tree}/sub/fw`), Buffer.from([byte]), Buffer.from('.bin')]),
        'x'
      )
    const refusal = (escaped: string): RegExp =>
      new RegExp(
        `^${tree}/sub/fw\\\\x${escaped}\\.bin: the name is not UTF-8, and flists hold UTF-8 names: rename it to UTF-8 \\(e\\.g\\. convmv -f latin1 -t utf8 --notest\\) and pack again$`
      )
    await expect(walkTree(tree)).rejects.toThrow(refusal('fe'))
    // Without walking it into a list, and naming the same file.
    await expect(checkTreeNames(tree)).rejects.toThrow(refusal('fe'))
  })

  test('both checks name the same file, the first in the walk: the shallowest, then by bytes', async () => {
    const tree = join(work, 'latin1-dirs')
    for (const dir of ['a', 'b', 'a/deeper']) mkdirSync(join(tree, dir), { recursive: true })
    for (const dir of ['a/deeper', 'b', 'a']) {
      writeFileSync(Buffer.concat([Buffer.from(`${tree}/${dir}/fw`), Buffer.from([0xff])]), 'x')
    }
    const refusal = new RegExp(`^${tree}/a/fw\\\\xff: the name is not UTF-8`)
    await expect(walkTree(tree)).rejects.toThrow(refusal)
    await expect(checkTreeNames(tree)).rejects.toThrow(refusal)
  })

  test('a root that is missing, or not a directory, is refused naming it', async () => {
    const missing = join(work, 'missing')
    await expect(walkTree(missing)).rejects.toThrow(
      new RegExp(`^the directory to pack, ${missing}, does not exist$`)
    )
    const file = join(work, 'a-file')
    writeFileSync(file, 'x')
    await expect(walkTree(file)).rejects.toThrow(
      new RegExp(`^the path to pack, ${file}, is not a directory$`)
    )
    await expect(walkTree(join(file, 'below'))).rejects.toThrow(
      `the directory to pack, ${join(file, 'below')}, does not exist`
    )
  })

  test('a root that is a symlink to a directory is walked as that directory', async () => {
    const real = join(work, 'real-root')
    mkdirSync(real)
    writeFileSync(join(real, 'only'), 'x')
    const link = join(work, 'root-link')
    symlinkSync(real, link)
    const items = await walkTree(link)
    expect(items.map(item => item.name.toString())).toEqual(['/', 'only'])
    expect(items[0].stats.isDirectory()).toBe(true)
  })

  test('an abort stops the walk with its reason', async () => {
    const controller = new AbortController()
    controller.abort(new Error('stop now'))
    await expect(walkTree(join(work, 'ordered'), controller.signal)).rejects.toThrow('stop now')
    await expect(checkTreeNames(join(work, 'ordered'), controller.signal)).rejects.toThrow(
      'stop now'
    )
  })
})
