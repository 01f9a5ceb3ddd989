// The block worker run from its TypeScript source, for runs from the sources (the tests, the
// benchmark): src/flist/pool/worker-pool.ts starts this module when RFS_FLIST_BLOCK_WORKER names
// it. A worker thread does not inherit the TypeScript loader of the thread that starts it, so it
// registers its own.
import { register } from 'tsx/esm/api'

register()
await import('../src/flist/pool/block-worker.ts')
