// The upload path against Garage, a production S3 server: the first pack of a tree against a
// plain PutObject loop of the very same blobs, the unchanged re-pack, and both again through a
// proxy that adds 50 ms to every request. Prints each ratio against its target.
import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { garageBinary, startGarage, type TestGarage } from '../peers/garage.js'
import type { GeneratedTree } from './generate.js'
import { startLatencyProxy } from './latency-proxy.js'
import { checkTarget } from './targets.js'

const run = promisify(execFile)

/** What the pack uses by default (packTree's uploadConcurrency), and so the loop too. */
export const CONCURRENCY = 32
export const LATENCY_MS = 50

export interface PackResult {
  counts: { blocks: number; blocksUploaded: number; blocksPresent: number }
  seconds: number
  userSeconds: number
  systemSeconds: number
}

export interface LoopResult {
  blobs: number
  seconds: number
  cpuSeconds: number
}

/** CPU seconds a process has used (user + system), from /proc. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) / 100
}

export type MeasurePack = (source: string, store: string, flistPath: string) => Promise<PackResult>

export async function putLoop(
  garage: TestGarage,
  endpoint: string,
  bucket: string,
  dir: string
): Promise<LoopResult> {
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
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LoopResult
}

function line(
  label: string,
  seconds: number,
  blobs: number,
  cpu: { client: number; garage: number },
  uploaded?: number
): void {
  const rate = (blobs / seconds).toFixed(0)
  const up = uploaded === undefined ? '' : `  uploaded ${String(uploaded).padStart(5)}`
  console.log(
    `  ${label.padEnd(34)} ${seconds.toFixed(2).padStart(7)} s  ${rate.padStart(6)} blobs/s` +
      `  cpu: client ${cpu.client.toFixed(1).padStart(5)} s, garage ${cpu.garage.toFixed(1).padStart(5)} s${up}`
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

    // Each step with the CPU time the client and Garage spent on it: both share the machine.
    const timed = async <T>(step: () => Promise<T>): Promise<[T, number]> => {
      const before = cpuSecondsOf(garage.pid)
      const result = await step()
      return [result, cpuSecondsOf(garage.pid) - before]
    }
    const loopRow = (label: string, [loop, garageCpu]: [LoopResult, number]): LoopResult => {
      line(label, loop.seconds, loop.blobs, { client: loop.cpuSeconds, garage: garageCpu })
      return loop
    }
    const packRow = (label: string, [pack, garageCpu]: [PackResult, number]): PackResult => {
      const client = pack.userSeconds + pack.systemSeconds
      const { blocks, blocksUploaded } = pack.counts
      line(
        label,
        pack.seconds,
        blocksUploaded || blocks,
        { client, garage: garageCpu },
        blocksUploaded
      )
      return pack
    }
    const pack = (bucket: string, port: number, name: string): Promise<[PackResult, number]> =>
      timed(() => measure(tree.root, store(bucket, port), join(work, name)))

    const loop = loopRow(
      'PutObject loop',
      await timed(() => putLoop(garage, garage.endpoint, 'loop', dirStore))
    )
    const first = packRow('action, first pack', await pack('pack', garage.port, 'g-1.fl'))
    const again = packRow('action, unchanged', await pack('pack', garage.port, 'g-2.fl'))
    loopRow(
      `PutObject loop, +${LATENCY_MS} ms`,
      await timed(() => putLoop(garage, proxy.endpoint, 'loop-slow', dirStore))
    )
    const slowFirst = packRow(
      `action, first pack, +${LATENCY_MS} ms`,
      await pack('pack-slow', proxy.port, 'g-3.fl')
    )
    const slowAgain = packRow(
      `action, unchanged, +${LATENCY_MS} ms`,
      await pack('pack-slow', proxy.port, 'g-4.fl')
    )

    const rate = first.counts.blocksUploaded / first.seconds / (loop.blobs / loop.seconds)
    checkTarget(
      "garage: first pack's blob rate >= 90% of the PutObject loop's",
      `${(rate * 100).toFixed(0)}%`,
      rate >= 0.9
    )
    const share = again.seconds / first.seconds
    checkTarget(
      "garage: unchanged re-pack uploads 0 in <= 20% of the first pack's time",
      `${again.counts.blocksUploaded} uploaded in ${(share * 100).toFixed(0)}%`,
      again.counts.blocksUploaded === 0 && share <= 0.2
    )
    const bound =
      (slowFirst.counts.blocksUploaded * LATENCY_MS) / 1000 / CONCURRENCY + first.seconds
    const factor = slowFirst.seconds / bound
    checkTarget(
      `garage: +${LATENCY_MS} ms first pack <= 1.3× (blobs × ${LATENCY_MS} ms ÷ ${CONCURRENCY} + no-latency time)`,
      `${factor.toFixed(2)}× (${slowFirst.seconds.toFixed(2)} s / ${bound.toFixed(2)} s)`,
      factor <= 1.3
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
