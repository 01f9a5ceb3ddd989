import { expect, test } from '@jest/globals'
import { isUserError, oneLine, UserError } from '../../src/common/errors.js'

test('a user error is told apart from every other error, and says it is one', () => {
  const error = new UserError('build.conf: KERNEL_VERSION is missing')
  expect(isUserError(error)).toBe(true)
  expect(error.name).toBe('UserError')
  expect(String(error)).toBe('UserError: build.conf: KERNEL_VERSION is missing')
  for (const other of [
    new Error('bug'),
    new TypeError('bug'),
    'text',
    undefined,
    { message: 'x' }
  ]) {
    expect(isUserError(other)).toBe(false)
  }
})

test('oneLine joins a message of many lines into one, without the edges', () => {
  expect(oneLine(new Error('first line\n  second line\r\nthird'))).toBe(
    'first line second line third'
  )
  expect(oneLine(new UserError('  padded \n'))).toBe('padded')
  expect(oneLine('thrown text\nover two lines')).toBe('thrown text over two lines')
  expect(oneLine(undefined)).toBe('undefined')
  expect(oneLine(404)).toBe('404')
})
