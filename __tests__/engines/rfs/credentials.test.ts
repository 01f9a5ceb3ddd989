// The store URLs rfs is given: S3 credentials written as rfs signs with them.
import { expect, test } from '@jest/globals'
import { mangledHint, storesForRfs } from '../../../src/engines/rfs/credentials.js'
import { inputLabeller, RUNNER_LABEL } from '../../../src/common/input-label.js'

const store = (url: string) => [{ start: 0, end: 255, url }]

test('characters rfs can take literally are written literally, key and secret alike', () => {
  const secret = "Zq+x$y&z,w~(1)!*'"
  expect(
    storesForRfs(store(`s3://AK%2Bid:${encodeURIComponent(secret)}@h:9000/blobs?region=r`))
  ).toEqual({ stores: store(`s3://AK+id:${secret}@h:9000/blobs?region=r`), mangled: false })
  expect(storesForRfs(store('s3s://AK%21@h:443/blobs'))).toEqual({
    stores: store('s3s://AK!@h:443/blobs'),
    mangled: false
  })
})

test.each([
  ['a slash', 's3://AK:se%2Fcret@h:9000/blobs'],
  ['an @', 's3://AK:p%40ss@h:9000/blobs'],
  ['a space', 's3://AK:a%20b@h:9000/blobs'],
  ['a broken escape', 's3://AK:bad%zz@h:9000/blobs']
])('a secret with %s stays as written, and rfs is known to sign with another', (_, url) => {
  expect(storesForRfs(store(url))).toEqual({ stores: store(url), mangled: true })
})

test('stores that are not S3, or carry no credentials, are left alone', () => {
  const stores = [
    ...store('dir:///srv/blobs'),
    ...store('zdb://:p%2Bw@h:9900/ns'),
    ...store('s3://h:9000/blobs')
  ]
  expect(storesForRfs(stores)).toEqual({ stores, mangled: false })
})

test('the hint names the engine input as the run was given it', () => {
  expect(mangledHint(RUNNER_LABEL)).toMatch(/: use engine: native, or S3 credentials without/)
  expect(mangledHint(inputLabeller('flag'))).toMatch(/: use --engine native, or S3 credentials/)
})
