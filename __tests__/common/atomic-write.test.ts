import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeFileAtomically } from '../../src/common/atomic-write.js'

const work = mkdtempSync(join(tmpdir(), 'atomic-write-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('writeFileAtomically', () => {
  test('puts the whole file in place, over an older one, and leaves nothing beside it', () => {
    const directory = join(work, 'replace')
    mkdirSync(directory)
    const path = join(directory, 'blob')
    writeFileSync(path, 'old')
    writeFileAtomically(path, Buffer.from('new contents'))
    expect(readFileSync(path, 'utf8')).toBe('new contents')
    expect(readdirSync(directory)).toEqual(['blob'])
  })

  test('a write that fails is reported as it failed, even where no clean-up is possible', () => {
    const parent = join(work, 'a-file')
    writeFileSync(parent, 'not a directory')
    expect(() => writeFileAtomically(join(parent, 'blob'), Buffer.from('x'))).toThrow(
      /^ENOTDIR: not a directory, open /
    )
  })

  test('a rename that fails leaves no temporary file, and the error is the rename’s', () => {
    const directory = join(work, 'refused')
    mkdirSync(join(directory, 'blob', 'inside'), { recursive: true })
    // A non-empty directory cannot be renamed over.
    expect(() => writeFileAtomically(join(directory, 'blob'), Buffer.from('x'))).toThrow(
      /^(EISDIR|ENOTEMPTY)/
    )
    expect(readdirSync(directory)).toEqual(['blob'])
  })
})
