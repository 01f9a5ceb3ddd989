// Which packer a run gets, and which rfs binary checks its work; rfs is a stand-in named by rfs-path.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { settingsFromRaw, type RawInputs } from '../../src/action/inputs.js'
import { checkStaticKeys, prepareEngine } from '../../src/engines/select.js'
import type { Settings } from '../../src/plan/settings.js'
import { userError } from '../fixtures/settings/capture.js'
import { removeTempDirs, standInScript, tempDir, writeExecutable } from '../helpers/rfs/standin.js'

let project: string
let rfs: string
beforeAll(() => {
  project = tempDir('select')
  rfs = writeExecutable(project, standInScript('v2.0.6'))
})
afterAll(removeTempDirs)

const settings = (raw: RawInputs): Settings =>
  settingsFromRaw({ 'project-root': project, ...raw }, 'input', { cwd: project })
const prepare = (raw: RawInputs) => prepareEngine(settings(raw), new AbortController().signal)

describe('the engine', () => {
  test('the built-in engine needs no rfs binary', async () => {
    const prepared = await prepare({ engine: 'native', 'rfs-path': 'missing/rfs' })
    expect(prepared.engine.name).toBe('native')
    expect(prepared).not.toHaveProperty('verifier')
  })

  test('with verify: rfs, the built-in engine gets the rfs binary that checks its work', async () => {
    const prepared = await prepare({ engine: 'native', verify: 'rfs', 'rfs-path': 'rfs' })
    expect(prepared.engine.name).toBe('native')
    expect(prepared.verifier).toEqual({ path: rfs, version: 'v2.0.6', source: 'input' })
  })

  test('the rfs engine runs the binary it found, which checks only with verify: rfs', async () => {
    const plain = await prepare({ engine: 'rfs', 'rfs-path': 'rfs' })
    expect(plain.engine.name).toBe('rfs')
    expect(plain.rfsPath).toBe(rfs)
    expect(plain.verifier).toBeUndefined()
    const checked = await prepare({ engine: 'rfs', verify: 'rfs', 'rfs-path': 'rfs' })
    expect(checked.verifier?.path).toBe(rfs)
  })

  test('a missing rfs fails with verify: rfs before anything is packed', async () => {
    await expect(
      prepare({ engine: 'native', verify: 'rfs', 'rfs-path': 'missing/rfs' })
    ).rejects.toThrow(/^input rfs-path: .*missing\/rfs does not exist/)
  })
})

describe('keys from the credential chain', () => {
  const chained = (raw: RawInputs): Settings => {
    const made = settings(raw)
    return { ...made, s3Requests: { ...made.s3Requests, credentialChain: true } }
  }

  test('the built-in engine signs with them', () => {
    expect(() => checkStaticKeys(chained({ engine: 'native', verify: 'full' }))).not.toThrow()
  })

  test.each([
    [{ engine: 'rfs' }, 'engine: rfs'],
    [{ engine: 'native', verify: 'rfs' }, 'verify: rfs']
  ])('%j cannot use them: one line naming the keys to give', (raw, who) => {
    expect(userError(() => checkStaticKeys(chained(raw))).message).toBe(
      `${who} needs static S3 keys (the rfs binary takes them only in its store URL) but no access key is set: give input s3-access-key and input s3-secret-key, or use engine: native (and verify: exists or full), which signs with the AWS credential chain`
    )
  })

  test('static keys are fine for rfs', () => {
    const keys = { 's3-access-key': 'AKSTATIC', 's3-secret-key': 'static-secret' }
    for (const raw of [{ engine: 'rfs' }, { engine: 'native', verify: 'rfs' }]) {
      const keyed = settings({ ...raw, ...keys })
      expect(keyed.s3.accessKey).toBe('AKSTATIC')
      expect(() => checkStaticKeys(keyed)).not.toThrow()
    }
  })
})
