// One measured pack, in its own process so its peak RSS is its own. Reads a JSON job from argv,
// prints one JSON result line.
import { closeSync, openSync, readSync } from 'node:fs'
import { S_IFMT, S_IFREG } from '../src/flist/format/modes.js'
import { packTree } from '../src/flist/pack/pack.js'
import { walkTree } from '../src/flist/pack/walk.js'
import { openStores } from '../src/store/open.js'
import type { StoreSpec } from '../src/store-url/spec.js'

interface Job {
  source: string
  flistPath: string
  store: string
  /** Threads that encode; one per core when absent. */
  workers?: number
}

/**
 * Reads every file once, as b2sum's untimed first run does for its timed one. The page cache of
 * a virtual machine whose host reclaims free memory (virtio-balloon) loses pages within seconds:
 * here, hundreds of the modules tree's files 10 s after a read, and some already while it runs.
 */
async function warmPageCache(root: string): Promise<void> {
  const buffer = Buffer.alloc(1 << 20)
  for (const { path, stats } of await walkTree(root)) {
    if ((stats.mode & S_IFMT) !== S_IFREG) continue
    const fd = openSync(path, 'r')
    try {
      while (readSync(fd, buffer) > 0);
    } finally {
      closeSync(fd)
    }
  }
}

const job = JSON.parse(process.argv[2]) as Job
const specs: StoreSpec[] = [{ start: 0, end: 255, url: job.store }]
await warmPageCache(job.source)
const started = process.hrtime.bigint()
const counts = await packTree({
  source: job.source,
  flistPath: job.flistPath,
  stores: await openStores(specs),
  routes: specs,
  tags: [],
  workers: job.workers,
  log: line => process.stderr.write(`    ${line.replace(/:\/\/[^@/]*@/, '://')}\n`),
  progressIntervalMs: 10_000
})
const seconds = Number(process.hrtime.bigint() - started) / 1e9
// maxRSS is in kilobytes, CPU times in microseconds; both cover the worker threads too.
const usage = process.resourceUsage()
process.stdout.write(
  `${JSON.stringify({
    counts,
    seconds,
    maxRssMb: usage.maxRSS / 1024,
    userSeconds: usage.userCPUTime / 1e6,
    systemSeconds: usage.systemCPUTime / 1e6
  })}\n`
)
