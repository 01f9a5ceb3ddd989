// Before any test: in-process packs start the block worker from its TypeScript source (see
// scripts/block-worker-from-source.mjs); bundles under test find their own.
import { fileURLToPath } from 'node:url'

export default function globalSetup() {
  process.env.RFS_FLIST_BLOCK_WORKER ??= fileURLToPath(
    new URL('./block-worker-from-source.mjs', import.meta.url)
  )
}
