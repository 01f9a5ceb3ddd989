import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closestFlag, shellSecret, wantsJson } from '../../src/action/cli-flags.js'
import { UserError } from '../../src/common/errors.js'
import { renderLine } from '../../src/action/shell-output.js'

describe('workflow commands in a shell', () => {
  test.each([
    ['::group::Pack modules.fl', { stream: 'log', text: 'Pack modules.fl' }],
    ['::endgroup::', undefined],
    ['::add-mask::hunter2', undefined],
    ['::debug::a%0Ab', undefined],
    ['::warning::50%25 of it%0Anext', { stream: 'stderr', text: 'warning: 50% of it\nnext' }],
    ['::error file=x,line=1::bad', { stream: 'stderr', text: 'error: bad' }],
    ['::notice::hi', { stream: 'stderr', text: 'notice: hi' }],
    ['plain line', { stream: 'log', text: 'plain line' }]
  ])('%j', (line, shown) => {
    expect(renderLine(line, false)).toEqual(shown)
  })

  test('debug lines only when asked for', () => {
    expect(renderLine('::debug::stack', true)).toEqual({ stream: 'stderr', text: 'debug: stack' })
  })
})

describe('flags of the shell run', () => {
  const known = ['kernel-version', 'config-dir', 's3-secret-key', 's3-secret-key-file', 'dry-run']

  test('did you mean', () => {
    expect(closestFlag('kernel-verison', known)).toBe('kernel-version')
    expect(closestFlag('dryrun', known)).toBe('dry-run')
    expect(closestFlag('config', known)).toBe('config-dir')
    expect(closestFlag('frobnicate', known)).toBeUndefined()
  })

  test('--json counts only as an argument of its own', () => {
    expect(wantsJson(['--dry-run', '--json'])).toBe(true)
    expect(wantsJson(['--tags=--json'])).toBe(false)
  })

  test('the secret: flag, else file, else $S3_SECRET_KEY', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-'))
    try {
      const file = join(dir, 's')
      writeFileSync(file, 'from-file\r\n')
      expect(shellSecret('from-flag', undefined, { S3_SECRET_KEY: 'env' })).toBe('from-flag')
      expect(shellSecret(undefined, file, { S3_SECRET_KEY: 'env' })).toBe('from-file')
      expect(shellSecret(undefined, undefined, { S3_SECRET_KEY: 'env' })).toBe('env')
      expect(shellSecret(undefined, undefined, { S3_SECRET_KEY: '' })).toBeUndefined()
      expect(() => shellSecret('a', file, {})).toThrow(UserError)
      writeFileSync(file, '\n')
      expect(() => shellSecret(undefined, file, {})).toThrow(/the file is empty/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
