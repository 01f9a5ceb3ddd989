import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeOsError, isOsError, osErrorLine } from '../../src/common/os-error.js'

function thrown(call: () => unknown): unknown {
  try {
    call()
  } catch (error) {
    return error
  }
  throw new Error('nothing was thrown')
}

describe('OS errors as one line', () => {
  const work = mkdtempSync(join(tmpdir(), 'os-error-'))

  test('what failed on which path, why and the fix', () => {
    writeFileSync(join(work, 'file'), '')
    const error = thrown(() => readFileSync(join(work, 'file', 'below')))
    expect(isOsError(error)).toBe(true)
    expect(osErrorLine(error as Error & { code: string })).toBe(
      `cannot open ${join(work, 'file', 'below')}: a part of the path is a file, not a directory (ENOTDIR): check the path`
    )
  })

  test('an unknown code is still named', () => {
    const error = Object.assign(new Error('boom'), { code: 'EWEIRD', syscall: 'read', path: '/x' })
    expect(osErrorLine(error)).toBe('cannot read /x: eweird (EWEIRD)')
    expect(describeOsError(new Error('plain'))).toBe('plain')
    expect(isOsError(new Error('plain'))).toBe(false)
  })
})
