import { describe, expect, test } from '@jest/globals'
import { parseAliases } from '../../../src/publish/aliases/parse.js'

const SUBJECT = 'input aliases'

describe('parseAliases', () => {
  test('reads a comma-separated list or one a line, blanks and spaces around = ignored', () => {
    const expected = [
      { kind: 'modules', name: 'modules-6.12-latest.fl' },
      { kind: 'firmware', name: 'firmware-latest.fl' }
    ]
    expect(
      parseAliases(' modules = modules-6.12-latest.fl,firmware=firmware-latest.fl, ', SUBJECT)
    ).toEqual(expected)
    expect(
      parseAliases('modules=modules-6.12-latest.fl\n\nfirmware=firmware-latest.fl\n', SUBJECT)
    ).toEqual(expected)
    expect(parseAliases('', SUBJECT)).toEqual([])
  })

  test('an item without a known flist kind names it and shows the form', () => {
    for (const item of ['latest.fl', 'kernel=latest.fl', '=latest.fl']) {
      expect(() => parseAliases(item, SUBJECT)).toThrow(
        `input aliases: '${item}' does not say which flist it aliases: write modules=NAME.fl or firmware=NAME.fl, e.g. modules=modules-6.12-latest.fl`
      )
    }
  })

  test('a name that cannot be an object key and URL of an flist is refused', () => {
    const longest = `${'a'.repeat(124)}.fl`
    expect(parseAliases(`modules=${longest}`, SUBJECT)).toEqual([
      { kind: 'modules', name: longest }
    ])
    for (const name of ['latest', '.hidden.fl', '-x.fl', 'a/b.fl', 'a b.fl', `a${longest}`]) {
      expect(() => parseAliases(`modules=${name}`, SUBJECT)).toThrow(
        `input aliases: alias '${name}' is not accepted: use letters, digits, . _ and - (not starting with . _ or -), ending in .fl`
      )
    }
  })

  test('one name given twice is refused, also for two kinds', () => {
    expect(() => parseAliases('modules=latest.fl,firmware=latest.fl', SUBJECT)).toThrow(
      "input aliases: alias 'latest.fl' is given twice: give it once"
    )
  })
})
