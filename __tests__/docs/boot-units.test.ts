// The zinit units docs/boot.md shows are the ones the action writes: each document of the shown
// block names its file in a leading `# flist-….yaml` comment, and parses to what that file holds.
import { afterAll, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { runCli } from '../helpers/action.js'
import { fencedBlocks } from '../helpers/examples.js'
import { copyExample } from '../helpers/project.js'

const project = copyExample()
afterAll(() => project.remove())

test("docs/boot.md's units are what zinit-units: true writes", async () => {
  const shown = fencedBlocks('docs/boot.md').find(block => block.text.includes('flist-modules'))
  expect(shown).toBeDefined()
  // The page's example: kernel 6.12.44-Zero-OS (the example project's), firmware tag 20250101.
  const run = await runCli([
    '--project-root',
    project.root,
    '--dry-run',
    '--zinit-units',
    'true',
    '--firmware-tag',
    '20250101'
  ])
  expect(run.code).toBe(0)
  const dir = join(project.root, 'dist/flists/zinit')
  const written = Object.fromEntries(
    readdirSync(dir)
      .filter(name => name.endsWith('.yaml'))
      .map(name => [name, parse(readFileSync(join(dir, name), 'utf8')) as unknown])
  )
  const documented = Object.fromEntries(
    shown!.text
      .split(/^---$/m)
      .map(text => [/^\s*#\s*(\S+\.yaml)\s*$/m.exec(text)?.[1], parse(text) as unknown])
  )
  expect(documented).toEqual(written)
})
