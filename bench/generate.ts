// Deterministic trees shaped like what the action publishes: many small kernel modules, or
// firmware with a few large blobs. Content mixes noise with repeated text so snappy finds some
// (modules) or little (firmware) to compress.
import { createCipheriv, createHash } from 'node:crypto'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface TreeShape {
  name: string
  files: number
  /** Sizes of ordinary files are drawn between these, skewed towards the small end. */
  minSize: number
  maxSize: number
  skew: number
  /** Extra large files, bytes each. */
  large: number[]
  /** Share of 256-byte pieces that are noise; the rest is repeated text. */
  noise: number
  /** Files per directory. */
  fanout: number
}

export const MODULES: TreeShape = {
  name: 'modules',
  files: 4000,
  minSize: 5 * 1024,
  maxSize: 500 * 1024,
  skew: 6,
  large: [],
  noise: 0.3,
  fanout: 60
}

export const FIRMWARE: TreeShape = {
  name: 'firmware',
  files: 2000,
  minSize: 2 * 1024,
  maxSize: 2 * 1024 * 1024,
  skew: 1.6,
  large: [60, 48, 36, 24].map(mb => mb * 1024 * 1024),
  noise: 0.7,
  fanout: 40
}

export const LARGE: TreeShape = {
  name: 'large',
  files: 2000,
  minSize: 64 * 1024,
  maxSize: 2 * 1024 * 1024,
  skew: 1.5,
  large: [1024 * 1024 * 1024],
  noise: 0.6,
  fanout: 50
}

const TEXT = Buffer.from(
  Array.from(
    { length: 64 },
    (_, i) =>
      `__ksymtab_gpl_${i}_module_param_desc\0license=GPL\0depends=${i % 7}\0vermagic=6.12.44-Zero-OS SMP mod_unload\0`
  ).join('')
)

/** A seeded stream of pseudo-random bytes: AES-CTR over zeros, fast and reproducible. */
function noise(seed: string, length: number): Buffer {
  const key = createHash('sha256').update(seed).digest().subarray(0, 16)
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
  return Buffer.concat([cipher.update(Buffer.alloc(length)), cipher.final()])
}

function content(seed: string, size: number, noiseShare: number): Buffer {
  const bytes = noise(seed, size)
  for (let at = 0; at + 256 <= size; at += 256) {
    // The piece's own first byte decides, so the decision is as reproducible as the bytes.
    if (bytes[at] / 256 >= noiseShare)
      TEXT.copy(
        bytes,
        at,
        (bytes[at + 1] * 97) % (TEXT.length - 256),
        ((bytes[at + 1] * 97) % (TEXT.length - 256)) + 256
      )
  }
  return bytes
}

export interface GeneratedTree {
  root: string
  files: number
  bytes: number
}

/** Writes the tree under base/<name> unless a complete copy is already there. */
export function generateTree(shape: TreeShape, base: string): GeneratedTree {
  const root = join(base, shape.name)
  const marker = join(base, `${shape.name}.complete`)
  const sizes = fileSizes(shape)
  const summary = { root, files: sizes.length, bytes: sizes.reduce((sum, size) => sum + size, 0) }
  if (existsSync(marker)) return summary
  rmSync(root, { recursive: true, force: true })
  sizes.forEach((size, index) => {
    const dir = join(
      root,
      `d${Math.floor(index / shape.fanout) % 37}`,
      `sub${Math.floor(index / shape.fanout)}`
    )
    mkdirSync(dir, { recursive: true })
    const name =
      index < shape.large.length
        ? `blob${index}.bin`
        : `file${index}.${shape.name === 'modules' ? 'ko' : 'bin'}`
    writeFileSync(join(dir, name), content(`${shape.name}/${index}`, size, shape.noise))
  })
  writeFileSync(marker, '')
  return summary
}

export function fileSizes(shape: TreeShape): number[] {
  const draw = noise(`${shape.name}/sizes`, shape.files * 4)
  const ratio = Math.log(shape.maxSize / shape.minSize)
  const ordinary = Array.from({ length: shape.files - shape.large.length }, (_, i) => {
    const u = draw.readUInt32LE(i * 4) / 2 ** 32
    return Math.round(shape.minSize * Math.exp(ratio * u ** shape.skew))
  })
  return [...shape.large, ...ordinary]
}
