import { describe, expect, test } from '@jest/globals'
import { parseKernelConfig } from '../../src/config/kernel-config.js'
import { UserError } from '../../src/common/errors.js'

const FILE = 'config/kernel.config'

const HEADER = [
  '#',
  '# Automatically generated file; DO NOT EDIT.',
  '# Linux/x86 6.12.44 Kernel Configuration',
  '#',
  'CONFIG_CC_VERSION_TEXT="gcc (Alpine 14.2.0) 14.2.0"',
  'CONFIG_INIT_ENV_ARG_LIMIT=32',
  '# CONFIG_COMPILE_TEST is not set',
  ''
].join('\n')

function failure(text: string): UserError {
  try {
    parseKernelConfig(text, FILE)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    expect((error as Error).message).not.toContain('\n')
    return error as UserError
  }
  throw new Error('no error')
}

describe('CONFIG_LOCALVERSION', () => {
  test('a quoted value', () => {
    expect(parseKernelConfig(`${HEADER}CONFIG_LOCALVERSION="-Zero-OS"\n`, FILE)).toEqual({
      localversion: '-Zero-OS',
      warnings: []
    })
  })

  test('is not set', () => {
    const text = `${HEADER}# CONFIG_LOCALVERSION is not set\n`
    expect(parseKernelConfig(text, FILE).localversion).toBe('')
  })

  test('absent', () => {
    expect(parseKernelConfig(HEADER, FILE)).toEqual({ localversion: '', warnings: [] })
  })

  test('an empty string', () => {
    expect(parseKernelConfig('CONFIG_LOCALVERSION=""', FILE).localversion).toBe('')
  })

  test('CRLF line endings', () => {
    const text = 'CONFIG_A=y\r\nCONFIG_LOCALVERSION="-zos"\r\nCONFIG_B=m\r\n'
    expect(parseKernelConfig(text, FILE).localversion).toBe('-zos')
  })

  test('a later line wins, as in Kconfig', () => {
    const text = 'CONFIG_LOCALVERSION="-one"\nCONFIG_LOCALVERSION="-two"\n'
    expect(parseKernelConfig(text, FILE).localversion).toBe('-two')
    expect(
      parseKernelConfig('CONFIG_LOCALVERSION="-one"\n# CONFIG_LOCALVERSION is not set\n', FILE)
        .localversion
    ).toBe('')
  })

  test('a similar option is not mistaken for it', () => {
    const text = 'CONFIG_LOCALVERSION_AUTO_X="-no"\nCONFIG_XLOCALVERSION="-no"\n'
    expect(parseKernelConfig(text, FILE).localversion).toBe('')
  })

  test('a commented-out assignment is not read', () => {
    expect(parseKernelConfig('#CONFIG_LOCALVERSION="-old"\n', FILE).localversion).toBe('')
  })

  test('Kconfig escapes inside the string', () => {
    expect(parseKernelConfig('CONFIG_LOCALVERSION="-a\\.b"', FILE).localversion).toBe('-a.b')
  })

  test('a value unusable in a release name is an error naming the file, line and key', () => {
    const error = failure('CONFIG_A=y\nCONFIG_LOCALVERSION="-zero os"\n')
    expect(error.message).toContain(`${FILE}:2`)
    expect(error.message).toContain('CONFIG_LOCALVERSION')
    expect(failure('CONFIG_LOCALVERSION="/x"').message).toContain(`${FILE}:1`)
  })

  test('an unterminated string is an error naming the file, line and key', () => {
    const error = failure('\nCONFIG_LOCALVERSION="-zos\n')
    expect(error.message).toMatch(new RegExp(`^${FILE}:2: CONFIG_LOCALVERSION: `))
  })
})

describe('CONFIG_LOCALVERSION_AUTO', () => {
  test('=y gives a warning that names the option and the uncomputable suffix', () => {
    const { warnings } = parseKernelConfig(
      'CONFIG_LOCALVERSION="-Zero-OS"\nCONFIG_LOCALVERSION_AUTO=y\n',
      FILE
    )
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain('CONFIG_LOCALVERSION_AUTO')
    expect(warnings[0]).toContain(FILE)
    expect(warnings[0]).toContain('cannot compute')
    expect(warnings[0]).not.toContain('\n')
  })

  test('not set: no warning', () => {
    const text = 'CONFIG_LOCALVERSION="-Zero-OS"\n# CONFIG_LOCALVERSION_AUTO is not set\n'
    expect(parseKernelConfig(text, FILE).warnings).toEqual([])
  })

  test('set, then unset later: no warning', () => {
    const text = 'CONFIG_LOCALVERSION_AUTO=y\n# CONFIG_LOCALVERSION_AUTO is not set\n'
    expect(parseKernelConfig(text, FILE).warnings).toEqual([])
  })
})
