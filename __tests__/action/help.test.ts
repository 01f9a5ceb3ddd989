import { expect, test } from '@jest/globals'
import { usage, versionLine } from '../../src/action/help.js'
import { INPUTS } from '../../src/action/input-table.js'

test('--help lists every flag with its description and default', () => {
  const text = usage()
  for (const input of INPUTS) {
    expect(text).toContain(`--${input.name}`)
    expect(text).toContain(input.description)
  }
  expect(text).toContain('--dry-run[=true|false]')
  expect(text).toContain('--engine <value>')
  expect(text).toContain('(default: modules,firmware)')
  expect(text).toContain('--s3-secret-key-file <path>')
  expect(text).toContain('(default: $GITHUB_WORKSPACE, else the current directory)')
  expect(text).not.toContain('${{')
})

test('a flag of several lines says it may be repeated', () => {
  const lines = usage().split('\n')
  const after = (flag: string): string => lines[lines.indexOf(`  ${flag} <value>`) + 1]
  expect(after('--store')).toContain('Repeat the flag for several lines.')
  expect(after('--engine')).not.toContain('Repeat')
})

test('--version names the action and its version', () => {
  expect(versionLine()).toMatch(/^rfs-flist-action \d+\.\d+\.\d+\n$/)
})
