// The boot-unit inputs: what goes into the unit files and the node's script is checked first.
import { describe, expect, test } from '@jest/globals'
import { parseBootOptions } from '../../src/boot/options.js'
import { userError } from '../fixtures/settings/capture.js'

const label = (name: string): string => `input ${name}`
const refusal = (inputs: Parameters<typeof parseBootOptions>[0]): string =>
  userError(() => parseBootOptions(inputs, label)).message

test('left out, the network unit is internet and the cache /run/flists, with no manifest URL', () => {
  expect(parseBootOptions({}, label)).toEqual({
    networkUnit: 'internet',
    cacheDir: '/run/flists',
    manifestUrl: undefined
  })
})

test('trailing slashes are dropped from the cache directory and the manifest URL', () => {
  expect(
    parseBootOptions(
      {
        networkUnit: 'zos-net.v2@eth0',
        cacheDir: '/var/cache/flists//',
        manifestUrl: 'https://hub.example.com/zos/manifests/'
      },
      label
    )
  ).toEqual({
    networkUnit: 'zos-net.v2@eth0',
    cacheDir: '/var/cache/flists',
    manifestUrl: 'https://hub.example.com/zos/manifests'
  })
})

describe('the network unit', () => {
  test.each(['', '-net', 'net work', 'a/b', 'x'.repeat(129)])('%j is not a unit name', unit => {
    expect(refusal({ networkUnit: unit })).toBe(
      `input zinit-network-unit='${unit}' is not a zinit unit name: give the name of its .yaml file without the extension, e.g. internet`
    )
  })

  test('a generated unit cannot be the one they wait for', () => {
    expect(refusal({ networkUnit: 'flist-modules' })).toMatch(
      /^input zinit-network-unit='flist-modules' is one of the generated units/
    )
  })
})

test.each(['relative', '/', '//', '/run/../etc', '/run/fl ists', "/run/'x'", '/run/$HOME'])(
  'the cache directory %j is refused',
  cacheDir => {
    expect(refusal({ cacheDir })).toMatch(
      /^input zinit-cache-dir='.*' is not accepted: give an absolute directory on the node/
    )
  }
)

describe('the manifest URL', () => {
  test.each([
    'hub.example.com/zos',
    'ftp://hub.example.com/zos',
    'https://hub.example.com/zos?x=1',
    'https://hub.example.com/zos#top'
  ])('%s is not a base URL the node can fetch', url => {
    expect(refusal({ manifestUrl: url })).toBe(
      `input zinit-manifest-url='${url}' is not a base URL the node can fetch: write e.g. https://hub.example.com/zos/manifests (the flist names follow it)`
    )
  })

  test.each(['https://reader:hunter2@hub.example.com/zos', 'https://hunter2@hub.example.com/zos'])(
    'credentials are refused without being repeated: %s',
    url => {
      expect(refusal({ manifestUrl: url })).toBe(
        "input zinit-manifest-url: the URL carries credentials, which would be written into the node's units: give a URL that needs none"
      )
    }
  )

  test("quotes, backslashes and spaces, which the script's quoting would not survive, are refused", () => {
    for (const url of ["https://hub.example.com/it's", 'https://hub.example.com/a\\b'])
      expect(refusal({ manifestUrl: url })).toMatch(
        /has quotes, backslashes or spaces: percent-encode them$/
      )
  })
})
