// V8 grows a thread's young generation while much of what it allocates outlives a scavenge, as
// the S3 client's request objects do with dozens of uploads in flight. Under Node 24 the main
// thread's grew to 128 MB during a firmware pack, a quarter of the pack's peak RSS, and the
// action cannot pass Node the flags that cap it at startup. Turning growth off at run time keeps
// it at its first few megabytes: the firmware pack to S3 then peaks at about 340 MB instead of
// 460 MB, for no time measurable beside the store's (npm run bench).
import { setFlagsFromString } from 'node:v8'

let limited = false

/** Applies to this thread from its next scavenge and to threads started after; once per process. */
export function stopYoungGenerationGrowth(): void {
  if (limited) return
  limited = true
  setFlagsFromString('--semi-space-growth-factor=1')
}
