// The full job through a loopback proxy that fails a share of S3 requests the ways real endpoints
// do (503, SlowDown, connection resets, stalls past the request timeout).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { errorLines, runAction } from '../helpers/action.js'
import { startFaultyProxy, type FaultyProxy } from '../helpers/faulty-proxy.js'
import { copyExample, type TestProject } from '../helpers/project.js'
import { listKeys, startS3, type TestS3 } from '../../peers/s3.js'

let s3: TestS3
let proxy: FaultyProxy
const projects: TestProject[] = []

beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'manifests', 'exclusive'] })
  proxy = await startFaultyProxy(s3.endpoint, { failureRate: 0, seed: 42, stallMs: 4_000 })
})
afterAll(async () => {
  await proxy.stop()
  await s3.stop()
  projects.forEach(project => project.remove())
})

function inputs(prefix: string, attempts: number): Record<string, string> {
  const project = copyExample()
  projects.push(project)
  return {
    'project-root': project.root,
    engine: 'native',
    'firmware-tag': 'fw1',
    's3-endpoint': proxy.endpoint,
    's3-bucket': 'blobs',
    'manifest-bucket': 'manifests',
    's3-prefix': prefix,
    's3-access-key': s3.accessKey,
    's3-secret-key': s3.secretKey,
    's3-max-attempts': String(attempts),
    's3-request-timeout': '1'
  }
}

describe('a server that honours If-None-Match', () => {
  test('gives no concurrency warning, and the probe leaves nothing behind', async () => {
    const honouring = await startFaultyProxy(s3.endpoint, {
      failureRate: 0,
      honourIfNoneMatch: true
    })
    const run = await runAction({
      ...inputs('honoured', 2),
      'manifest-bucket': 'exclusive',
      's3-endpoint': honouring.endpoint
    }).finally(() => honouring.stop())
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    // The probe was made, and refused by the server as a second create of one key.
    const probes = honouring.log.filter(({ path }) =>
      path.startsWith('/exclusive/honoured/manifests/.')
    )
    expect(probes.map(({ method }) => method)).toEqual(['PUT', 'PUT', 'DELETE'])
    expect(JSON.parse(run.outputs.result).exclusiveCreate).toBe(true)
    expect(run.stdout).not.toMatch(/concurrent publishers/)
    expect(run.summary).not.toMatch(/concurrent publishers/)
    expect(await listKeys(s3, 'exclusive')).toEqual([
      'honoured/manifests/firmware-fw1.fl',
      'honoured/manifests/modules-6.12.44-Zero-OS.fl'
    ])
  })
})

describe('a flaky S3 endpoint', () => {
  test('at a 20% failure rate the full job completes and verify: full passes', async () => {
    proxy.setFailureRate(0.2)
    const before = { ...proxy.stats.byFault }
    const run = await runAction({ ...inputs('flaky', 10), verify: 'full' })
    proxy.setFailureRate(0)
    expect(errorLines(run)).toEqual([])
    expect(run.code).toBe(0)
    expect(await listKeys(s3, 'manifests')).toEqual([
      'flaky/manifests/firmware-fw1.fl',
      'flaky/manifests/modules-6.12.44-Zero-OS.fl'
    ])
    // Every kind of fault was met and survived.
    for (const fault of ['503', 'slowdown', 'reset', 'stall'] as const) {
      expect(proxy.stats.byFault[fault]).toBeGreaterThan(before[fault])
    }
    expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(s3.secretKey)
  })

  test('at 100% it fails with one line after bounded attempts and publishes nothing', async () => {
    proxy.setFailureRate(1)
    const run = await runAction(inputs('down', 2))
    proxy.setFailureRate(0)
    expect(run.code).toBe(1)
    const errors = errorLines(run)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(
      /S3 \w+ blobs\/\S+ failed after 2 attempts \(endpoint http:\/\/127\.0\.0\.1:\d+\): \S/
    )
    expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(s3.secretKey)
    const keys = [...(await listKeys(s3, 'blobs')), ...(await listKeys(s3, 'manifests'))]
    expect(keys.filter(key => key.startsWith('down/'))).toEqual([])
  })
})
