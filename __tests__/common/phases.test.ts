import { expect, test } from '@jest/globals'
import { Phases } from '../../src/common/phases.js'
import { printed } from '../helpers/printed.js'

test('a phase runs in a log group of its title and gives back what its body returns', async () => {
  const phases = new Phases()
  let value: number | undefined
  const log = await printed(async () => {
    value = await phases.run('plan', 'Plan the flists', async () => {
      process.stdout.write('planning\n')
      return 42
    })
  })
  expect(value).toBe(42)
  expect(log).toBe('::group::Plan the flists\nplanning\n::endgroup::\n')
})

test('every phase is timed in the order it ran, a failed one too', async () => {
  const phases = new Phases()
  const failure = new Error('pack failed')
  await printed(async () => {
    await phases.run('plan', 'Plan', async () => undefined)
    await expect(phases.run('pack', 'Pack', () => Promise.reject(failure))).rejects.toBe(failure)
  })
  await phases.time('verify', async () => undefined)
  expect(Object.keys(phases.timings)).toEqual(['plan', 'pack', 'verify'])
  for (const seconds of Object.values(phases.timings)) expect(seconds).toBeGreaterThanOrEqual(0)
})

test('a part timed beside others opens no log group of its own', async () => {
  const phases = new Phases()
  const log = await printed(() => phases.time('upload', async () => 'done'))
  expect(log).toBe('')
  expect(Object.keys(phases.timings)).toEqual(['upload'])
})
