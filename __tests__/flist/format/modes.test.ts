// Entry types and permissions read from st_mode, for modes lstat gives of real entries.
import { execFileSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { describe, expect, test } from '@jest/globals'
import { entryType, permissions } from '../../../src/flist/format/modes.js'
import { tempDir } from '../../helpers/tree.js'

const work = tempDir('modes')

describe('entryType', () => {
  test('names the type lstat gives each kind of entry', async () => {
    writeFileSync(join(work, 'file'), 'x')
    mkdirSync(join(work, 'dir'))
    symlinkSync('file', join(work, 'link'))
    execFileSync('mkfifo', [join(work, 'fifo')])
    const server = createServer()
    await new Promise<void>(listening => server.listen(join(work, 'socket'), listening))
    try {
      const typeOf = (path: string): string => entryType(lstatSync(path).mode)
      expect(typeOf(join(work, 'file'))).toBe('file')
      expect(typeOf(join(work, 'dir'))).toBe('directory')
      expect(typeOf(join(work, 'link'))).toBe('symlink')
      expect(typeOf(join(work, 'fifo'))).toBe('fifo')
      expect(typeOf(join(work, 'socket'))).toBe('socket')
      expect(typeOf('/dev/null')).toBe('char')
    } finally {
      server.close()
    }
  })

  test('names the device types by their bits, for machines whose /dev has no block device', () => {
    expect(entryType(0o060644)).toBe('block')
    expect(entryType(0o020620)).toBe('char')
  })

  test('calls type bits Linux does not define unknown, whatever the permissions', () => {
    expect(entryType(0o644)).toBe('unknown')
    expect(entryType(0o150755)).toBe('unknown')
    expect(entryType(0o170000)).toBe('unknown')
  })
})

describe('permissions', () => {
  test('keeps the permission, setuid, setgid and sticky bits and drops the type', () => {
    const path = join(work, 'setuid')
    writeFileSync(path, '')
    chmodSync(path, 0o4750)
    expect(permissions(lstatSync(path).mode)).toBe(0o4750)
    mkdirSync(join(work, 'sticky'))
    chmodSync(join(work, 'sticky'), 0o1777)
    expect(permissions(lstatSync(join(work, 'sticky')).mode)).toBe(0o1777)
    expect(permissions(0o120777)).toBe(0o777)
  })
})
