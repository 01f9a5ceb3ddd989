// The layers of src/, lowest first, and the rule between them: a module imports only modules of
// its own layer or of layers below it. The same test keeps test code out of shipped and bench
// code, and the TypeScript loader out of shipped code.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/**
 * Each layer and the paths under src/ it holds; the most specific path decides. Layers that
 * share a rank (boot and gc) are peers: neither imports the other.
 */
const LAYERS: ReadonlyArray<{ layer: string; paths: readonly string[] }> = [
  { layer: 'common', paths: ['common'] },
  // What a store is and how its URLs are written: below S3, which parses them.
  { layer: 'store-url', paths: ['store-url'] },
  { layer: 's3', paths: ['s3'] },
  // The store backends and the router.
  { layer: 'store', paths: ['store'] },
  { layer: 'flist', paths: ['flist'] },
  { layer: 'rfs-release', paths: ['rfs-release'] },
  { layer: 'config', paths: ['config'] },
  { layer: 'plan', paths: ['plan'] },
  { layer: 'engines', paths: ['engines'] },
  { layer: 'publish', paths: ['publish'] },
  { layer: 'boot', paths: ['boot'] },
  { layer: 'gc', paths: ['gc'] },
  { layer: 'action', paths: ['action'] },
  // The two programs: the action (index.ts, main.ts) and the engine CLI (rfs-cli*.ts).
  { layer: 'entry', paths: ['main.ts', 'index.ts', 'rfs-cli.ts', 'rfs-cli-commands.ts'] }
]
const PEERS = [['boot', 'gc']]

const ROOT = resolve(import.meta.dirname, '..')
const SRC = join(ROOT, 'src')

function rankOf(layer: string): number {
  const peer = PEERS.find(group => group.includes(layer))
  const first = peer ? peer[0] : layer
  return LAYERS.findIndex(entry => entry.layer === first)
}

/** The layer of a file under src/, by its most specific path. */
function layerOf(file: string): string | undefined {
  const path = relative(SRC, file).split('\\').join('/')
  let best: { layer: string; length: number } | undefined
  for (const { layer, paths } of LAYERS) {
    for (const prefix of paths) {
      const holds = path === prefix || path.startsWith(`${prefix}/`)
      if (holds && (!best || prefix.length > best.length)) best = { layer, length: prefix.length }
    }
  }
  return best?.layer
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|cts|mts|js|cjs|mjs)$/.test(entry.name) ? [path] : []
  })
}

/** Every module a file imports, exports from or requires, as written. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true)
  return info.importedFiles.map(imported => imported.fileName)
}

function resolved(file: string, specifier: string): string {
  return resolve(dirname(file), specifier).replace(/\.js$/, '.ts')
}

describe('layers', () => {
  const files = sourceFiles(SRC)

  it('places every file of src/ in a layer', () => {
    expect(files.filter(file => layerOf(file) === undefined).map(f => relative(ROOT, f))).toEqual(
      []
    )
  })

  it('has no import that runs to a higher layer or a peer', () => {
    const upward: string[] = []
    for (const file of files) {
      const from = layerOf(file)!
      for (const specifier of importsOf(file).filter(s => s.startsWith('.'))) {
        const target = resolved(file, specifier)
        const to = layerOf(target)
        if (to === undefined || to === from) continue
        if (rankOf(to) >= rankOf(from)) {
          upward.push(`${relative(ROOT, file)} (${from}) imports ${specifier} (${to})`)
        }
      }
    }
    expect(upward).toEqual([])
  })

  it('keeps test code out of src/ and bench/, and the TypeScript loader out of src/', () => {
    const found: string[] = []
    for (const file of [...files, ...sourceFiles(join(ROOT, 'bench'))]) {
      for (const specifier of importsOf(file)) {
        const testCode =
          specifier.startsWith('.') &&
          relative(ROOT, resolved(file, specifier)).startsWith('__tests__')
        const loader = specifier === 'tsx' || specifier.startsWith('tsx/')
        if (testCode || (loader && file.startsWith(SRC))) {
          found.push(`${relative(ROOT, file)} imports ${specifier}`)
        }
      }
      if (file.startsWith(SRC) && /['"]tsx[/'"]/.test(readFileSync(file, 'utf8'))) {
        found.push(`${relative(ROOT, file)} names tsx`)
      }
    }
    expect(found).toEqual([])
  })
})

/** Test folders that follow no module: whole runs of the bundle, the docs, the Garage suite. */
const UNMIRRORED = ['e2e', 'docs', 'garage', 'helpers', 'fixtures', 'rust-reader']

describe('tests mirror src/', () => {
  it('names every unit test file after the module it tests: __tests__/a/b.test.ts or __tests__/a/b/', () => {
    const tests = join(ROOT, '__tests__')
    const stray = sourceFiles(tests)
      .map(file => relative(tests, file).split('\\').join('/'))
      // This file checks the whole tree, not one module.
      .filter(path => path.endsWith('.test.ts') && path !== 'layers.test.ts')
      .filter(path => !UNMIRRORED.includes(path.split('/')[0]))
      .filter(path => {
        const module = path.replace(/\.test\.ts$/, '')
        return ![`${module}.ts`, `${dirname(module)}.ts`].some(candidate =>
          existsSync(join(SRC, candidate))
        )
      })
    expect(stray).toEqual([])
  })

  it('has the tests of every module with behaviour at its mirrored place (entries: see e2e/)', () => {
    const untested = sourceFiles(SRC)
      .filter(file => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .filter(file => layerOf(file) !== 'entry' && hasBehaviour(file))
      .map(file => relative(SRC, file).split('\\').join('/').replace(/\.ts$/, ''))
      .filter(module => !hasOwnTests(module))
    expect(untested).toEqual([])
  })
})

/**
 * `__tests__/a/b.test.ts` for `src/a/b.ts`; or `__tests__/a/b/`, when src/ has no folder `a/b/`
 * whose tests that folder would hold instead.
 */
function hasOwnTests(module: string): boolean {
  if (existsSync(join(ROOT, '__tests__', `${module}.test.ts`))) return true
  return existsSync(join(ROOT, '__tests__', module)) && !existsSync(join(SRC, module))
}

/**
 * Whether a module holds a function or a class anywhere (an arrow in an object literal counts),
 * rather than only types and constants: what a test of its own would exercise.
 */
function hasBehaviour(file: string): boolean {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest)
  const holdsCode = (node: ts.Node): boolean =>
    ts.isFunctionLike(node) || ts.isClassLike(node) || ts.forEachChild(node, holdsCode) === true
  return source.statements.some(
    statement =>
      !ts.isInterfaceDeclaration(statement) &&
      !ts.isTypeAliasDeclaration(statement) &&
      holdsCode(statement)
  )
}
