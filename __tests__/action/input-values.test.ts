import { expect, test } from '@jest/globals'
import { parseBoolean, parseChoice, parseCount } from '../../src/action/input-values.js'
import { userError } from '../fixtures/settings/capture.js'

test('booleans as YAML 1.2 writes them, nothing else', () => {
  expect(['true', 'True', 'TRUE'].map(value => parseBoolean(value, 'b'))).toEqual([
    true,
    true,
    true
  ])
  expect(['false', 'False', 'FALSE'].map(value => parseBoolean(value, 'b'))).toEqual([
    false,
    false,
    false
  ])
  for (const value of ['yes', '1', 'on', 'tRue', '']) {
    expect(userError(() => parseBoolean(value, '--overwrite')).message).toBe(
      `--overwrite='${value}' is not a boolean: use true or false`
    )
  }
})

test('counts: whole numbers within the bounds', () => {
  expect(parseCount('1', 'c', 1, 20)).toBe(1)
  expect(parseCount('20', 'c', 1, 20)).toBe(20)
  for (const value of ['0', '21', '1.5', '-1', ' 3', 'six']) {
    expect(userError(() => parseCount(value, 'input s3-max-attempts', 1, 20)).message).toBe(
      `input s3-max-attempts='${value}' is not accepted: use a whole number from 1 to 20`
    )
  }
})

test('choices: one of the words, as written', () => {
  expect(parseChoice('rfs', 'e', ['rfs', 'native'])).toBe('rfs')
  expect(userError(() => parseChoice('RFS', 'input engine', ['rfs', 'native'])).message).toBe(
    "input engine='RFS' is not accepted: use rfs, native"
  )
})
