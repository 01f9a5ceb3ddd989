// The public base URL of the manifests: echoed into the outputs and the summary, and resolved by
// every reader, so it may carry no credentials and no segment a reader would resolve away.
import { expect, test } from '@jest/globals'
import { checkPublicUrl } from '../../src/plan/public-url.js'
import { userError } from '../fixtures/settings/capture.js'

test.each([
  ['https://cdn.example.com/zos', 'https://cdn.example.com/zos'],
  ['https://cdn.example.com/zos//', 'https://cdn.example.com/zos'],
  ['http://10.0.0.1:8080/', 'http://10.0.0.1:8080'],
  ['https://cdn.example.com/v1.2/...x/.hidden', 'https://cdn.example.com/v1.2/...x/.hidden']
])('%s is a base URL, used as %s', (url, base) => {
  expect(checkPublicUrl(url, 'input public-url')).toBe(base)
})

test.each([
  ['https://cdn.example.com/zos/../x', 'path segment'],
  ['https://cdn.example.com/zos/%2e%2E/x', 'path segment'],
  ['https://cdn.example.com/./zos', 'path segment'],
  ['https://cdn.example.com/zos/.', 'path segment'],
  ['https://cdn.example.com\\zos', 'not a base URL'],
  ['https://cdn.example.com/zos?v=1', 'not a base URL'],
  ['https://cdn.example.com/zos#top', 'not a base URL'],
  ['ftp://cdn.example.com/zos', 'not a base URL'],
  ['https:cdn.example.com/zos', 'not a base URL'],
  ['cdn.example.com/zos', 'not a base URL'],
  ['https://reader:Pw9Qx7Lm@cdn.example.com/zos', 'credentials do not belong'],
  ['https://Pw9Qx7Lm@cdn.example.com/zos', 'credentials do not belong'],
  ['reader:Pw9Qx7Lm@cdn.example.com/zos', 'credentials do not belong'],
  ['https://reader:Pw9#Qx7Lm@cdn.example.com/zos', 'credentials do not belong']
])('public-url %s is refused: %s', (url, problem) => {
  const error = userError(() => checkPublicUrl(url, 'input public-url'))
  expect(error.message).toMatch(/^input public-url/)
  expect(error.message).toContain(problem)
  expect(error.message).toContain('e.g. https://cdn.example.com/zos')
  expect(error.message).not.toContain('Qx7')
})

test('the message quotes the segment readers would resolve away', () => {
  expect(userError(() => checkPublicUrl('https://h/a/%2E%2e/b', 'PUBLIC_URL')).message).toBe(
    "PUBLIC_URL='https://h/a/%2E%2e/b' has the path segment '%2E%2e', which readers resolve away: write the path it stands for, e.g. https://cdn.example.com/zos"
  )
})
