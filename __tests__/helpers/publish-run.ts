// What publishing starts from: a project whose rfs.conf points at a test S3 server, and the
// flists a pack left in the output directory (only their bytes matter to publishing).
import { afterAll, beforeAll } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { FlistPlan } from '../../src/plan/plan.js'
import type { PackedFlist } from '../../src/publish/pack-flists.js'
import { sha256Hex } from '../../src/common/sha256.js'
import { RUNNER_LABEL } from '../../src/common/input-label.js'
import { S3Session } from '../../src/s3/client.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

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

/** A session of the test's own, to plant and look at objects beside the code under test. */
export function testSession(s3: TestS3, endpoint = s3.endpoint): S3Session {
  const connection = {
    endpoint,
    region: 'us-east-1',
    accessKey: s3.accessKey,
    secretKey: s3.secretKey
  }
  return new S3Session(connection, {
    retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 20 },
    label: RUNNER_LABEL
  })
}

/** s3rver with these buckets and a session of the test's own, for the tests of one file. */
export function s3WithSession(buckets = ['flists']): { s3: TestS3; session: S3Session } {
  const peer = {} as { s3: TestS3; session: S3Session }
  beforeAll(async () => {
    peer.s3 = await startS3({ buckets })
    peer.session = testSession(peer.s3)
  })
  afterAll(async () => {
    peer.session.destroy()
    await peer.s3.stop()
  })
  return peer
}
