// The boot units of a planned run: written into output-dir/zinit with the sha256 of each flist
// packed so far, and the warning for flists a node has no URL to fetch from.
import { describe, expect, test } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { bootUrlWarnings, writeBootStage } from '../../src/boot/stage.js'
import type { PackedFlist } from '../../src/publish/pack-flists.js'
import { KERNEL, S3_CONF, planProject } from '../helpers/plan-project.js'
import { printed } from '../helpers/printed.js'
const fixture = planProject()
const { plan, settings, writeConfig } = fixture

const OPTIONS = { networkUnit: 'internet', cacheDir: '/run/flists' }

describe('flists a node cannot fetch', () => {
  test('a run without S3 keeps them local: one warning per flist, naming its URL and the fix', async () => {
    const offline = await plan()
    expect(bootUrlWarnings(offline, OPTIONS)).toEqual(
      offline.flists.map(
        flist =>
          `zinit units: ${flist.name} has no URL a node can fetch (${flist.url}): set input zinit-manifest-url to where the node finds the manifests`
      )
    )
    expect(offline.flists.length).toBe(2)
  })

  test('none with zinit-manifest-url, or with published http(s) URLs', async () => {
    expect(bootUrlWarnings(await plan(), { ...OPTIONS, manifestUrl: 'https://hub/m' })).toEqual([])
    for (const endpoint of ['https://s3.example.com', 'http://minio.local:9000']) {
      writeConfig('rfs.conf', S3_CONF.replace('https://s3.example.com', endpoint))
      const published = await plan()
      expect(published.flists[0].url.startsWith(`${endpoint}/`)).toBe(true)
      expect(bootUrlWarnings(published, OPTIONS)).toEqual([])
    }
  })
})

test('the units go to output-dir/zinit, with the sha256 of the flists packed so far', async () => {
  writeConfig('rfs.conf', S3_CONF)
  const planned = await plan()
  const modules = planned.flists.find(flist => flist.kind === 'modules')!
  const sha256 = 'ab'.repeat(32)
  const packed = [{ plan: modules, sha256 } as PackedFlist]
  let result: Awaited<ReturnType<typeof writeBootStage>> | undefined
  const log = await printed(async () => {
    result = await writeBootStage(planned, settings(), OPTIONS, packed)
  })
  const dir = join(fixture.project, 'dist/flists/zinit')
  expect(result).toMatchObject({
    dir,
    units: ['flist-modules', 'flist-firmware', 'flist-depmod', 'flist-coldplug'],
    missingSha256: ['firmware-20250307.fl']
  })
  expect(readdirSync(dir)).toContain('flist-modules.yaml')
  expect(readFileSync(join(dir, 'init/flists.sha256'), 'utf8')).toBe(
    `${sha256}  modules-${KERNEL}.fl\n`
  )
  expect(log).toContain(`flist-coldplug.yaml in ${dir}`)
})
