import { expect, test } from '@jest/globals'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import { previousFlist } from '../../src/publish/previous-flist.js'
import type { PackContext } from '../../src/publish/pack-flists.js'
import type { FlistPlan } from '../../src/plan/plan.js'
import { planProject } from '../helpers/plan-project.js'
import { s3RfsConf } from '../helpers/publish-run.js'
import { s3WithSession } from '../helpers/s3-session.js'
import { startFaultyProxy } from '../helpers/faulty-proxy.js'

const fixture = planProject()

const peer = s3WithSession()

/** The run's firmware flist and the context it is packed in, for the given rfs.conf. */
async function firmwareRun(
  rfsConf: string,
  signal = new AbortController().signal
): Promise<{ flist: FlistPlan; run: PackContext }> {
  fixture.writeConfig('rfs.conf', rfsConf)
  const raw = { 'firmware-tag': 'fw1', flists: 'firmware' }
  const plan = await fixture.plan(raw)
  mkdirSync(dirname(plan.flists[0].path), { recursive: true })
  return { flist: plan.flists[0], run: { plan, settings: fixture.settings(raw), signal } }
}

async function publishFirmware(prefix: string, content: string): Promise<void> {
  const Key = `${prefix}/manifests/firmware-fw1.fl`
  await peer.session.client.send(new PutObjectCommand({ Bucket: 'flists', Key, Body: content }))
}

test('the flist in the output directory is taken as it is, and kept', async () => {
  const { flist, run } = await firmwareRun(s3RfsConf(peer.s3, 'flists', 'local'))
  writeFileSync(flist.path, 'earlier run')
  const previous = await previousFlist(flist, run)
  expect(previous.path).toBe(flist.path)
  await previous.release()
  expect(readFileSync(flist.path, 'utf8')).toBe('earlier run')
})

test('else the published manifest is fetched beside it, and removed on release', async () => {
  await publishFirmware('fetched', 'published bytes')
  const { flist, run } = await firmwareRun(s3RfsConf(peer.s3, 'flists', 'fetched'))
  const previous = await previousFlist(flist, run)
  expect(dirname(previous.path!)).toBe(dirname(flist.path))
  expect(previous.path).not.toBe(flist.path)
  expect(readFileSync(previous.path!, 'utf8')).toBe('published bytes')
  await previous.release()
  expect(existsSync(previous.path!)).toBe(false)
})

test('nothing published, or no S3 settings: no previous flist', async () => {
  for (const rfsConf of [s3RfsConf(peer.s3, 'flists', 'nothing'), '']) {
    const { flist, run } = await firmwareRun(rfsConf)
    expect((await previousFlist(flist, run)).path).toBeUndefined()
  }
})

test('a manifest that cannot be fetched only means no previous flist', async () => {
  await publishFirmware('refused', 'published bytes')
  const proxy = await startFaultyProxy(peer.s3.endpoint, {
    failureRate: 0,
    refuse: method => method === 'GET'
  })
  try {
    const { flist, run } = await firmwareRun(
      s3RfsConf(peer.s3, 'flists', 'refused', proxy.endpoint)
    )
    expect((await previousFlist(flist, run)).path).toBeUndefined()
  } finally {
    await proxy.stop()
  }
})

test('a cancelled run is not taken for a failed fetch', async () => {
  await publishFirmware('cancelled', 'published bytes')
  const controller = new AbortController()
  controller.abort()
  const { flist, run } = await firmwareRun(
    s3RfsConf(peer.s3, 'flists', 'cancelled'),
    controller.signal
  )
  await expect(previousFlist(flist, run)).rejects.toThrow(/abort/i)
})
