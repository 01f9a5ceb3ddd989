// Store arguments of the engine CLI, in rfs's `[xx-xx=]URL` form.
import { describe, expect, test } from '@jest/globals'
import { parseStoreArg } from '../../../src/flist/cli/store-args.js'

/** How the argument is refused: a usage error (the CLI answers it with exit code 2) and its line. */
function refusal(text: string): string {
  try {
    parseStoreArg(text)
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`
  }
  return 'accepted'
}

describe('parseStoreArg', () => {
  test('rfs range syntax, inclusive and in hex of either case; none is every id', () => {
    expect(parseStoreArg('0a-7F=dir:///srv/blobs')).toEqual({
      start: 10,
      end: 127,
      url: 'dir:///srv/blobs'
    })
    expect(parseStoreArg('42-42=dir:///one')).toMatchObject({ start: 0x42, end: 0x42 })
    // The password stays: it is stripped where routes are written, not here.
    expect(parseStoreArg('s3://AK:SK@host:9000/bucket')).toEqual({
      start: 0,
      end: 255,
      url: 's3://AK:SK@host:9000/bucket'
    })
  })

  test('a range that ends before it starts is refused, naming the range', () => {
    expect(refusal('7f-00=dir:///x')).toBe(
      'UsageError: invalid store range 7f-00: start is after end'
    )
  })

  test('text that is no URL is refused with the form expected, any password in it masked', () => {
    const expected = (shown: string) =>
      `UsageError: invalid store '${shown}': expected [xx-xx=]<scheme>://...`
    expect(refusal('00-7f=/srv/blobs')).toBe(expected('/srv/blobs'))
    // Not a range (one hex digit), so the whole text is the URL.
    expect(refusal('0-ff=dir:///x')).toBe(expected('0-ff=dir:///x'))
  })

  test('text that is no URL and may hold credentials is refused without being shown', () => {
    const hidden =
      'UsageError: invalid store (not shown: it may hold credentials): expected [xx-xx=]<scheme>://...'
    for (const text of [
      ' s3://AK:SECRET@host:9000/b',
      'AK:SECRET@host:9000/b',
      's3:/AK:SECRET@h/b'
    ]) {
      expect(refusal(text)).toBe(hidden)
      expect(refusal(`00-7f=${text}`)).toBe(hidden)
    }
  })
})
