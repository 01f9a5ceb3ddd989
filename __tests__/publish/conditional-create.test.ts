import { describe, expect, test } from '@jest/globals'
import { probeIfNoneMatch } from '../../src/publish/conditional-create.js'
import { startFaultyProxy } from '../helpers/faulty-proxy.js'
import { printed } from '../helpers/printed.js'
import { s3WithSession, testSession } from '../helpers/s3-session.js'
import { listKeys } from '../../peers/s3.js'

const peer = s3WithSession(['probes', 'leftovers'])

describe('whether the server honours If-None-Match', () => {
  test('s3rver does not: it replaces the probe; the probe is removed', async () => {
    expect(await probeIfNoneMatch(peer.session, 'probes', 'zos')).toBe(false)
    expect(await listKeys(peer.s3, 'probes')).toEqual([])
  })

  test('a server answering 412 over an existing key does; the probe is removed', async () => {
    const proxy = await startFaultyProxy(peer.s3.endpoint, {
      failureRate: 0,
      honourIfNoneMatch: true
    })
    const through = testSession(peer.s3, proxy.endpoint)
    try {
      expect(await probeIfNoneMatch(through, 'probes', 'zos/')).toBe(true)
      expect(
        proxy.log.map(({ method, path }) => `${method} ${path.replace(/[0-9a-f]{16}$/, 'N')}`)
      ).toEqual([
        'PUT /probes/zos/manifests/.if-none-match-probe-N',
        'PUT /probes/zos/manifests/.if-none-match-probe-N',
        'DELETE /probes/zos/manifests/.if-none-match-probe-N'
      ])
    } finally {
      through.destroy()
      await proxy.stop()
    }
    expect(await listKeys(peer.s3, 'probes')).toEqual([])
  })

  test('a probe that cannot be removed is a warning naming it, not a failure', async () => {
    const proxy = await startFaultyProxy(peer.s3.endpoint, {
      failureRate: 0,
      refuse: method => method === 'DELETE'
    })
    const through = testSession(peer.s3, proxy.endpoint)
    try {
      const log = await printed(async () => {
        expect(await probeIfNoneMatch(through, 'leftovers', 'zos')).toBe(false)
      })
      expect(log).toMatch(
        /^::warning::the probe object s3:\/\/leftovers\/zos\/manifests\/\.if-none-match-probe-[0-9a-f]{16} could not be removed \(.*\): delete it by hand, or give the access key permission to delete objects$/m
      )
      expect(log).not.toContain(peer.s3.secretKey)
    } finally {
      through.destroy()
      await proxy.stop()
    }
  })
})
