// The zinit units and their script, as a node runs them: the YAML zinit reads, the order the
// after: lists give, shellcheck's verdict, and runs of the script under busybox against a
// loopback manifest server and stand-in rfs, mount, depmod and udevadm.
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { bootUnits, SCRIPT_PATH, SUMS_PATH, type BootFlist } from '../../src/boot/units.js'
import { writeBootUnits } from '../../src/boot/write.js'
import {
  startManifestServer,
  standInNode,
  type ManifestServer,
  type StandInNode
} from '../helpers/boot-node.js'

const KERNEL = '6.1.90-custom'
const MODULES = `modules-${KERNEL}.fl`
const FIRMWARE = 'firmware-r7.fl'
const manifests: Record<string, Buffer> = {
  [MODULES]: randomBytes(40_000),
  [FIRMWARE]: randomBytes(9_000)
}
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

function flists(base: string, withSha = true): BootFlist[] {
  return [
    { kind: 'modules', name: MODULES, url: `${base}/m/${MODULES}` },
    { kind: 'firmware', name: FIRMWARE, url: `${base}/m/${FIRMWARE}` }
  ].map(flist => ({
    ...(flist as BootFlist),
    sha256: withSha ? sha256(manifests[flist.name]) : undefined
  }))
}

interface Unit {
  exec: string
  oneshot?: boolean
  after?: string[]
  log?: string
}

function readUnits(dir: string): Map<string, Unit> {
  const units = new Map<string, Unit>()
  for (const file of readdirSync(dir).filter(name => name.endsWith('.yaml'))) {
    units.set(file.replace(/\.yaml$/, ''), parse(readFileSync(join(dir, file), 'utf8')) as Unit)
  }
  return units
}

/** Units in an order that starts each after everything it lists; throws on a cycle. */
function startOrder(units: Map<string, Unit>, external: string[]): string[] {
  const done = new Set(external)
  const order: string[] = []
  while (order.length < units.size) {
    const ready = [...units].find(
      ([name, unit]) => !done.has(name) && (unit.after ?? []).every(dep => done.has(dep))
    )
    if (!ready) throw new Error(`cycle or missing unit among ${[...units.keys()].join(', ')}`)
    done.add(ready[0])
    order.push(ready[0])
  }
  return order
}

const dirs: string[] = []
async function generate(options: { network?: string; base?: string; withSha?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'boot-units-'))
  dirs.push(dir)
  const generated = bootUnits(
    KERNEL,
    flists(options.base ?? 'https://hub.example', options.withSha),
    {
      networkUnit: options.network ?? 'internet',
      cacheDir: '/run/flists'
    }
  )
  await writeBootUnits(dir, generated)
  return { dir, generated }
}
afterAll(() => dirs.forEach(dir => rmSync(dir, { recursive: true, force: true })))

describe('the units', () => {
  test('parse as zinit units: exec strings, oneshots, after: as lists, files ending .yaml', async () => {
    const { dir } = await generate({ network: 'net-up' })
    const units = readUnits(dir)
    expect([...units.keys()].sort()).toEqual(
      ['flist-coldplug', 'flist-depmod', 'flist-firmware', 'flist-modules'].sort()
    )
    for (const unit of units.values()) {
      expect(typeof unit.exec).toBe('string')
      expect(unit.oneshot).toBe(true)
      expect(Array.isArray(unit.after)).toBe(true)
      expect(unit.exec.startsWith(`sh /etc/zinit/${SCRIPT_PATH} `)).toBe(true)
    }
    expect(units.get('flist-modules')!.exec).toBe(`sh /etc/zinit/${SCRIPT_PATH} mount modules`)
  })

  test('the after: graph has no cycle: mounts after the network, depmod after the modules, coldplug last', async () => {
    for (const network of ['internet', 'networkd', 'zos-net.v2']) {
      const { dir } = await generate({ network })
      const units = readUnits(dir)
      expect(units.get('flist-modules')!.after).toEqual([network])
      expect(units.get('flist-firmware')!.after).toEqual([network])
      expect(units.get('flist-depmod')!.after).toEqual(['flist-modules'])
      expect(units.get('flist-coldplug')!.after!.sort()).toEqual(['flist-depmod', 'flist-firmware'])
      const order = startOrder(units, [network])
      expect(order.at(-1)).toBe('flist-coldplug')
      expect(order.indexOf('flist-depmod')).toBeGreaterThan(order.indexOf('flist-modules'))
    }
  })

  test('a cycle is found by the order check itself', () => {
    const units = new Map<string, Unit>([
      ['a', { exec: 'x', after: ['b'] }],
      ['b', { exec: 'x', after: ['a'] }]
    ])
    expect(() => startOrder(units, [])).toThrow(/cycle/)
  })

  test('a firmware-only run has no depmod, and its coldplug waits for the firmware', () => {
    const generated = bootUnits(KERNEL, flists('https://h').slice(1), {
      networkUnit: 'internet',
      cacheDir: '/run/flists'
    })
    expect(generated.units.map(unit => unit.name)).toEqual(['flist-firmware', 'flist-coldplug'])
    expect(generated.units[1].after).toEqual(['flist-firmware'])
  })

  test('the note names the existing depmod and udev-trigger units and what to change', async () => {
    const { generated } = await generate({ network: 'netup' })
    const text = generated.notes.join('\n')
    expect(text).toMatch(/^depmod: .*list flist-modules in its after:/m)
    expect(text).toMatch(/^udev-trigger: .*before netup/m)
    expect(text).toMatch(/list flist-coldplug in their after:/)
  })

  test('the script passes shellcheck as POSIX sh', async () => {
    const { dir } = await generate()
    const result = spawnSync(
      'shellcheck',
      ['--shell=sh', '--severity=style', join(dir, SCRIPT_PATH)],
      {
        encoding: 'utf8'
      }
    )
    expect(result.error).toBeUndefined()
    expect(result.stdout + result.stderr).toBe('')
    expect(result.status).toBe(0)
  })

  test('shellcheck itself objects to a bash-only script, so the check above can fail', () => {
    const dir = mkdtempSync(join(tmpdir(), 'boot-sc-'))
    dirs.push(dir)
    writeFileSync(
      join(dir, 'x.sh'),
      '#!/bin/sh\nlocal_array=(a b)\n[[ -n "${local_array[0]}" ]] && echo ok\n'
    )
    expect(spawnSync('shellcheck', ['--shell=sh', join(dir, 'x.sh')]).status).not.toBe(0)
  })

  test('the sha256 file lists each packed flist in sha256sum format; a dry run writes none', async () => {
    const { dir } = await generate()
    const sums = readFileSync(join(dir, SUMS_PATH), 'utf8')
    expect(sums).toBe(
      `${sha256(manifests[MODULES])}  ${MODULES}\n${sha256(manifests[FIRMWARE])}  ${FIRMWARE}\n`
    )
    const dry = await generate({ withSha: false })
    expect(existsSync(join(dry.dir, SUMS_PATH))).toBe(false)
    expect(dry.generated.missingSha256).toEqual([MODULES, FIRMWARE])
  })
})

describe('the script on a stand-in node', () => {
  let server: ManifestServer
  let node: StandInNode
  beforeAll(async () => {
    server = await startManifestServer(
      Object.fromEntries(Object.entries(manifests).map(([name, body]) => [`/m/${name}`, body])),
      [`/m/${MODULES}`]
    )
  })
  afterAll(() => server.stop())
  afterEach(() => node?.remove())

  async function bootSequence(curl: boolean): Promise<void> {
    const { dir } = await generate({ base: server.url })
    node = standInNode({ curl })
    const script = join(dir, SCRIPT_PATH)
    for (const args of [['mount', 'modules'], ['mount', 'firmware'], ['depmod'], ['coldplug']]) {
      const run = await node.run(script, args)
      expect([args.join(' '), run.code, run.stderr]).toEqual([
        args.join(' '),
        0,
        expect.any(String)
      ])
    }
    const cache = node.cache
    const modulesTarget = join(node.root, 'lib/modules', KERNEL)
    expect(node.calls()).toEqual([
      `rfs mount -m ${cache}/${MODULES} -c ${cache}/blocks --daemon ${cache}/mnt/modules`,
      `mount -t tmpfs -o mode=0755 tmpfs ${cache}/overlay/modules`,
      `mount -t overlay overlay -o lowerdir=${cache}/mnt/modules,upperdir=${cache}/overlay/modules/upper,workdir=${cache}/overlay/modules/work ${modulesTarget}`,
      `rfs mount -m ${cache}/${FIRMWARE} -c ${cache}/blocks --daemon ${cache}/mnt/firmware`,
      `mount -o bind ${cache}/mnt/firmware ${node.root}/lib/firmware`,
      `depmod -a ${KERNEL}`,
      'udevadm control --reload',
      'udevadm trigger --action=add',
      'udevadm settle'
    ])
    for (const [name, body] of Object.entries(manifests)) {
      expect(readFileSync(join(cache, name)).equals(body)).toBe(true)
    }
    expect(readdirSync(cache).filter(name => name.endsWith('.part'))).toEqual([])
  }

  test('busybox wget: fetches (through a 503 first), checks, mounts, indexes, coldplugs, in that order', async () => {
    const before = server.requests.length
    await bootSequence(false)
    const asked = server.requests.slice(before)
    expect(asked.filter(path => path === `/m/${MODULES}`).length).toBeGreaterThanOrEqual(1)
    expect(asked).toContain(`/m/${FIRMWARE}`)
  })

  test('curl, where the initramfs has it, does the same', async () => {
    await bootSequence(true)
  })

  test('the fetch that fails once is tried again, and says so', async () => {
    const failing = await startManifestServer({ [`/m/${MODULES}`]: manifests[MODULES] }, [
      `/m/${MODULES}`
    ])
    try {
      const { dir } = await generate({ base: failing.url })
      node = standInNode()
      const run = await node.run(join(dir, SCRIPT_PATH), ['mount', 'modules'])
      expect(run.code).toBe(0)
      expect(failing.requests).toEqual([`/m/${MODULES}`, `/m/${MODULES}`])
      expect(run.stderr).toMatch(/download failed \(attempt 1 of 3\)/)
    } finally {
      await failing.stop()
    }
  })

  test('a manifest with the wrong sha256 is refused after every attempt, and nothing is mounted', async () => {
    const { dir } = await generate({ base: server.url })
    writeFileSync(join(dir, SUMS_PATH), `${'ab'.repeat(32)}  ${MODULES}\n`)
    node = standInNode()
    const run = await node.run(join(dir, SCRIPT_PATH), ['mount', 'modules'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/is not the expected abab/)
    expect(run.stderr).toMatch(/after 3 attempts; nothing mounted/)
    expect(node.calls()).toEqual([])
    expect(existsSync(join(node.cache, MODULES))).toBe(false)
    expect(readdirSync(node.cache)).toEqual([])
  })

  test('a flist the sha256 file does not list is never fetched or mounted', async () => {
    const { dir } = await generate({ base: server.url, withSha: false })
    node = standInNode()
    const before = server.requests.length
    const run = await node.run(join(dir, SCRIPT_PATH), ['mount', 'firmware'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(
      new RegExp(`no sha256 for ${FIRMWARE.replace('.', '\\.')} in .*flists\\.sha256`)
    )
    expect(server.requests.length).toBe(before)
    expect(node.calls()).toEqual([])
  })

  test('a failing rfs mount fails the unit, so nothing after it starts', async () => {
    const { dir } = await generate({ base: server.url })
    node = standInNode({ failing: ['rfs'] })
    const run = await node.run(join(dir, SCRIPT_PATH), ['mount', 'firmware'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/rfs mount of .* failed/)
  })

  test('a second run finds the cached copy and the live mounts, and mounts nothing twice', async () => {
    const { dir } = await generate({ base: server.url })
    node = standInNode()
    const script = join(dir, SCRIPT_PATH)
    expect((await node.run(script, ['mount', 'firmware'])).code).toBe(0)
    const before = server.requests.length
    const again = await node.run(script, ['mount', 'firmware'])
    expect(again.code).toBe(0)
    expect(server.requests.length).toBe(before)
    expect(node.calls().filter(call => call.startsWith('rfs '))).toHaveLength(1)
  })
})
