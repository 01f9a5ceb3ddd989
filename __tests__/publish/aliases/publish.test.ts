import { beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import {
  aliasUrl,
  checkAliases,
  plannedAliases,
  publishAliases
} from '../../../src/publish/aliases/publish.js'
import type { FlistPlan, Plan } from '../../../src/plan/plan.js'
import type { Settings } from '../../../src/plan/settings.js'
import { sha256Hex } from '../../../src/common/sha256.js'
import { KERNEL, planProject } from '../../helpers/plan-project.js'
import { packedFlist, s3RfsConf } from '../../helpers/publish-run.js'
import { s3WithSession } from '../../helpers/s3-session.js'
import { getObject } from '../../../peers/s3.js'

const fixture = planProject()
const MODULES = `modules-${KERNEL}.fl`
const ALIAS = 'modules-6.12-latest.fl'
const KEY = `zos/manifests/${ALIAS}`

const peer = s3WithSession()

let settings: Settings
let plan: Plan
beforeEach(async () => {
  fixture.writeConfig('rfs.conf', s3RfsConf(peer.s3, 'flists'))
  const raw = { 'firmware-tag': 'fw1', aliases: `modules=${ALIAS}` }
  settings = fixture.settings(raw)
  plan = await fixture.plan(raw)
})

const modulesOf = (plan: Plan): FlistPlan => plan.flists.find(item => item.kind === 'modules')!
const publish = (content: string): ReturnType<typeof publishAliases> =>
  publishAliases(
    [packedFlist(modulesOf(plan), content)],
    plan,
    settings,
    new AbortController().signal
  )

describe('publishAliases', () => {
  test('publishes a copy, leaves it alone while unchanged, replaces it when the flist changes', async () => {
    const url = `${peer.s3.endpoint}/flists/${KEY}`
    expect(await publish('first manifest')).toEqual([
      {
        alias: ALIAS,
        flist: MODULES,
        url,
        sha256: sha256Hex('first manifest'),
        outcome: 'published'
      }
    ])
    expect((await getObject(peer.s3, 'flists', KEY))?.toString()).toBe('first manifest')
    const head = await peer.session.client.send(
      new HeadObjectCommand({ Bucket: 'flists', Key: KEY })
    )
    expect(head.Metadata).toMatchObject({ 'alias-of': MODULES, 'kernel-version': KERNEL })

    expect((await publish('first manifest'))[0].outcome).toBe('unchanged')
    expect((await publish('second manifest'))[0].outcome).toBe('replaced')
    expect((await getObject(peer.s3, 'flists', KEY))?.toString()).toBe('second manifest')
  })

  test('never replaces a real manifest published under the alias name', async () => {
    const key = 'zos/manifests/modules-real.fl'
    await peer.session.client.send(
      new PutObjectCommand({ Bucket: 'flists', Key: key, Body: 'real', Metadata: { sha256: 'x' } })
    )
    const raw = { 'firmware-tag': 'fw1', aliases: 'modules=modules-real.fl' }
    settings = fixture.settings(raw)
    await expect(publish('mine')).rejects.toThrow(
      'alias s3://flists/zos/manifests/modules-real.fl is the name of a published flist, not an alias, and published flists are never replaced: choose another alias name'
    )
    expect((await getObject(peer.s3, 'flists', key))?.toString()).toBe('real')
  })

  test('without S3 settings the alias is a copy in the output directory', async () => {
    fixture.writeConfig('rfs.conf', '')
    const raw = { 'firmware-tag': 'fw1', aliases: `modules=${ALIAS}` }
    settings = fixture.settings(raw)
    plan = await fixture.plan(raw)
    const [alias] = await publish('offline manifest')
    const path = join(settings.outputDir, ALIAS)
    expect(alias).toMatchObject({ alias: ALIAS, flist: MODULES, url: `file://${path}` })
    expect(readFileSync(path, 'utf8')).toBe('offline manifest')
  })
})

describe('checkAliases', () => {
  test('refuses an alias that is the real name of a flist of the run', () => {
    const aliases = [{ kind: 'firmware' as const, name: MODULES }]
    expect(() => checkAliases(aliases, plan, settings.label)).toThrow(
      `input aliases: '${MODULES}' is the real name of the modules flist of this run, which is never replaced: choose another alias name`
    )
  })

  test('refuses an alias of a flist the run does not build', async () => {
    const modulesOnly = await fixture.plan({ flists: 'modules' })
    const aliases = [{ kind: 'firmware' as const, name: 'firmware-latest.fl' }]
    expect(() => checkAliases(aliases, modulesOnly, settings.label)).toThrow(
      "input aliases: 'firmware=firmware-latest.fl' copies the firmware flist, which this run does not build (flists: modules): drop the alias or build that flist"
    )
  })
})

describe('where an alias is read', () => {
  test('the flist URL with the alias name in place of the flist name', () => {
    expect(aliasUrl('https://cdn.test/zos/manifests/m.fl', 'm.fl', 'm-latest.fl')).toBe(
      'https://cdn.test/zos/manifests/m-latest.fl'
    )
    expect(plannedAliases(settings.aliases, plan)).toEqual([
      { alias: ALIAS, flist: MODULES, url: `${peer.s3.endpoint}/flists/${KEY}` }
    ])
  })

  test('a URL that does not end in the flist name is left as it is', () => {
    expect(aliasUrl('https://cdn.test/get?name=m.fl', 'm.fl', 'm-latest.fl')).toBe(
      'https://cdn.test/get?name=m.fl'
    )
  })
})
