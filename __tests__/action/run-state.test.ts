import { describe, expect, test } from '@jest/globals'
import {
  logPlan,
  newRunState,
  publicationClause,
  runResult,
  type RunState
} from '../../src/action/run-state.js'
import { KERNEL, S3_CONF, planProject } from '../helpers/plan-project.js'
import { packedFlist } from '../helpers/publish-run.js'
import { printed } from '../helpers/printed.js'

const fixture = planProject()
const SECRET = 'hunter2/+'

/** A run that planned with S3_CONF (or without S3 settings) and packed both flists. */
async function packedRun(rfsConf = S3_CONF, raw = {}): Promise<RunState> {
  fixture.writeConfig('rfs.conf', rfsConf)
  const inputs = { 'firmware-tag': 'fw1', ...raw }
  const state = newRunState({ pack: 1.25 })
  state.settings = fixture.settings(inputs)
  state.plan = await fixture.plan(inputs)
  state.packed = state.plan.flists.map(flist => packedFlist(flist, `${flist.kind} manifest`))
  return state
}

describe('runResult', () => {
  test('is undefined before the run has a plan', () => {
    expect(runResult(newRunState({}))).toBeUndefined()
  })

  test('a manifest kept from an earlier run gives its sha256; one not reached is not published', async () => {
    const state = await packedRun()
    state.publish.started = true
    state.publish.states.modules = 'unchanged'
    state.publish.sha256.modules = 'c'.repeat(64)
    const result = runResult(state)!
    expect(result.flists.modules).toMatchObject({ manifest: 'unchanged', sha256: 'c'.repeat(64) })
    expect(result.flists.firmware).toMatchObject({
      name: 'firmware-fw1.fl',
      manifest: 'not published',
      sha256: state.packed[1].sha256,
      blocksUploaded: 0
    })
    expect(result).toMatchObject({
      status: 'success',
      kernelVersion: KERNEL,
      timings: { pack: 1.25 }
    })
  })

  test('without S3 settings, and in a dry run, no manifest state is given', async () => {
    for (const state of [await packedRun(''), await packedRun(S3_CONF, { 'dry-run': 'true' })]) {
      const flists = Object.values(runResult(state)!.flists)
      expect(flists.map(flist => flist.manifest)).toEqual([undefined, undefined])
    }
  })

  test('never carries the S3 secret', async () => {
    const state = await packedRun()
    state.status = 'failed'
    state.error = 'some error'
    for (const spelling of [SECRET, encodeURIComponent(SECRET)])
      expect(JSON.stringify(runResult(state))).not.toContain(spelling)
    expect(runResult(state)!.store).toBe('s3s://AKIA@s3.example.com:443/zos-blobs?region=us-east-1')
  })
})

describe('publicationClause', () => {
  test('says nothing when the run stopped before publishing', async () => {
    const state = await packedRun()
    state.status = 'failed'
    expect(publicationClause(state)).toBe('')
  })

  test('a cancelled run that published none of them says so', async () => {
    const state = await packedRun()
    state.status = 'cancelled'
    expect(publicationClause(state)).toBe('nothing was published')
  })

  test('names each manifest with what became of it', async () => {
    const state = await packedRun()
    state.status = 'failed'
    state.publish.started = true
    state.publish.states = { modules: 'published', firmware: 'uncertain' }
    expect(publicationClause(state)).toBe(
      `modules-${KERNEL}.fl was published, firmware-fw1.fl may have been published (its upload was cut off and the store could not be asked)`
    )
  })
})

test('logPlan prints the names, places and store of the run, never the secret', async () => {
  const state = await packedRun()
  const log = await printed(() =>
    logPlan(state.plan!, state.settings!, { epoch: 0, origin: 'test' })
  )
  expect(log).toContain(`manifest: s3://zos-blobs/manifests/modules-${KERNEL}.fl`)
  expect(log).toContain('store:  s3s://AKIA@s3.example.com:443/zos-blobs?region=us-east-1')
  expect(log).toContain('timestamps: clamped to 1970-01-01T00:00:00.000Z (test)')
  for (const spelling of [SECRET, encodeURIComponent(SECRET)]) expect(log).not.toContain(spelling)
})
