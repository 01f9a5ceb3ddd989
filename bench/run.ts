// npm run bench [-- --large] [-- --fresh] [-- --garage] [-- --job] [-- --no-garage]
// [-- --write-docs]: packs generated trees to a dir store and to a local S3 server, twice each,
// and compares with the time b2sum -l 256 takes over the same files; then the upload path against
// Garage (bench/garage.ts), and the whole job against Garage (bench/job.ts, on real Debian trees;
// it runs dist/index.js, so bundle first). --garage runs the upload path alone, --job the whole
// job alone, --no-garage neither; --large packs the modules tree and the 2 GB tree to dir stores,
// for peak memory against tree size. --write-docs puts the run's output into docs/performance.md.
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { copyFileSync, existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import { startS3, type TestS3 } from '../peers/s3.js'
import { benchGarage } from './garage.js'
import { benchJob } from './job.js'
import { checkTarget, fastest, printTargets, writeDocs } from './targets.js'
import {
  FIRMWARE,
  LARGE,
  MODULES,
  generateTree,
  type GeneratedTree,
  type TreeShape
} from './generate.js'
import type { FlistCounts } from '../src/flist/format/counts.js'
import { s3StoreUrl } from '../src/store-url/s3.js'
import { DEFAULT_REGION } from '../src/store-url/url.js'

const run = promisify(execFile)
const args = new Set(process.argv.slice(2))
const base = join(tmpdir(), 'rfs-flist-bench')
// Packs from the sources start the block worker from its source too (see worker-pool.ts).
process.env.RFS_FLIST_BLOCK_WORKER ??= resolve('scripts/block-worker-from-source.mjs')
if (args.has('--fresh')) rmSync(base, { recursive: true, force: true })

/**
 * dir:// stores are measured in memory (tmpfs), where b2sum's reads come from too (the page
 * cache), and once more on the disk. On an ext4 without a journal, creating a file scans past
 * every inode freed in the last minutes, so right after deleting the previous store thousands of
 * blob files cost seconds of system time; journaled ext4 (hosted runners) does not do this.
 */
const memoryBase = existsSync('/dev/shm') ? mkdtempSync('/dev/shm/rfs-flist-bench-') : undefined

/** tmpfs only when it has room for the store (containers often give /dev/shm 64 MB). */
function memoryRoomFor(bytes: number): boolean {
  if (!memoryBase) return false
  const { bavail, bsize } = statfsSync(memoryBase)
  return bavail * bsize > bytes * 1.5
}

interface PackMeasure {
  counts: FlistCounts
  seconds: number
  maxRssMb: number
  /** CPU time of the whole pack process; system time is mostly the store's file writes. */
  userSeconds: number
  systemSeconds: number
}

async function b2sumSeconds(root: string): Promise<number> {
  const started = process.hrtime.bigint()
  await run('sh', ['-c', 'find . -type f -print0 | xargs -0 b2sum -l 256 > /dev/null'], {
    cwd: root,
    maxBuffer: 1 << 20
  })
  return Number(process.hrtime.bigint() - started) / 1e9
}

/**
 * The pack runs from bundles laid out as dist/ is (pack-child/ beside block-worker/), as the
 * action ships; `--source` runs it from the TypeScript sources instead (slower worker start).
 */
async function packCommand(): Promise<string[]> {
  if (args.has('--source')) return ['--import', 'tsx', join('bench', 'pack-child.ts')]
  const out = join(base, 'bundle')
  rmSync(out, { recursive: true, force: true })
  const ncc = ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', '--quiet']
  try {
    for (const [source, name] of [
      ['bench/pack-child.ts', 'pack-child'],
      ['src/flist/pool/block-worker.ts', 'block-worker']
    ]) {
      await run(process.execPath, [...ncc, source, '-o', join(out, name)])
    }
  } catch (error) {
    // The bundler type-checks the whole project: work in progress elsewhere can stop it.
    const reason = String((error as { stderr?: string }).stderr ?? error).split('\n')[0]
    console.log(`bundling failed (${reason}); packing from the sources instead`)
    return ['--import', 'tsx', join('bench', 'pack-child.ts')]
  }
  const wasm = createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm')
  copyFileSync(wasm, join(out, 'pack-child', 'sql-wasm.wasm'))
  return [join(out, 'pack-child', 'index.js')]
}

/** Runs the pack in a child process (asynchronously: the S3 server lives in this one). */
async function measurePack(
  command: string[],
  source: string,
  store: string,
  flistPath: string
): Promise<PackMeasure> {
  const child = spawn(
    process.execPath,
    [...command, JSON.stringify({ source, store, flistPath })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      // The S3 client warns on Node < 22 (its releases from 2027 need 22); the action runs on 24.
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
    }
  )
  let stdout = ''
  child.stdout.on('data', chunk => (stdout += String(chunk)))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0)
    throw new Error(
      `pack of ${source} to ${store.replace(/:\/\/[^@/]*@/, '://')} exited with ${code}`
    )
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as PackMeasure
}

function row(
  label: string,
  tree: GeneratedTree,
  measure: PackMeasure,
  reference?: { label: string; seconds: number }
): string {
  const { counts, seconds, maxRssMb, userSeconds, systemSeconds } = measure
  const mbs = tree.bytes / 1e6 / seconds
  const ratio = reference ? `, ${(seconds / reference.seconds).toFixed(2)}× ${reference.label}` : ''
  return (
    `  ${label.padEnd(24)} ${seconds.toFixed(2).padStart(7)} s  ${mbs.toFixed(1).padStart(7)} MB/s  ` +
    `${(counts.blocks / seconds).toFixed(0).padStart(6)} blocks/s  uploaded ${String(counts.blocksUploaded).padStart(5)}  ` +
    `present ${String(counts.blocksPresent).padStart(5)}  peak RSS ${maxRssMb.toFixed(0)} MB  ` +
    `cpu ${userSeconds.toFixed(2)} user + ${systemSeconds.toFixed(2)} sys${ratio}`
  )
}

/** Times b2sum and the dir:// first pack are each run; the fastest of each is compared. */
const ROUNDS = 3
/** A dir:// first pack's time against b2sum's over the same files. */
const B2SUM_FACTOR = 3
/** Peak RSS of the 2 GB tree's pack against the modules tree's, and its bound. */
const RSS_FACTOR = 1.3
const RSS_LIMIT_MB = 512

/** Packs the tree; returns the dir:// first pack (tmpfs where it fits). */
async function benchTree(
  shape: TreeShape,
  command: string[],
  s3: TestS3 | undefined,
  dirOnly = false
): Promise<PackMeasure> {
  const tree = generateTree(shape, base)
  console.log(
    `\n${shape.name}: ${tree.files} files, ${(tree.bytes / 1e6).toFixed(1)} MB at ${tree.root}`
  )
  await b2sumSeconds(tree.root) // warms the page cache for everything that follows
  const b2sumRuns: number[] = []
  for (let round = 0; round < ROUNDS; round++) b2sumRuns.push(await b2sumSeconds(tree.root))
  const b2sum = Math.min(...b2sumRuns)
  console.log(
    `  ${'b2sum -l 256'.padEnd(24)} ${b2sum.toFixed(2).padStart(7)} s  ${(tree.bytes / 1e6 / b2sum).toFixed(1).padStart(7)} MB/s`
  )
  const work = join(base, `${shape.name}-out`)
  rmSync(work, { recursive: true, force: true })
  const inMemory = memoryRoomFor(tree.bytes)
  const memoryWork = join(inMemory ? memoryBase! : base, `${shape.name}-out`)
  const dirStore = `dir://${join(memoryWork, 'store')}`
  const reference = { label: 'b2sum', seconds: b2sum }
  const where = inMemory ? ' (tmpfs)' : ''
  const firstPacks: PackMeasure[] = []
  for (let round = 0; round < ROUNDS; round++) {
    rmSync(memoryWork, { recursive: true, force: true })
    firstPacks.push(await measurePack(command, tree.root, dirStore, join(memoryWork, 'dir-1.fl')))
  }
  // The fastest time, and the highest peak RSS of them all.
  const dirFirst = {
    ...fastest(firstPacks),
    maxRssMb: Math.max(...firstPacks.map(pack => pack.maxRssMb))
  }
  console.log(row(`dir${where}, first pack`, tree, dirFirst, reference))
  const factor = dirFirst.seconds / b2sum
  checkTarget(
    `${shape.name}: dir:// first pack <= ${B2SUM_FACTOR}× b2sum -l 256`,
    `${factor.toFixed(2)}× (${dirFirst.seconds.toFixed(2)} s / ${b2sum.toFixed(2)} s)`,
    factor <= B2SUM_FACTOR
  )
  if (dirOnly) {
    rmSync(memoryWork, { recursive: true, force: true })
    rmSync(work, { recursive: true, force: true })
    return dirFirst
  }
  const dirAgain = await measurePack(command, tree.root, dirStore, join(memoryWork, 'dir-2.fl'))
  console.log(row(`dir${where}, unchanged`, tree, dirAgain, reference))
  if (inMemory) {
    rmSync(memoryWork, { recursive: true, force: true })
    const diskStore = `dir://${join(work, 'store')}`
    const diskFirst = await measurePack(command, tree.root, diskStore, join(work, 'disk-1.fl'))
    console.log(row('dir (disk), first pack', tree, diskFirst, reference))
  }
  if (!s3) {
    rmSync(work, { recursive: true, force: true })
    return dirFirst
  }
  const bucket = `${shape.name}-blobs`
  await fetch(`${s3.endpoint}/${bucket}`, { method: 'PUT' })
  const s3Store = s3StoreUrl(
    {
      endpoint: s3.endpoint,
      region: DEFAULT_REGION,
      accessKey: s3.accessKey,
      secretKey: s3.secretKey
    },
    bucket
  )
  const s3First = await measurePack(command, tree.root, s3Store, join(work, 's3-1.fl'))
  console.log(row('s3rver, first pack', tree, s3First, reference))
  const s3Again = await measurePack(command, tree.root, s3Store, join(work, 's3-2.fl'))
  console.log(
    row('s3rver, unchanged', tree, s3Again, { label: 'first S3 pack', seconds: s3First.seconds })
  )
  rmSync(work, { recursive: true, force: true })
  return dirFirst
}

async function garageSection(command: string[]): Promise<void> {
  const tree = generateTree(MODULES, base)
  const work = join(base, 'garage-out')
  rmSync(work, { recursive: true, force: true })
  console.log(
    `\n${MODULES.name} against Garage: ${tree.files} files, ${(tree.bytes / 1e6).toFixed(1)} MB`
  )
  try {
    await benchGarage(tree, work, (source, store, flistPath) =>
      measurePack(command, source, store, flistPath)
    )
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

const machine = `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM`
console.log(machine)
const command = args.has('--job') ? [] : await packCommand()
try {
  if (args.has('--job')) {
    await benchJob(base)
  } else if (args.has('--large')) {
    const modules = await benchTree(MODULES, command, undefined, true)
    const large = await benchTree(LARGE, command, undefined, true)
    const ratio = large.maxRssMb / modules.maxRssMb
    checkTarget(
      `peak RSS, 2 GB tree / modules tree <= ${RSS_FACTOR}, and < ${RSS_LIMIT_MB} MB`,
      `${ratio.toFixed(2)} (${large.maxRssMb.toFixed(0)} MB / ${modules.maxRssMb.toFixed(0)} MB)`,
      ratio <= RSS_FACTOR && large.maxRssMb < RSS_LIMIT_MB
    )
  } else if (args.has('--garage')) {
    await garageSection(command)
  } else {
    const s3 = await startS3({ buckets: [] })
    try {
      await benchTree(MODULES, command, s3)
      await benchTree(FIRMWARE, command, s3)
    } finally {
      await s3.stop()
    }
    if (!args.has('--no-garage')) {
      await garageSection(command)
      await benchJob(base)
    }
  }
  printTargets()
  if (args.has('--write-docs')) {
    const flags = process.argv.slice(2)
    const kind =
      ['--large', '--garage', '--job', '--no-garage'].find(flag => args.has(flag))?.slice(2) ??
      'all'
    const node = `node${process.versions.node.split('.')[0]}`
    const command = `npm run bench -- ${flags.join(' ')}`
    writeDocs(join('docs', 'performance.md'), `${kind}-${node}`, command, machine)
  }
} finally {
  if (memoryBase) rmSync(memoryBase, { recursive: true, force: true })
}
