// The upload path against Garage, a production S3 server: the first pack of a tree against a
// plain PutObject loop of the very same blobs, the unchanged re-pack, and both again through a
// proxy that adds 50 ms to every request. Prints each ratio against its target.
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { garageBinary, startGarage, type TestGarage } from '../__tests__/helpers/garage.js'
import type { GeneratedTree } from './generate.js'
import { startLatencyProxy } from './latency-proxy.js'

const run = promisify(execFile)

/** What the pack uses by default (packTree's uploadConcurrency), and so the loop too. */
const CONCURRENCY = 32
const LATENCY_MS = 50

export interface PackResult {
  counts: { blocks: number; blocksUploaded: number; blocksPresent: number }
  seconds: number
}

export type MeasurePack = (source: string, store: string, flistPath: string) => Promise<PackResult>

async function putLoop(
  garage: TestGarage,
  endpoint: string,
  bucket: string,
  dir: string
): Promise<{ blobs: number; seconds: number }> {
  const job = {
    dir,
    endpoint,
    region: garage.region,
    bucket,
    accessKey: garage.accessKey,
    secretKey: garage.secretKey,
    concurrency: CONCURRENCY
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('bench', 'put-loop-child.ts'), JSON.stringify(job)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' }
    }
  )
  let stdout = ''
  child.stdout.on('data', chunk => (stdout += String(chunk)))
  const [code] = (await once(child, 'exit')) as [number | null]
  if (code !== 0) throw new Error(`PutObject loop to ${bucket} exited with ${code}`)
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { blobs: number; seconds: number }
}

function verdict(ok: boolean): string {
  return ok ? 'meets the target' : 'MISSES the target'
}

function line(label: string, seconds: number, blobs: number, uploaded?: number): void {
  const rate = (blobs / seconds).toFixed(0)
  const up = uploaded === undefined ? '' : `  uploaded ${String(uploaded).padStart(5)}`
  console.log(
    `  ${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${rate.padStart(6)} blobs/s${up}`
  )
}

/** The loop puts the blobs of a dir:// pack of the tree: the very set the first pack uploads. */
export async function benchGarage(
  tree: GeneratedTree,
  work: string,
  measure: MeasurePack
): Promise<void> {
  if (!garageBinary()) {
    console.log('\ngarage: not installed (scripts/install-garage.sh); skipped')
    return
  }
  const { stdout: version } = await run(garageBinary()!, ['--version'])
  const buckets = ['loop', 'pack', 'loop-slow', 'pack-slow']
  const garage = await startGarage({ buckets })
  const proxy = await startLatencyProxy(garage.endpoint, LATENCY_MS)
  try {
    const dirStore = join(work, 'garage-dir-store')
    await measure(tree.root, `dir://${dirStore}`, join(work, 'g-0.fl'))
    console.log(
      `\ngarage (${version.trim()}, single node, sqlite metadata, loopback), ${CONCURRENCY} requests in flight:`
    )
    const store = (bucket: string, port: number): string =>
      `s3://${garage.accessKey}:${encodeURIComponent(garage.secretKey)}@127.0.0.1:${port}/${bucket}?region=${garage.region}`

    const loop = await putLoop(garage, garage.endpoint, 'loop', dirStore)
    line('PutObject loop', loop.seconds, loop.blobs)
    const first = await measure(tree.root, store('pack', garage.port), join(work, 'g-1.fl'))
    line(
      'action, first pack',
      first.seconds,
      first.counts.blocksUploaded,
      first.counts.blocksUploaded
    )
    const again = await measure(tree.root, store('pack', garage.port), join(work, 'g-2.fl'))
    line('action, unchanged', again.seconds, again.counts.blocks, again.counts.blocksUploaded)

    const slowLoop = await putLoop(garage, proxy.endpoint, 'loop-slow', dirStore)
    line(`PutObject loop, +${LATENCY_MS} ms`, slowLoop.seconds, slowLoop.blobs)
    const slowFirst = await measure(tree.root, store('pack-slow', proxy.port), join(work, 'g-3.fl'))
    line(
      `action, first pack, +${LATENCY_MS} ms`,
      slowFirst.seconds,
      slowFirst.counts.blocksUploaded,
      slowFirst.counts.blocksUploaded
    )
    const slowAgain = await measure(tree.root, store('pack-slow', proxy.port), join(work, 'g-4.fl'))
    line(
      `action, unchanged, +${LATENCY_MS} ms`,
      slowAgain.seconds,
      slowAgain.counts.blocks,
      slowAgain.counts.blocksUploaded
    )

    const rate = first.counts.blocksUploaded / first.seconds / (loop.blobs / loop.seconds)
    console.log(
      `  first pack blob rate / loop's: ${(rate * 100).toFixed(0)}% (target >= 90%): ${verdict(rate >= 0.9)}`
    )
    const share = again.seconds / first.seconds
    console.log(
      `  unchanged re-pack: ${again.counts.blocksUploaded} uploaded in ${(share * 100).toFixed(0)}% of the first pack's time (target 0 in <= 20%): ${verdict(again.counts.blocksUploaded === 0 && share <= 0.2)}`
    )
    const bound =
      (slowFirst.counts.blocksUploaded * LATENCY_MS) / 1000 / CONCURRENCY + first.seconds
    const factor = slowFirst.seconds / bound
    console.log(
      `  +${LATENCY_MS} ms first pack / (blobs × ${LATENCY_MS} ms ÷ ${CONCURRENCY} + no-latency time = ${bound.toFixed(2)} s): ${factor.toFixed(2)}× (target <= 1.3×): ${verdict(factor <= 1.3)}`
    )
    const slowShare = slowAgain.seconds / slowFirst.seconds
    console.log(
      `  +${LATENCY_MS} ms unchanged re-pack: ${slowAgain.counts.blocksUploaded} uploaded in ${(slowShare * 100).toFixed(0)}% of that first pack's time; ${proxy.requests} requests through the proxy in all`
    )
  } finally {
    await proxy.stop()
    await garage.stop()
  }
}
