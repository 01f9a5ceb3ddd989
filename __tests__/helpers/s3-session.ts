// Sessions of the tests' own on s3rver, to plant and look at objects beside the code under test.
import { afterAll, beforeAll } from '@jest/globals'
import { RUNNER_LABEL } from '../../src/common/input-label.js'
import { S3Session } from '../../src/s3/client.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

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
  // Either may be missing when startS3 failed: that failure is the one to see.
  afterAll(async () => {
    peer.session?.destroy()
    await peer.s3?.stop()
  })
  return peer
}
