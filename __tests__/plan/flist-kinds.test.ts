import { describe, expect, test } from '@jest/globals'
import { parseFlists } from '../../src/plan/flist-kinds.js'
import { userError } from '../fixtures/settings/capture.js'

describe('parseFlists', () => {
  test('either, both, any order, blanks around; canonical order out', () => {
    expect(parseFlists('modules', 'f')).toEqual(['modules'])
    expect(parseFlists('firmware', 'f')).toEqual(['firmware'])
    expect(parseFlists(' firmware , modules ', 'f')).toEqual(['modules', 'firmware'])
  })

  test.each([
    ['', 'has an empty entry'],
    ['modules,', 'has an empty entry'],
    ['modules,modules', 'names modules twice'],
    ['kernel', "unknown flist 'kernel'"],
    ['Modules', "unknown flist 'Modules'"]
  ])('%j: %s', (value, problem) => {
    const message = userError(() => parseFlists(value, 'input flists')).message
    expect(message).toContain(problem)
    expect(message).toContain('use modules, firmware or modules,firmware')
  })
})
