// Where acquisition and the rfs engine report by default: the runner's log, warnings as
// annotations the run page shows.
import { expect, test } from '@jest/globals'
import { runnerLog } from '../../src/rfs-release/log.js'
import { printed } from '../helpers/printed.js'

test('info is a plain log line, a warning a runner annotation', async () => {
  expect(await printed(() => runnerLog.info('rfs v2.0.6 from the tool cache'))).toBe(
    'rfs v2.0.6 from the tool cache\n'
  )
  expect(await printed(() => runnerLog.warning('the rfs build took a while'))).toBe(
    '::warning::the rfs build took a while\n'
  )
})
