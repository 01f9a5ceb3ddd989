// Two publishers of one name against Garage, which accepts `PUT` with `If-None-Match: *` over an
// existing key and replaces it: the run says that concurrent publishers are not excluded there,
// and a run whose manifest another job replaced before its read-back fails with both sha256s.
import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { errorLines, runAction, type ActionRun } from '../helpers/action.js'
import { startFaultyProxy, type FaultyProxy } from '../helpers/faulty-proxy.js'
import { startGarage, type TestGarage, garageS3Inputs } from '../../peers/garage.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'

let garage: TestGarage
const projects: TestProject[] = []
const proxies: FaultyProxy[] = []
const MANIFEST = `/blobs/race/manifests/modules-${EXAMPLE_KERNEL}.fl`

beforeAll(async () => {
  garage = await startGarage({ buckets: ['blobs'] })
}, 900_000)

afterAll(async () => {
  await Promise.all(proxies.map(proxy => proxy.stop()))
  await garage?.stop()
  projects.forEach(project => project.remove())
})

function project(extraModule?: string): TestProject {
  const fresh = copyExample()
  projects.push(fresh)
  if (extraModule) {
    const modules = join(fresh.root, 'initramfs/lib/modules', EXAMPLE_KERNEL)
    writeFileSync(join(modules, 'extra.ko'), extraModule)
  }
  return fresh
}

function publish(root: string, endpoint: string): Promise<ActionRun> {
  return runAction({
    'project-root': root,
    'firmware-tag': 'fw1',
    ...garageS3Inputs(garage, 'blobs', { prefix: 'race', endpoint })
  })
}

test('a run whose manifest another job replaced before its read-back fails with both sha256s', async () => {
  const first = project()
  const second = project('another module\n')

  // The second job's manifest PUT waits until the first job has created the object and is
  // about to read it back; the first job's read-back waits until the second job is done.
  let startFirst = (): void => undefined
  const secondHeld = new Promise<void>(resolve => (startFirst = resolve))
  const secondProxy = await startFaultyProxy(garage.endpoint, {
    failureRate: 0,
    hold: (method, path) => method === 'PUT' && path === MANIFEST,
    onHeld: () => startFirst()
  })
  proxies.push(secondProxy)
  let heads = 0
  const firstProxy = await startFaultyProxy(garage.endpoint, {
    failureRate: 0,
    // The check before the PUT is the first HEAD of the key; the read-back is the second.
    hold: (method, path) => method === 'HEAD' && path === MANIFEST && ++heads === 2,
    onHeld: () => secondProxy.releaseHeld()
  })
  proxies.push(firstProxy)

  const secondRun = publish(second.root, secondProxy.endpoint)
  await secondHeld
  const firstRun = publish(first.root, firstProxy.endpoint)
  const winner = await secondRun
  firstProxy.releaseHeld()
  const loser = await firstRun

  expect(errorLines(winner)).toEqual([])
  expect(winner.code).toBe(0)
  const [line] = errorLines(loser)
  expect(loser.code).not.toBe(0)
  expect(line).toContain(`reads back with sha256 ${winner.outputs['modules-flist-sha256']}`)
  expect(line).toContain(`instead of ${loser.outputs['modules-flist-sha256']}`)
  expect(line).toMatch(/another job may be writing the same name/)

  // Garage ignores If-None-Match: each run says so once, with the remedy, in log and summary.
  for (const run of [winner, loser]) {
    const warnings = run.stdout.split('\n').filter(l => /concurrent publishers/.test(l))
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/^::warning::.*not excluded.*concurrency/)
    expect(run.summary).toMatch(/concurrent publishers of one name are not excluded/)
  }
  expect(JSON.parse(winner.outputs.result).exclusiveCreate).toBe(false)
}, 300_000)
