// Reading the build's config files: a missing one is no error, one that cannot be read is one
// line naming it; and the paths messages name, as the user knows them.
import { afterAll, describe, expect, test } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { join } from 'node:path'
import { displayPath, readOptionalText } from '../../src/config/files.js'
import { asyncUserError } from '../fixtures/settings/capture.js'
import { tempDir } from '../helpers/tree.js'

const work = tempDir('config-files')
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A sysfs file nobody may read, root included (a bus's write-only uevent), if there is one. */
function writeOnlyFile(): string | undefined {
  if (!existsSync('/sys/bus')) return undefined
  return readdirSync('/sys/bus')
    .map(bus => join('/sys/bus', bus, 'uevent'))
    .find(path => existsSync(path) && (statSync(path).mode & 0o444) === 0)
}

describe('readOptionalText', () => {
  test('the text of a file, and undefined for one that does not exist', async () => {
    writeFileSync(join(work, 'rfs.conf'), 'S3_REGION=eu-1\n')
    expect(await readOptionalText(join(work, 'rfs.conf'), 'config/rfs.conf')).toBe(
      'S3_REGION=eu-1\n'
    )
    expect(await readOptionalText(join(work, 'none.conf'), 'config/none.conf')).toBeUndefined()
  })

  test('a directory in its place is named as the user knows it', async () => {
    mkdirSync(join(work, 'build.conf'))
    const error = await asyncUserError(
      readOptionalText(join(work, 'build.conf'), 'config/build.conf')
    )
    expect(error.message).toBe('config/build.conf is a directory, not a config file')
  })

  test('any other failure names the file, the reason and what to check', async () => {
    symlinkSync('loop.conf', join(work, 'loop.conf'))
    const error = await asyncUserError(
      readOptionalText(join(work, 'loop.conf'), 'config/loop.conf')
    )
    expect(error.message).toMatch(
      /^config\/loop\.conf cannot be read: .*too many levels of symbolic links.*: check input config-dir and the file$/
    )
  })

  const unreadable = writeOnlyFile()
  ;(unreadable ? test : test.skip)('a file the run may not read says so', async () => {
    const error = await asyncUserError(readOptionalText(unreadable!, 'config/kernel.config'))
    expect(error.message).toBe('config/kernel.config cannot be read (permission denied)')
  })
})

describe('displayPath', () => {
  test('relative inside the project, absolute outside it or for the project itself', () => {
    expect(displayPath('/p/project/config/rfs.conf', '/p/project')).toBe('config/rfs.conf')
    expect(displayPath('/p/project', '/p/project')).toBe('/p/project')
    expect(displayPath('/p/project2/rfs.conf', '/p/project')).toBe('/p/project2/rfs.conf')
    expect(displayPath('/etc/rfs.conf', '/p/project')).toBe('/etc/rfs.conf')
    expect(displayPath('/p/rfs.conf', '/p/project')).toBe('/p/rfs.conf')
  })

  test('a folder of the project whose name starts with .. is inside it', () => {
    expect(displayPath('/p/project/..conf/rfs.conf', '/p/project')).toBe('..conf/rfs.conf')
  })
})
