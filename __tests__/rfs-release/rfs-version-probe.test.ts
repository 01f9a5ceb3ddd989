import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseRfsVersion, probeRfsVersion } from '../../src/rfs-release/rfs-version-probe.js'

test('rfs --version output is parsed as rfs prints it', () => {
  expect(parseRfsVersion('rfs v2.0.6\n')).toBe('v2.0.6')
  expect(parseRfsVersion('rfs v2.0.6-3-g1a2b3c4-modified\n')).toBe('v2.0.6-3-g1a2b3c4-modified')
  expect(parseRfsVersion('\nrfs unknown\n')).toBe('unknown')
  expect(parseRfsVersion('2.0.6')).toBe('2.0.6')
  expect(parseRfsVersion('usage: something else')).toBeUndefined()
  expect(parseRfsVersion('')).toBeUndefined()
})

describe('probing a binary', () => {
  const work = mkdtempSync(join(tmpdir(), 'rfs-version-probe-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))
  const script = (name: string, body: string): string => {
    const path = join(work, name)
    writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 })
    return path
  }

  test('returns the version the binary prints', async () => {
    expect(await probeRfsVersion(script('rfs', 'echo "rfs v2.0.7"'), 'rfs-path')).toBe('v2.0.7')
  })

  test('a binary that fails, prints something else or cannot run is one line naming it', async () => {
    const failing = script('failing', 'echo "bad flag" >&2; exit 3')
    await expect(probeRfsVersion(failing, 'rfs-path')).rejects.toThrow(
      `rfs-path ${failing} does not run: \`--version\` exited with code 3: bad flag`
    )
    const other = script('other', 'echo "usage: something"')
    await expect(probeRfsVersion(other, 'rfs-path')).rejects.toThrow(
      `rfs-path ${other} does not look like rfs`
    )
    const missing = join(work, 'missing')
    await expect(probeRfsVersion(missing, 'rfs-path')).rejects.toThrow(
      `rfs-path ${missing} cannot be run`
    )
  })
})
