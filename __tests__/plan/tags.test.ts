import { expect, test } from '@jest/globals'
import { flistTags } from '../../src/plan/tags.js'

const base = {
  kernelVersion: '6.12.44-Zero-OS',
  firmwareTag: '20261125',
  engine: { name: 'native', version: '1.0.0' },
  userTags: [['release', 'v4.1']] as Array<[string, string]>
}

test('a modules flist names its kernel, then the creator, then the user tags', () => {
  expect(flistTags({ ...base, kind: 'modules' })).toEqual([
    ['kind', 'modules'],
    ['kernel-version', '6.12.44-Zero-OS'],
    ['creator', 'rfs-flist-action 1.0.0 (native 1.0.0)'],
    ['release', 'v4.1']
  ])
})

test('a firmware flist names its tag and no kernel, so every kernel of a matrix makes the same one', () => {
  const tags = flistTags({ ...base, kind: 'firmware' })
  expect(tags).toContainEqual(['firmware-tag', '20261125'])
  expect(tags.map(([key]) => key)).not.toContain('kernel-version')
  expect(flistTags({ ...base, kind: 'firmware', kernelVersion: '6.6.58' })).toEqual(tags)
})
