// What publishing starts from: a project whose rfs.conf points at a test S3 server, and the
// flists a pack left in the output directory (only their bytes matter to publishing).
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { FlistPlan } from '../../src/plan/plan.js'
import type { PackedFlist } from '../../src/publish/pack-flists.js'
import { sha256Hex } from '../../src/common/sha256.js'
import type { TestS3 } from '../../peers/s3.js'

/** rfs.conf of a project publishing to s3rver (or a proxy of it at `endpoint`): blobs and manifests in `bucket`, under `prefix`. */
export function s3RfsConf(
  s3: TestS3,
  bucket: string,
  prefix = 'zos',
  endpoint = s3.endpoint
): string {
  return [
    `S3_ENDPOINT=${endpoint}`,
    `S3_BUCKET=${bucket}`,
    `S3_PREFIX=${prefix}`,
    `S3_ACCESS_KEY=${s3.accessKey}`,
    `S3_SECRET_KEY=${s3.secretKey}`
  ].join('\n')
}

/** Writes `content` where the plan puts the flist, and describes it as a pack would. */
export function packedFlist(flist: FlistPlan, content: string): PackedFlist {
  mkdirSync(dirname(flist.path), { recursive: true })
  writeFileSync(flist.path, content)
  const counts = { files: 0, directories: 1, symlinks: 0, bytes: 0, blocks: 0 }
  return {
    plan: flist,
    counts: { ...counts, blocksUploaded: 0, blocksPresent: 0 },
    sha256: sha256Hex(content),
    encodedLengths: new Map()
  }
}
