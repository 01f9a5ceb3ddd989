// The whole job against Garage: the bundled action with its default inputs (both flists,
// verify: exists) against a plain PutObject loop of the very same blobs (same SDK, same
// concurrency, same server), the unchanged rerun, and both again through a proxy that adds 50 ms
// to every request. Prints each run's phase timings (the result's `timings`) and the ratios.
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { garageBinary, startGarage, type TestGarage, garageS3Inputs } from '../peers/garage.js'
import { parseOutputFile } from '../peers/github-output.js'
import { putLoop, CONCURRENCY, LATENCY_MS, type LoopResult } from './garage.js'
import { startLatencyProxy } from './latency-proxy.js'
import { jobTrees } from './trees.js'
import { checkTarget, fastest } from './targets.js'

interface JobRun {
  seconds: number
  timings: Record<string, number>
  flists: Record<string, { blocks: number; blocksUploaded: number; blocksEncoded?: number }>
}

const KERNEL = '6.12.0'
/** Times each comparison is run; the fastest of each side is compared. */
const ROUNDS = 2

/** Runs dist/index.js as a workflow step would, with these inputs. */
async function runJob(inputs: Record<string, string>, work: string): Promise<JobRun> {
  const output = join(work, `output-${Date.now()}`)
  writeFileSync(output, '')
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('INPUT_') && !key.startsWith('GITHUB_'))
      env[key] = value
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: output,
    RUNNER_TEMP: join(work, 'runner-temp'),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
  })
  delete env.NODE_OPTIONS
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  const started = process.hrtime.bigint()
  const child = spawn(process.execPath, [join('dist', 'index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  let stdout = ''
  child.stdout.on('data', chunk => (stdout += String(chunk)))
  const [code] = (await once(child, 'exit')) as [number | null]
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  if (code !== 0) {
    const errors = stdout.split('\n').filter(line => line.startsWith('::error'))
    throw new Error(`the action exited with ${code}: ${errors.join(' ') || stdout.slice(-2000)}`)
  }
  const result = JSON.parse(parseOutputFile(readFileSync(output, 'utf8')).result) as JobRun
  return { seconds, timings: result.timings, flists: result.flists }
}

function printLoop(label: string, loop: LoopResult): void {
  console.log(
    `  ${label.padEnd(30)} ${loop.seconds.toFixed(2).padStart(7)} s  (${loop.blobs} blobs, ${CONCURRENCY} in flight)`
  )
}

function describe(label: string, job: JobRun): void {
  const blocks = Object.entries(job.flists)
    .map(
      ([kind, flist]) =>
        `${kind} ${flist.blocks} blocks, ${flist.blocksUploaded} uploaded, ${flist.blocksEncoded ?? '?'} encoded`
    )
    .join('; ')
  const phases = Object.entries(job.timings)
    .map(([phase, seconds]) => `${phase} ${seconds.toFixed(2)}`)
    .join(', ')
  console.log(`  ${label.padEnd(30)} ${job.seconds.toFixed(2).padStart(7)} s  (${blocks})`)
  console.log(`  ${''.padEnd(30)} timings: ${phases}`)
}

export async function benchJob(base: string): Promise<void> {
  if (!garageBinary()) {
    console.log('\nwhole job: Garage is not installed (scripts/install-garage.sh); skipped')
    return
  }
  mkdirSync(base, { recursive: true })
  const work = mkdtempSync(join(base, 'job-'))
  const trees = await jobTrees(join(base, 'job-trees'), process.env.RFS_FLIST_BENCH_TREES)
  console.log(`\nwhole job against Garage, ${trees.description}:`)
  const project = join(work, 'project')
  mkdirSync(join(project, 'config'), { recursive: true })
  writeFileSync(join(project, 'config', 'build.conf'), `KERNEL_VERSION=${KERNEL}\n`)
  writeFileSync(join(project, 'config', 'kernel.config'), '')

  const buckets = ['dir-probe']
  for (let round = 1; round <= ROUNDS; round++)
    buckets.push(`loop-${round}`, `job-${round}`, `loop-slow-${round}`, `job-slow-${round}`)
  const garage: TestGarage = await startGarage({ buckets })
  const proxy = await startLatencyProxy(garage.endpoint, LATENCY_MS)
  const trees_ = { 'modules-dir': trees.modules, 'firmware-dir': trees.firmware }
  const job = (endpoint: string, bucket: string, outputDir: string): Promise<JobRun> =>
    runJob(
      {
        'project-root': project,
        'firmware-tag': 'bench',
        ...trees_,
        'output-dir': join(work, outputDir),
        ...garageS3Inputs(garage, bucket, { endpoint }),
        summary: 'false'
      },
      work
    )
  const requests = (): string => {
    const counts = Object.entries(proxy.byKind)
      .map(([kind, count]) => `${kind} ${count}`)
      .join(', ')
    for (const kind of Object.keys(proxy.byKind)) delete proxy.byKind[kind]
    return `  ${''.padEnd(30)} requests: ${counts}`
  }
  try {
    // The very blobs the action uploads, as files for the loop: a run into a dir:// store.
    const blobs = join(work, 'blobs')
    await runJob(
      {
        'project-root': project,
        'firmware-tag': 'bench',
        ...trees_,
        'output-dir': join(work, 'dir-run'),
        store: `dir://${blobs}`,
        summary: 'false'
      },
      work
    )
    // Each comparison runs ROUNDS times, the loop and the action in turn, each round into empty
    // buckets of its own; the fastest of each is compared.
    const loops: LoopResult[] = []
    const firsts: JobRun[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const loop = await putLoop(garage, garage.endpoint, `loop-${round}`, blobs)
      loops.push(loop)
      printLoop(`PutObject loop (${round})`, loop)
      const first = await job(garage.endpoint, `job-${round}`, `out-${round}`)
      firsts.push(first)
      describe(`action, first run (${round})`, first)
    }
    const agains: JobRun[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const again = await job(garage.endpoint, `job-${ROUNDS}`, `out-${ROUNDS}`)
      agains.push(again)
      describe(`action, unchanged rerun (${round})`, again)
    }
    const slowLoops: LoopResult[] = []
    const slowFirsts: JobRun[] = []
    const slowAgains: JobRun[] = []
    for (let round = 1; round <= ROUNDS; round++) {
      const slowLoop = await putLoop(garage, proxy.endpoint, `loop-slow-${round}`, blobs)
      slowLoops.push(slowLoop)
      printLoop(`PutObject loop, +${LATENCY_MS} ms (${round})`, slowLoop)
      requests()
      const slowFirst = await job(proxy.endpoint, `job-slow-${round}`, `out-slow-${round}`)
      slowFirsts.push(slowFirst)
      describe(`action, first run, +${LATENCY_MS} ms (${round})`, slowFirst)
      console.log(requests())
      const slowAgain = await job(proxy.endpoint, `job-slow-${round}`, `out-slow-${round}`)
      slowAgains.push(slowAgain)
      describe(`action, rerun, +${LATENCY_MS} ms (${round})`, slowAgain)
      console.log(requests())
    }
    const loop = fastest(loops)
    const first = fastest(firsts)
    const again = fastest(agains)
    const slowLoop = fastest(slowLoops)
    const slowFirst = fastest(slowFirsts)
    const slowAgain = fastest(slowAgains)
    console.log(
      `  fastest of ${ROUNDS}: loop ${loop.seconds.toFixed(2)} s, first run ${first.seconds.toFixed(2)} s, ` +
        `rerun ${again.seconds.toFixed(2)} s; +${LATENCY_MS} ms: loop ${slowLoop.seconds.toFixed(2)} s, ` +
        `first run ${slowFirst.seconds.toFixed(2)} s, rerun ${slowAgain.seconds.toFixed(2)} s`
    )

    const firstRatio = first.seconds / loop.seconds
    checkTarget(
      'job: first run <= 1.15× the PutObject loop',
      `${firstRatio.toFixed(2)}× (${first.seconds.toFixed(2)} s / ${loop.seconds.toFixed(2)} s)`,
      firstRatio <= 1.15
    )
    const rerunShare = again.seconds / first.seconds
    checkTarget(
      'job: unchanged rerun <= 15% of the first run',
      `${(rerunShare * 100).toFixed(0)}% (${again.seconds.toFixed(2)} s)`,
      rerunShare <= 0.15
    )
    const slowRatio = slowFirst.seconds / slowLoop.seconds
    checkTarget(
      `job: +${LATENCY_MS} ms first run <= 1.3× the loop through the same proxy`,
      `${slowRatio.toFixed(2)}× (${slowFirst.seconds.toFixed(2)} s / ${slowLoop.seconds.toFixed(2)} s)`,
      slowRatio <= 1.3
    )
    console.log(
      `  +${LATENCY_MS} ms rerun / first run: ${((slowAgain.seconds / slowFirst.seconds) * 100).toFixed(0)}%`
    )
  } finally {
    await proxy.stop()
    await garage.stop()
    rmSync(work, { recursive: true, force: true })
  }
}
