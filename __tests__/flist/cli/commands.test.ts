import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, test } from '@jest/globals'
import { runCli } from '../../../src/rfs-cli-commands.js'
import { describeTree, makeAwkwardTree, tempDir } from '../../helpers/tree.js'

const require = createRequire(import.meta.url)

async function rfs(...argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: line => out.push(line), err: line => err.push(line) })
  return { code, out, err }
}

describe('engine CLI', () => {
  const work = tempDir('cli')
  const source = join(work, 'source')
  const meta = join(work, 'tree.fl')
  const low = join(work, 'low')
  const high = join(work, 'high')

  beforeAll(async () => {
    makeAwkwardTree(source)
    const packed = await rfs(
      'pack',
      '-m',
      meta,
      '-s',
      `00-7f=dir://${low}`,
      '--store',
      `80-ff=dir://${high}`,
      source
    )
    expect(packed).toMatchObject({ code: 0, out: [] })
  })

  test('pack records the stores as routes; unpack rebuilds the tree', async () => {
    expect((await rfs('config', '-m', meta, 'store', 'list')).out).toEqual([
      'routes:',
      `\trange:[0-127] store:dir://${low}`,
      `\trange:[128-255] store:dir://${high}`
    ])
    const target = join(work, 'out')
    expect((await rfs('unpack', '-m', meta, target)).code).toBe(0)
    expect(describeTree(target)).toEqual(describeTree(source))
  })

  test('config tag add, list and delete', async () => {
    const tagged = join(work, 'tagged.fl')
    await rfs('pack', '-m', tagged, '-s', `dir://${low}`, source)
    expect((await rfs('config', '-m', tagged, 'tag', 'list')).out).toEqual([])
    expect(
      (
        await rfs(
          'config',
          '-m',
          tagged,
          'tag',
          'add',
          '-t',
          'kernel-version=6.12.44-Zero-OS',
          '-t',
          'eq=a=b'
        )
      ).code
    ).toBe(0)
    expect((await rfs('config', '--meta', tagged, 'tag', 'list')).out).toEqual([
      'tags:',
      '\tkernel-version=6.12.44-Zero-OS',
      '\teq=a=b'
    ])
    await rfs('config', '-m', tagged, 'tag', 'delete', '-k', 'eq')
    expect((await rfs('config', '-m', tagged, 'tag', 'list')).out).toEqual([
      'tags:',
      '\tkernel-version=6.12.44-Zero-OS'
    ])
    await rfs('config', '-m', tagged, 'tag', 'delete', '--all')
    expect((await rfs('config', '-m', tagged, 'tag', 'list')).out).toEqual([])
    const bad = await rfs('config', '-m', tagged, 'tag', 'add', '-t', 'novalue')
    expect(bad.code).toBe(2)
    expect(bad.err[0]).toMatch(/no `=` found/)
  })

  test('flist inspect prints entries and the summary; flist tree prints the hierarchy', async () => {
    const inspect = await rfs('flist', 'inspect', meta)
    expect(inspect.code).toBe(0)
    expect(inspect.out.slice(0, 3)).toEqual(['Path: /', '  Type: Directory', '  Inode: 1'])
    expect(inspect.out).toContain('  Link Target: ../small.txt')
    expect(inspect.out.slice(-6)).toEqual([
      `Flist Inspection: ${meta}`,
      '==================',
      'Files: 13',
      'Directories: 29',
      'Symlinks: 4',
      `Total size: ${Object.values(describeTree(source)).reduce((sum, entry) => sum + (entry.size ?? 0), 0)} bytes`
    ])
    const tree = await rfs('flist', 'tree', meta)
    expect(tree.out[0]).toBe('📁 /')
    expect(tree.out).toContain('  📄 block-exact.bin')
    expect(tree.out).toContain('    🔗 relative')
  })

  test('usage mistakes exit 2, failures exit 1, each with one line', async () => {
    expect(await rfs('pack', '-m', join(work, 'x.fl'), source)).toMatchObject({ code: 2 })
    expect(await rfs('frobnicate')).toMatchObject({ code: 2 })
    const missing = await rfs('flist', 'inspect', join(work, 'missing.fl'))
    expect(missing.code).toBe(1)
    expect(missing.err).toEqual([expect.stringMatching(/^Error: .*missing\.fl/)])
    const zdb = await rfs('pack', '-m', join(work, 'z.fl'), '-s', 'zdb://u:pw@hub:9900/ns', source)
    expect(zdb).toMatchObject({ code: 1, err: [expect.stringMatching(/^Error: .*engine: rfs/)] })
    expect(zdb.err[0]).not.toContain('pw@')
  })

  test('runs as a process: --version as rfs prints it, exit status on failure', () => {
    const loader = join(require.resolve('tsx/package.json'), '..', 'dist', 'loader.mjs')
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', loader, 'src/rfs-cli.ts', ...args], {
        encoding: 'utf8'
      })
    const version = run('--version')
    expect(version.status).toBe(0)
    expect(version.stdout).toMatch(/^rfs \d+\.\d+\.\d+-native\n$/)
    const failed = run('unpack', '-m', join(work, 'missing.fl'), join(work, 'nowhere'))
    expect(failed.status).toBe(1)
    expect(failed.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('engine CLI errors of the operating system', () => {
  const work = tempDir('cli-os')
  const source = join(work, 'source')
  const meta = join(work, 'tree.fl')

  beforeAll(async () => {
    makeAwkwardTree(source)
    expect((await rfs('pack', '-m', meta, '-s', `dir://${join(work, 'store')}`, source)).code).toBe(
      0
    )
  })

  test.each([
    ['a file', (target: string) => writeFileSync(target, 'x'), ''],
    ['under a file', (target: string) => writeFileSync(dirname(target), 'x'), 'sub'],
    [
      'not empty, a file where the tree has a directory',
      (target: string) => {
        mkdirSync(target)
        for (const name of readdirSync(source)) writeFileSync(join(target, name), 'x')
      },
      ''
    ]
  ])('unpack into a target that is %s: one line', async (_, prepare, below) => {
    const base = join(work, `t-${Math.random().toString(36).slice(2)}`)
    const target = below ? join(base, below) : base
    prepare(target)
    const result = await rfs('unpack', '-m', meta, target)
    expect(result.code).toBe(1)
    expect(result.err).toHaveLength(1)
    expect(result.err[0]).toMatch(/^Error: .*\//)
    expect(result.err[0]).not.toMatch(/^Error: E[A-Z]+: /)
  })
})
