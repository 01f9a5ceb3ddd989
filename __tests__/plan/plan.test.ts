import { describe, expect, test } from '@jest/globals'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { settingsFromRaw } from '../../src/action/inputs.js'
import { buildPlan } from '../../src/plan/plan.js'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { KERNEL, NOW, S3_CONF, planProject } from '../helpers/plan-project.js'
const fixture = planProject()
const { writeConfig, plan } = fixture

describe('an offline fixture.project (no S3 settings)', () => {
  test('the whole plan', async () => {
    const output = join(fixture.project, 'dist/flists')
    expect(await plan()).toEqual({
      kernel: { base: '6.12.44', localversion: '-Zero-OS', full: KERNEL },
      firmwareTag: '20250307',
      credentialChain: false,
      flists: [
        {
          kind: 'modules',
          name: `modules-${KERNEL}.fl`,
          source: join(fixture.project, 'initramfs/lib/modules', KERNEL),
          path: join(output, `modules-${KERNEL}.fl`),
          manifestKey: `manifests/modules-${KERNEL}.fl`,
          url: `file://${join(output, `modules-${KERNEL}.fl`)}`
        },
        {
          kind: 'firmware',
          name: 'firmware-20250307.fl',
          source: join(fixture.project, 'firmware'),
          path: join(output, 'firmware-20250307.fl'),
          manifestKey: 'manifests/firmware-20250307.fl',
          url: `file://${join(output, 'firmware-20250307.fl')}`
        }
      ],
      writeStores: [{ start: 0, end: 255, url: `dir://${output}/store` }],
      readRoutes: [{ start: 0, end: 255, url: `dir://${output}/store` }],
      storeDisplay: `dir://${output}/store`,
      manifests: undefined,
      warnings: [],
      notices: []
    })
  })

  test('the date tag is the UTC date of the source date', async () => {
    const settings = settingsFromRaw({ 'project-root': fixture.project }, 'input', {
      cwd: fixture.work
    })
    const late = await buildPlan(settings, {
      sourceDate: { epoch: Date.parse('2025-12-31T23:59:59-05:00') / 1000, origin: 'test' },
      now: new Date('2024-06-01T12:00:00Z'),
      modulesRoot: fixture.modulesRoot,
      mask: () => {}
    })
    expect(late.firmwareTag).toBe('20260101')
    expect(late.warnings).toEqual([])
  })

  test('without a source date the date tag is the UTC date of now, with a warning', async () => {
    const settings = settingsFromRaw({ 'project-root': fixture.project }, 'input', {
      cwd: fixture.work
    })
    const late = await buildPlan(settings, {
      now: new Date('2025-12-31T23:59:59-05:00'),
      modulesRoot: fixture.modulesRoot,
      mask: () => {}
    })
    expect(late.firmwareTag).toBe('20260101')
    expect(late.warnings).toEqual([
      expect.stringMatching(/^firmware tag 20260101 is today's UTC date/)
    ])
    const modulesOnly = settingsFromRaw(
      { 'project-root': fixture.project, flists: 'modules' },
      'input',
      {
        cwd: fixture.work
      }
    )
    expect(
      (await buildPlan(modulesOnly, { modulesRoot: fixture.modulesRoot, mask: () => {} })).warnings
    ).toEqual([])
  })

  test('output-dir moves the flists and the embedded store', async () => {
    const result = await plan({ 'output-dir': 'out' })
    expect(result.flists[0].path).toBe(join(fixture.project, 'out', `modules-${KERNEL}.fl`))
    expect(result.writeStores[0].url).toBe(`dir://${join(fixture.project, 'out/store')}`)
  })

  test('a file URL percent-encodes what needs it', async () => {
    const result = await plan({ 'output-dir': 'my flists' })
    expect(result.flists[0].url).toContain('/my%20flists/')
  })

  test('public-url without S3 is ignored with a warning', async () => {
    writeConfig('rfs.conf', 'PUBLIC_URL=https://cdn.example.com\nS3_REGION=eu-1\n')
    const result = await plan()
    expect(result.flists[0].url.startsWith('file://')).toBe(true)
    expect(result.warnings).toEqual([
      expect.stringContaining('config/rfs.conf: S3_REGION is ignored'),
      expect.stringContaining('config/rfs.conf: PUBLIC_URL is ignored')
    ])
  })
})

describe('firmware tag', () => {
  test('FIRMWARE_TAG from rfs.conf, replaced by the input', async () => {
    writeConfig('rfs.conf', 'FIRMWARE_TAG=fw-2025.1\n')
    expect((await plan()).firmwareTag).toBe('fw-2025.1')
    expect((await plan()).flists[1].name).toBe('firmware-fw-2025.1.fl')
    expect((await plan({ 'firmware-tag': 'abc' })).firmwareTag).toBe('abc')
  })

  test('a bad FIRMWARE_TAG names the file and key', async () => {
    writeConfig('rfs.conf', 'FIRMWARE_TAG="a b"\n')
    const error = await asyncUserError(plan())
    expect(error.message).toMatch(
      /^config\/rfs\.conf: FIRMWARE_TAG='a b' is not a usable firmware tag/
    )
  })
})

describe('which flists', () => {
  test('an unselected flist is not looked for', async () => {
    rmSync(join(fixture.project, 'firmware'), { recursive: true })
    const result = await plan({ flists: 'modules' })
    expect(result.flists.map(flist => flist.kind)).toEqual(['modules'])
    rmSync(join(fixture.project, 'initramfs'), { recursive: true })
    mkdirSync(join(fixture.project, 'firmware'))
    expect((await plan({ flists: 'firmware' })).flists.map(flist => flist.name)).toEqual([
      'firmware-20250307.fl'
    ])
  })

  test('a missing source of a selected flist is an error', async () => {
    rmSync(join(fixture.project, 'firmware'), { recursive: true })
    expect((await asyncUserError(plan())).message).toMatch(/^no firmware tree: tried /)
  })

  test('the modules are looked up under the full version, the injected root first', async () => {
    mkdirSync(join(fixture.modulesRoot, KERNEL))
    expect((await plan()).flists[0].source).toBe(join(fixture.modulesRoot, KERNEL))
  })

  test('a localversion mismatch shows the versions that exist', async () => {
    writeConfig('kernel.config', 'CONFIG_LOCALVERSION="-other"\n')
    const error = await asyncUserError(plan())
    expect(error.message).toContain('no modules tree for kernel 6.12.44-other')
    expect(error.message).toContain(
      `versions present: ${KERNEL} (in ${join(fixture.project, 'initramfs/lib/modules')})`
    )
  })
})

describe('kernel version', () => {
  test('the input replaces KERNEL_VERSION', async () => {
    mkdirSync(join(fixture.project, 'initramfs/lib/modules/6.13-rc3-Zero-OS'))
    const result = await plan({ 'kernel-version': '6.13-rc3' })
    expect(result.kernel).toEqual({
      base: '6.13-rc3',
      localversion: '-Zero-OS',
      full: '6.13-rc3-Zero-OS'
    })
  })

  test('config warnings reach the plan', async () => {
    writeConfig('kernel.config', 'CONFIG_LOCALVERSION="-Zero-OS"\nCONFIG_LOCALVERSION_AUTO=y\n')
    expect((await plan()).warnings).toEqual([expect.stringContaining('CONFIG_LOCALVERSION_AUTO')])
  })

  test('config-dir is honoured', async () => {
    mkdirSync(join(fixture.project, 'other'))
    writeFileSync(join(fixture.project, 'other/build.conf'), 'KERNEL_VERSION=6.12.44\n')
    const result = await plan({ 'config-dir': 'other', flists: 'firmware' })
    expect(result.kernel.full).toBe('6.12.44')
    expect(result.warnings).toEqual([expect.stringContaining('other/kernel.config not found')])
  })
})

describe('explicit stores', () => {
  test('store replaces the S3-derived store; manifests still go to S3', async () => {
    writeConfig('rfs.conf', S3_CONF)
    const result = await plan({ store: '00-7f=s3://ak:pw@a:9000/x\n80-ff=dir:///srv/blobs' })
    expect(result.writeStores).toEqual([
      { start: 0, end: 127, url: 's3://ak:pw@a:9000/x' },
      { start: 128, end: 255, url: 'dir:///srv/blobs' }
    ])
    expect(result.readRoutes).toEqual([
      { start: 0, end: 127, url: 's3://ak@a:9000/x' },
      { start: 128, end: 255, url: 'dir:///srv/blobs' }
    ])
    expect(result.storeDisplay).toBe('00-7f=s3://ak@a:9000/x\n80-ff=dir:///srv/blobs')
    expect(result.manifests?.bucket).toBe('zos-blobs')
  })

  test('store without S3 settings: no manifest upload', async () => {
    const result = await plan({ store: 'zdb://hub.example.com:9900/zos' })
    expect(result.writeStores).toEqual([
      { start: 0, end: 255, url: 'zdb://hub.example.com:9900/zos' }
    ])
    expect(result.manifests).toBeUndefined()
    expect(result.flists[0].url.startsWith('file://')).toBe(true)
  })

  test('read-store gives the routes, passwords removed', async () => {
    writeConfig('rfs.conf', S3_CONF)
    const result = await plan({
      'read-store': 'https://hub.example.com/blobs\ns3://ro:ropw@hub:9000/zos-blobs'
    })
    expect(result.readRoutes).toEqual([
      { start: 0, end: 255, url: 'https://hub.example.com/blobs' },
      { start: 0, end: 255, url: 's3://ro@hub:9000/zos-blobs' }
    ])
    expect(result.writeStores[0].url).toContain('zos-blobs')
  })
})

describe('the fixture.project itself', () => {
  test('a missing project-root', async () => {
    const error = await asyncUserError(plan({ 'project-root': join(fixture.work, 'absent') }))
    expect(error.message).toBe(
      `input project-root ${join(fixture.work, 'absent')} does not exist: point input project-root at the Zero-OS build project`
    )
  })

  test('a config syntax error stops the plan with its file and line', async () => {
    writeConfig('rfs.conf', '\n\nS3_BUCKET=`cat b`\n')
    expect((await asyncUserError(plan())).message).toMatch(
      /^config\/rfs\.conf:3: S3_BUCKET: command substitution/
    )
  })
})

describe('the example project', () => {
  test('plans offline with the versions, trees and embedded store it is meant to show', async () => {
    const example = join(import.meta.dirname, '..', '..', 'examples', 'zos')
    const settings = settingsFromRaw({ 'project-root': example, engine: 'native' }, 'flag', {
      cwd: fixture.work
    })
    const result = await buildPlan(settings, {
      sourceDate: { epoch: NOW.getTime() / 1000, origin: 'test' },
      modulesRoot: join(fixture.work, 'no-system-modules'),
      mask: () => {}
    })
    expect(result.kernel).toEqual({ base: '6.12.44', localversion: '-Zero-OS', full: KERNEL })
    expect(result.flists.map(flist => flist.source)).toEqual([
      join(example, 'initramfs/lib/modules', KERNEL),
      join(example, 'firmware')
    ])
    expect(result.writeStores).toEqual([
      { start: 0, end: 255, url: `dir://${join(example, 'dist/flists/store')}` }
    ])
    expect(result.manifests).toBeUndefined()
    expect(result.warnings).toEqual([])
  })
})

describe('key prefixes that readers would resolve elsewhere', () => {
  test.each(['../blobs', 'zos/..', 'zos/./v4', '%2e%2e/x', 'zos\\..\\x', 'a/ b', 'ok/.%2E'])(
    'prefix %j is refused, naming the input',
    async prefix => {
      writeConfig('rfs.conf', S3_CONF)
      const error = await asyncUserError(plan({ 's3-prefix': prefix }))
      expect(error.message).toMatch(/^input s3-prefix=.*is not a usable key prefix/)
    }
  )

  test('a prefix in rfs.conf is checked as well, also without S3', async () => {
    writeConfig('rfs.conf', 'S3_PREFIX=a/../../x\n')
    const error = await asyncUserError(plan())
    expect(error.message).toMatch(/rfs\.conf: S3_PREFIX='a\/\.\.\/\.\.\/x'/)
  })

  test('dots inside a segment are fine', async () => {
    writeConfig('rfs.conf', S3_CONF)
    const result = await plan({ 's3-prefix': 'zos/v1.2/...x', flists: 'firmware' })
    expect(result.flists[0].manifestKey).toBe('zos/v1.2/...x/manifests/firmware-20250307.fl')
  })
})
