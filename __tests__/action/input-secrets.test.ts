// What the entry masks of the inputs it read, before it checks them: a check that fails names the
// value, and on a runner only a masked secret is safe to name.
import { afterEach, beforeEach, expect, test } from '@jest/globals'
import { maskInputSecrets } from '../../src/action/input-secrets.js'
import { readInputs, settingsFromRaw, type RawInputs } from '../../src/action/inputs.js'
import { capturingMasks, userError } from '../fixtures/settings/capture.js'

const saved = { ...process.env }
beforeEach(() => {
  for (const key of Object.keys(process.env)) {
    if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key]
  }
  process.env.GITHUB_ACTIONS = 'true'
})
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
  Object.assign(process.env, saved)
})

/** The raw action inputs as a runner hands them over. */
function runnerInputs(): RawInputs {
  const read = readInputs([], {})
  if (read.kind !== 'inputs') throw new Error(`read ${read.kind}`)
  return read.raw
}

test('the S3 secret is masked as given and as a URL carries it', () => {
  process.env['INPUT_S3-SECRET-KEY'] = 'hun/ter2'
  process.env['INPUT_S3-ACCESS-KEY'] = 'AKIA'
  const { masks } = capturingMasks(() => maskInputSecrets(runnerInputs()))
  expect(masks).toEqual(['hun/ter2', 'hun%2Fter2'])
})

test('passwords in store specs are masked, raw and decoded', () => {
  process.env.INPUT_STORE = 'dir:///a\n00-ff=s3://ak:p%2Fw@h:9000/b'
  process.env['INPUT_READ-STORE'] = 's3://ak:other@h:9000/b'
  const { masks } = capturingMasks(() => maskInputSecrets(runnerInputs()))
  expect(masks).toEqual(expect.arrayContaining(['p%2Fw', 'p/w', 'other']))
})

test('a password holding @ : / is masked whole before the URL is refused by its scheme', () => {
  process.env.INPUT_STORE = 's3://AKAT:p@ss:w0rd/x+y=z@127.0.0.1:9000/blobs'
  const raw = runnerInputs()
  const { masks, output } = capturingMasks(() => maskInputSecrets(raw))
  expect(masks).toEqual(expect.arrayContaining(['AKAT:p@ss:w0rd/x+y=z', 'p@ss:w0rd/x+y=z']))
  expect(masks.filter(mask => mask.length < 'p@ss:w0rd/x+y=z'.length)).toEqual([])
  expect(output.split('\n').filter(line => !line.startsWith('::add-mask::'))).toEqual([''])
  expect(userError(() => settingsFromRaw(raw, 'input')).message).toBe(
    'input store, line 1: the s3:// URL does not parse: percent-encode its credentials (/ as %2F, ? as %3F, # as %23, @ as %40, % as %25)'
  )
})

const SHAPES = [
  'p@ss:w0rd/x+y=z',
  'Qz7#Kx9',
  'Qz7?Kx9',
  'Qz7%Kx9',
  'Qz7 Kx9',
  'Qzä7€Kx9',
  'Qz7\\Kx9',
  '@Qz7Kx9@'
]
const URL_INPUTS: Array<[string, (secret: string) => string]> = [
  ['STORE', secret => `s3://AK:${secret}@127.0.0.1:9000/blobs`],
  ['READ-STORE', secret => `80-ff=s3://:${secret}@127.0.0.1:9000/blobs`],
  ['S3-ENDPOINT', secret => `https://AK:${secret}@s3.example.com`],
  ['PUBLIC-URL', secret => `https://AK:${secret}@cdn.example.com/zos`],
  ['RFS-DOWNLOAD-URL', secret => `https://AK:${secret}@dl.example.com/rfs`],
  ['ZINIT-MANIFEST-URL', secret => `https://AK:${secret}@cdn.example.com/zos`]
]
test.each(URL_INPUTS.flatMap(([input, url]) => SHAPES.map(secret => [input, secret, url(secret)])))(
  'input %s with the secret %j: masked whole',
  (input, secret, url) => {
    process.env[`INPUT_${input}`] = url
    const { masks } = capturingMasks(() => maskInputSecrets(runnerInputs()))
    expect(masks).toContain(secret)
  }
)

test('in a shell the secret is not printed as a mask command', () => {
  delete process.env.GITHUB_ACTIONS
  const { output } = capturingMasks(() => maskInputSecrets({ 's3-secret-key': 'hunter2' }))
  expect(output).not.toContain('hunter2')
})
