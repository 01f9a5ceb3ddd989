// The zinit units: the YAML zinit reads, the order the after: lists give, the notes about the
// node's own units, and the sha256 file beside the script.
import { afterAll, describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { bootUnits, SCRIPT_PATH, SUMS_PATH } from '../../src/boot/units.js'
import {
  FIRMWARE,
  flists,
  generate,
  KERNEL,
  manifests,
  MODULES,
  removeGenerated,
  sha256
} from '../helpers/boot-units.js'

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

afterAll(removeGenerated)

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
