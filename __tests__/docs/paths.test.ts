// The files the README and docs/ name exist: a test or module renamed without its mention fails here.
import { expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { REPO_ROOT } from '../helpers/action.js'

const ROOTS = [
  'src',
  '__tests__',
  'bench',
  'scripts',
  'peers',
  'docs',
  'examples',
  '.ci',
  '.github'
]
const PAGES = [
  'README.md',
  'CONTRIBUTING.md',
  ...readdirSync(join(REPO_ROOT, 'docs'))
    .filter(name => name.endsWith('.md'))
    .map(name => `docs/${name}`)
]

/** Backticked repository paths of a page; test files are named from `__tests__/`. */
function namedPaths(text: string): string[] {
  const paths: string[] = []
  for (const [, token] of text.matchAll(/`([^`\s]+)`/g)) {
    if (token.includes('/a/b') || /(^|\/)dist\//.test(token)) continue // placeholders, build output
    if (token.endsWith('.test.ts') && !token.startsWith('__tests__/'))
      paths.push(`__tests__/${token}`)
    else if (ROOTS.some(root => token.startsWith(`${root}/`))) paths.push(token)
  }
  return paths
}

/** Whether the path exists; a `*` in its last part must match at least one file. */
function exists(path: string): boolean {
  if (!basename(path).includes('*')) return existsSync(join(REPO_ROOT, path))
  const folder = join(REPO_ROOT, dirname(path))
  if (!existsSync(folder)) return false
  const pattern = new RegExp(
    `^${basename(path)
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`
  )
  return readdirSync(folder).some(name => pattern.test(name))
}

test.each(PAGES)('every file %s names exists', page => {
  const named = namedPaths(readFileSync(join(REPO_ROOT, page), 'utf8'))
  expect(named.filter(path => !exists(path))).toEqual([])
})
