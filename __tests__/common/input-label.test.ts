import { expect, test } from '@jest/globals'
import { inputLabel, inputLabeller } from '../../src/common/input-label.js'

test('an input is named as it was given: the flag in a shell, the input on a runner', () => {
  expect(inputLabel('s3-secret-key', 'flag')).toBe('--s3-secret-key')
  expect(inputLabel('s3-secret-key', 'input')).toBe('input s3-secret-key')
  expect(['store', 'owner'].map(inputLabeller('flag'))).toEqual(['--store', '--owner'])
})
