import { expect, test } from '@jest/globals'
import { HttpBlobStore } from '../../src/store/http.js'
import { startAnsweringServer } from '../helpers/answering-server.js'

const ID = 'ab'.repeat(32)

test('fetches from the URL without its userinfo, which it never shows', async () => {
  const server = await startAnsweringServer(200, 'application/octet-stream', 'blob!')
  try {
    const host = server.endpoint.slice('http://'.length)
    const store = new HttpBlobStore(`http://reader:s3cret@${host}/team%402024/blobs/`)
    expect(store.display).toBe(`http://${host}/team%402024/blobs`)
    expect((await store.get(ID))?.toString()).toBe('blob!')
    expect(server.requests).toEqual([`GET /team%402024/blobs/ab/${ID}`])
  } finally {
    await server.close()
  }
})

test.each([
  'https://hub.example.com/team@2024/blobs',
  'https://reader:s3/cr@et@hub.example.com/blobs'
])('%s, which a parser reads otherwise, is refused without a piece of it', url => {
  expect(() => new HttpBlobStore(url)).toThrow(
    /^store: the https:\/\/ URL does not parse: percent-encode its credentials/
  )
  try {
    new HttpBlobStore(url)
  } catch (error) {
    expect((error as Error).message).not.toMatch(/2024|s3\/cr|et@|hub\.example/)
  }
})
