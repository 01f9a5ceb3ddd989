import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { closestFlag, parseFlags, shellSecret, wantsJson } from '../../src/action/cli-flags.js'
import { UserError } from '../../src/common/errors.js'
import { userError } from '../fixtures/settings/capture.js'

describe('parseFlags', () => {
  test('--name value and --name=value', () => {
    expect(parseFlags(['--config-dir', 'cfg', '--kernel-version=6.12.44', '--s3-prefix='])).toEqual(
      {
        kind: 'values',
        values: { 'config-dir': 'cfg', 'kernel-version': '6.12.44', 's3-prefix': '' }
      }
    )
  })

  test('a value may contain = and start with a dash', () => {
    expect(parseFlags(['--tags', 'a=b=c', '--s3-prefix', '-x'])).toEqual({
      kind: 'values',
      values: { tags: 'a=b=c', 's3-prefix': '-x' }
    })
  })

  test('booleans alone, with =, or followed by a boolean word', () => {
    expect(parseFlags(['--dry-run'])).toEqual({ kind: 'values', values: { 'dry-run': 'true' } })
    expect(parseFlags(['--dry-run=false', '--overwrite'])).toEqual({
      kind: 'values',
      values: { 'dry-run': 'false', overwrite: 'true' }
    })
    expect(parseFlags(['--overwrite', 'false', '--dry-run', '--engine', 'native'])).toEqual({
      kind: 'values',
      values: { overwrite: 'false', 'dry-run': 'true', engine: 'native' }
    })
    // Checked later, with the other values: the flag parser only reads the text.
    expect(parseFlags(['--overwrite=yes'])).toEqual({
      kind: 'values',
      values: { overwrite: 'yes' }
    })
  })

  test('a repeated multi-line flag adds a line; another repeated flag is an error', () => {
    expect(parseFlags(['--store', '00-7f=dir:///a', '--store=80-ff=dir:///b'])).toEqual({
      kind: 'values',
      values: { store: '00-7f=dir:///a\n80-ff=dir:///b' }
    })
    expect(parseFlags(['--tags', 'a=1', '--tags', 'b=2'])).toEqual({
      kind: 'values',
      values: { tags: 'a=1\nb=2' }
    })
    expect(userError(() => parseFlags(['--engine', 'rfs', '--engine=native'])).message).toBe(
      '--engine is given twice: give it once'
    )
    expect(userError(() => parseFlags(['--dry-run', '--dry-run=false'])).message).toBe(
      '--dry-run is given twice: give it once'
    )
  })

  test('--help, -h and --version win wherever they are', () => {
    expect(parseFlags(['--engine', 'rfs', '--help'])).toEqual({ kind: 'help' })
    expect(parseFlags(['--bogus', '-h'])).toEqual({ kind: 'help' })
    expect(parseFlags(['--version'])).toEqual({ kind: 'version' })
    expect(parseFlags(['stray', '--version'])).toEqual({ kind: 'version' })
  })

  test('--json is no input and takes no value', () => {
    expect(parseFlags(['--json', '--dry-run'])).toEqual({
      kind: 'values',
      values: { 'dry-run': 'true' }
    })
    expect(userError(() => parseFlags(['--json=yes'])).message).toBe(
      '--json takes no value: give it alone'
    )
  })

  test('the secret file is its own flag, given once, with a path', () => {
    expect(parseFlags(['--s3-secret-key-file', '/run/s', '--dry-run'])).toEqual({
      kind: 'values',
      values: { 'dry-run': 'true' },
      secretKeyFile: '/run/s'
    })
    expect(userError(() => parseFlags(['--s3-secret-key-file'])).message).toBe(
      '--s3-secret-key-file needs a value: --s3-secret-key-file PATH'
    )
    expect(userError(() => parseFlags(['--s3-secret-key-file='])).message).toBe(
      '--s3-secret-key-file needs a value: --s3-secret-key-file PATH'
    )
    expect(
      userError(() => parseFlags(['--s3-secret-key-file=/a', '--s3-secret-key-file', '/b'])).message
    ).toBe('--s3-secret-key-file is given twice: give it once')
  })

  test('an unknown flag, a stray word, a missing value', () => {
    expect(userError(() => parseFlags(['--config', 'x'])).message).toBe(
      'unknown flag --config: did you mean --config-dir? (see --help for the flags)'
    )
    expect(userError(() => parseFlags(['--no-dry-run'])).message).toContain('--no-dry-run')
    expect(userError(() => parseFlags(['-x'])).message).toBe(
      'unknown flag -x (see --help for the flags)'
    )
    expect(userError(() => parseFlags(['config'])).message).toContain(
      "unexpected argument 'config'"
    )
    expect(userError(() => parseFlags(['--dry-run', '--', '--engine'])).message).toContain(
      "unexpected argument '--engine'"
    )
    // A store URL that lost its --store is not echoed, secret and all.
    expect(userError(() => parseFlags(['s3://AK:Qz7Kx9@h:9000/b'])).message).not.toContain('Qz7')
    expect(userError(() => parseFlags(['--config-dir'])).message).toBe(
      '--config-dir needs a value: --config-dir VALUE or --config-dir=VALUE'
    )
    expect(userError(() => parseFlags(['--config-dir', '--dry-run'])).message).toBe(
      '--config-dir needs a value: --config-dir VALUE or --config-dir=VALUE'
    )
  })
})

describe('flags of the shell run that are no input', () => {
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
