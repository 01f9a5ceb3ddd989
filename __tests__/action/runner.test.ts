// Secret masking on a runner: what the runner is told to hide, as it reads the mask commands.
import { afterEach, beforeEach, expect, jest, test } from '@jest/globals'
import { maskSecret } from '../../src/action/runner.js'

let written: string[]
let environment: NodeJS.ProcessEnv

beforeEach(() => {
  environment = { ...process.env }
  process.env.GITHUB_ACTIONS = 'true'
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  process.env = environment
})

/** The values of the `::add-mask::` commands written, decoded as the runner decodes them. */
function masks(): string[] {
  return written
    .join('')
    .split(/\r?\n/)
    .filter(line => line.startsWith('::add-mask::'))
    .map(line => line.slice('::add-mask::'.length).replace(/%0D/g, '\r').replace(/%0A/g, '\n'))
    .map(value => value.replace(/%25/g, '%'))
}

test('a secret of several lines is masked whole and line by line, as each line is logged alone', () => {
  maskSecret('-----BEGIN KEY-----\r\nQz7Kx9Wv2\n\nab\n-----END KEY-----\n')
  expect(masks()).toEqual([
    '-----BEGIN KEY-----\r\nQz7Kx9Wv2\n\nab\n-----END KEY-----\n',
    '-----BEGIN KEY-----',
    'Qz7Kx9Wv2',
    '-----END KEY-----'
  ])
})

test('a secret of one line is masked once', () => {
  maskSecret('Qz7Kx9Wv2')
  expect(masks()).toEqual(['Qz7Kx9Wv2'])
})

test('outside a runner nothing is written: the command would show the secret it hides', () => {
  delete process.env.GITHUB_ACTIONS
  delete process.env.GITHUB_OUTPUT
  maskSecret('Qz7Kx9Wv2')
  expect(written).toEqual([])
})
