import { describe, expect, test } from '@jest/globals'
import { routeWarnings, unopenableReason, unreachableReason } from '../../src/plan/store-reach.js'
import { inputLabeller, RUNNER_LABEL } from '../../src/common/input-label.js'

const route = (url: string) => ({ start: 0, end: 255, url })

describe('routes Zero-OS nodes cannot reach', () => {
  test.each([
    ['s3://AK@127.0.0.1:9000/blobs?region=us-east-1', 'names a loopback address'],
    ['s3s://AK@localhost:443/blobs', 'names the loopback host'],
    ['http://10.1.2.3/blobs', 'names a private address'],
    ['s3://AK@172.20.0.5:9000/blobs', 'names a private address'],
    ['https://192.168.1.10:8080/blobs', 'names a private address'],
    ['zdb://[::1]:9900/ns', 'names a loopback address'],
    ['s3://AK@[fd00::5]:9000/blobs', 'names a private address'],
    ['http://169.254.169.254/x', 'names a link-local address']
  ])('%s %s', (url, reason) => {
    expect(unreachableReason(route(url), true)).toBe(reason)
  })

  test.each([
    's3s://AK@s3.example.com:443/blobs?region=eu-west-1',
    'https://hub.grid.tf/blobs',
    's3://AK@172.32.0.1:9000/blobs',
    'zdb://hub.example.com:9900'
  ])('%s is fine', url => {
    expect(unreachableReason(route(url), true)).toBeUndefined()
  })

  test('a dir:// route matters only when the flists are published for nodes', () => {
    expect(unreachableReason(route('dir:///srv/blobs'), false)).toBeUndefined()
    expect(unreachableReason(route('dir:///srv/blobs'), true)).toMatch(/directory/)
  })

  test('each warning names the route and the fix', () => {
    expect(
      routeWarnings(
        [route('s3://AK@127.0.0.1:9000/b'), route('s3s://AK@s3.example.com:443/b')],
        true,
        inputLabeller('flag')
      )
    ).toEqual([
      'route s3://AK@127.0.0.1:9000/b names a loopback address, which Zero-OS nodes will not reach; set --read-store to an address they can reach'
    ])
  })
})

describe('routes the rfs releases cannot open', () => {
  test.each(['http', 'https'])(
    'an %s route names its scheme, who reads it, and the alternative',
    scheme => {
      const url = `${scheme}://hub.example.com/zos-blobs`
      const [warning, ...others] = routeWarnings([route(url)], true, RUNNER_LABEL)
      expect(others).toEqual([])
      expect(warning).toBe(
        `route ${url} uses the ${scheme} scheme, which no rfs release opens (v2.0.6 and v2.0.7 stop with ` +
          `"unknown store type '${scheme}'"; only rfs builds after v2.0.7 read it): nodes running a ` +
          `release cannot mount the flist; for them, route to the bucket itself with an s3:// (s3s://) ` +
          `input read-store on a bucket that allows anonymous reads`
      )
    }
  )

  test.each([
    's3://AK@s3.example.com:9000/blobs',
    's3s://AK@s3.example.com:443/blobs?region=eu-west-1',
    'zdb://zdb.example.com:9900/ns',
    'dir:///srv/blobs'
  ])('%s opens in every rfs', url => {
    expect(unopenableReason(route(url), RUNNER_LABEL)).toBeUndefined()
  })

  test('a route both unreachable and unopenable gets both warnings', () => {
    expect(routeWarnings([route('http://10.0.0.5/blobs')], true, RUNNER_LABEL)).toEqual([
      expect.stringMatching(/names a private address/),
      expect.stringMatching(/uses the http scheme, which no rfs release opens/)
    ])
  })
})
