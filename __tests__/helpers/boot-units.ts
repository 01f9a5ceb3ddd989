// The boot units of a modules and a firmware flist, generated and written into a temporary
// directory as zinit-units: true writes them, for the tests of the units and of their script.
import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { bootUnits, type BootFlist } from '../../src/boot/units.js'
import { writeBootUnits } from '../../src/boot/write.js'

export const KERNEL = '6.1.90-custom'
export const MODULES = `modules-${KERNEL}.fl`
export const FIRMWARE = 'firmware-r7.fl'
export const manifests: Record<string, Buffer> = {
  [MODULES]: randomBytes(40_000),
  [FIRMWARE]: randomBytes(9_000)
}
export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

export function flists(base: string, withSha = true): BootFlist[] {
  return [
    { kind: 'modules', name: MODULES, url: `${base}/m/${MODULES}` },
    { kind: 'firmware', name: FIRMWARE, url: `${base}/m/${FIRMWARE}` }
  ].map(flist => ({
    ...(flist as BootFlist),
    sha256: withSha ? sha256(manifests[flist.name]) : undefined
  }))
}

const dirs: string[] = []
export async function generate(
  options: { network?: string; base?: string; withSha?: boolean } = {}
) {
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
/** Removes every directory generate made. */
export function removeGenerated(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}
