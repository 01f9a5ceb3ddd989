import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeDifference, describeFlist } from '../../src/publish/manifest-diff.js'
import { fileSha256 } from '../../src/common/sha256.js'
import { packTree, SMALL_FIRMWARE } from '../helpers/pack-tree.js'

const work = mkdtempSync(join(tmpdir(), 'manifest-diff-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('comparing manifests by what they describe', () => {
  test('another producer of the same tree is no difference; a changed file, route or tag is', async () => {
    const base = await describeFlist(await packTree(work, 'base', SMALL_FIRMWARE))
    const other = await packTree(work, 'other', SMALL_FIRMWARE, {
      creator: 'rfs-flist-action 1.0.1 (native 1.0.1)'
    })
    expect(await fileSha256(other)).not.toBe(await fileSha256(join(work, 'base.fl')))
    expect(describeDifference(base, await describeFlist(other))).toBeUndefined()

    const changed = await packTree(work, 'changed', {
      ...SMALL_FIRMWARE,
      'rtl_nic/rtl.fw': 'realtek 2'
    })
    expect(describeDifference(base, await describeFlist(changed))).toBe(
      'entries differ: 1 entry changed, first: rtl_nic/rtl.fw (size, blocks)'
    )
    const more = await packTree(work, 'more', { ...SMALL_FIRMWARE, 'new.bin': 'n' })
    expect(describeDifference(base, await describeFlist(more))).toMatch(
      /^entries differ: (1 entry changed, )?1 only in this run, first: (new\.bin|\/)/
    )
    const tagged = await packTree(work, 'tagged', SMALL_FIRMWARE, { tags: [['build', '7']] })
    expect(describeDifference(base, await describeFlist(tagged))).toBe(
      "tag build is only in this run's manifest"
    )
    const routed = await packTree(work, 'routed', SMALL_FIRMWARE, {
      route: 's3://reader@s3.example.com:443/blobs'
    })
    expect(describeDifference(base, await describeFlist(routed))).toMatch(
      /^routes differ \(published: dir:\/\/\S+; this run: s3:\/\/reader@s3\.example\.com:443\/blobs\)$/
    )
  })

  test('what only the published manifest has, and a tag of another value, are named each', async () => {
    const published = await describeFlist(
      await packTree(
        work,
        'published',
        { ...SMALL_FIRMWARE, 'old.bin': 'o' },
        {
          tags: [
            ['build', '7'],
            ['board', 'x86']
          ]
        }
      )
    )
    const ours = await describeFlist(
      await packTree(work, 'ours', SMALL_FIRMWARE, { tags: [['build', '8']] })
    )
    expect(describeDifference(published, ours)?.split('; ')).toEqual([
      expect.stringMatching(
        /^entries differ: (1 entry changed, )?1 only in the published one, first: (old\.bin|\/)/
      ),
      'tag board is only in the published manifest',
      "tag build differs (published '7', this run '8')"
    ])
  })
})
