// The boot script as a node runs it: shellcheck's verdict, and runs under busybox against a
// loopback manifest server and stand-in rfs, mount, depmod and udevadm.
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { SCRIPT_PATH, SUMS_PATH } from '../../src/boot/units.js'
import {
  startManifestServer,
  standInNode,
  type ManifestServer,
  type StandInNode
} from '../helpers/boot-node.js'
import {
  FIRMWARE,
  generate,
  KERNEL,
  manifests,
  MODULES,
  removeGenerated
} from '../helpers/boot-units.js'

afterAll(removeGenerated)

describe('the script', () => {
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
})

describe('the script on a stand-in node', () => {
  let server: ManifestServer
  let node: StandInNode
  // A server per test, so what each test sees asked of it (the 503 included) is its own.
  beforeEach(async () => {
    server = await startManifestServer(
      Object.fromEntries(Object.entries(manifests).map(([name, body]) => [`/m/${name}`, body])),
      [`/m/${MODULES}`]
    )
  })
  afterEach(async () => {
    node?.remove()
    await server.stop()
  })

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
    await bootSequence(false)
    expect(server.requests).toEqual([`/m/${MODULES}`, `/m/${MODULES}`, `/m/${FIRMWARE}`])
  })

  test('curl, where the initramfs has it, does the same', async () => {
    await bootSequence(true)
    expect(server.requests).toEqual([`/m/${MODULES}`, `/m/${MODULES}`, `/m/${FIRMWARE}`])
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
