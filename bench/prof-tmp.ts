import { walkTree } from '../src/flist/walk.js'
import { BlockWorkerPool } from '../src/flist/worker-pool.js'
let t = performance.now()
const items = await walkTree('/tmp/rfs-flist-bench/firmware')
console.log('walk', (performance.now() - t).toFixed(0), 'ms', items.length)
t = performance.now()
const pool = await BlockWorkerPool.start(2)
console.log('pool start', (performance.now() - t).toFixed(0), 'ms')
t = performance.now()
let bytes = 0
const jobs: Promise<void>[] = []
for (const item of items) {
  if (!item.stats.isFile() || item.stats.size === 0) continue
  const chunks = Math.ceil(item.stats.size / 524288)
  for (let first = 0; first < chunks; first += 8) {
    jobs.push(
      pool.encode(
        { path: item.path, first, count: Math.min(8, chunks - first), size: item.stats.size },
        c => {
          bytes += c.plainLength
        }
      )
    )
  }
}
await Promise.all(jobs)
const s = (performance.now() - t) / 1000
console.log('encode only', s.toFixed(2), 's', (bytes / 1e6 / s).toFixed(0), 'MB/s')
await pool.close()
