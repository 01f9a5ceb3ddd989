import { expect, test } from '@jest/globals'
import { inputLabel, inputLabeller } from '../../src/common/input-label.js'

test('an input is named as it was given: the flag in a shell, the input on a runner', () => {
  expect(inputLabel('s3-secret-key', 'flag')).toBe('--s3-secret-key')
  expect(inputLabel('s3-secret-key', 'input')).toBe('input s3-secret-key')
  expect(['store', 'owner'].map(inputLabeller('flag'))).toEqual(['--store', '--owner'])
})

test('an input set to a value is written as the person would write it', () => {
  expect(inputLabeller('flag').set('engine', 'native')).toBe('--engine native')
  expect(inputLabeller('input').set('engine', 'native')).toBe('engine: native')
})
