// Flists of awkward trees, written by both engines' code paths (the native packer, and the rfs
// engine's post-processing of what an rfs-shaped stand-in packed), read back by a reader built on
// rfs's own codec crates from a dir:// store, from Garage over signed S3 and through Garage's
// website endpoint as an http route.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { errorLines, REPO_ROOT, runAction } from '../helpers/action.js'
import { makeAwkwardTree } from '../helpers/awkward-tree.js'
import { startGarage, type TestGarage, garageS3Inputs } from '../../peers/garage.js'
import { copyExample, type TestProject } from '../helpers/project.js'
import { buildReader, readFlist } from '../helpers/rust-reader.js'

let garage: TestGarage
let work: string
let standIn: string
const projects: TestProject[] = []

beforeAll(async () => {
  garage = await startGarage({ buckets: ['blobs'] })
  await garage.publishBucket('blobs', 'localhost')
  work = mkdtempSync(join(tmpdir(), 'garage-reader-'))
  makeAwkwardTree(join(work, 'modules'))
  makeAwkwardTree(join(work, 'firmware'))
  // An rfs-shaped stand-in: the bundled engine CLI behind a script named rfs.
  standIn = join(work, 'bin')
  spawnSync('mkdir', ['-p', standIn])
  writeFileSync(
    join(standIn, 'rfs'),
    `#!/bin/sh\nexec '${process.execPath}' '${join(REPO_ROOT, 'dist/rfs-cli/index.js')}' "$@"\n`
  )
  chmodSync(join(standIn, 'rfs'), 0o755)
  await buildReader()
}, 900_000)

afterAll(async () => {
  await garage?.stop()
  projects.forEach(project => project.remove())
  if (work) {
    spawnSync('chmod', ['-R', 'u+rwx', work])
    rmSync(work, { recursive: true, force: true })
  }
})

const s3Store = (): string =>
  `s3://${garage.accessKey}:${encodeURIComponent(garage.secretKey)}@127.0.0.1:${garage.port}/blobs?region=garage`

for (const engine of ['native', 'rfs']) {
  describe(`flists of awkward trees from engine ${engine}`, () => {
    const flists: Record<string, string> = {}
    let dirStore: string

    beforeAll(async () => {
      const project = copyExample()
      projects.push(project)
      dirStore = join(work, `${engine}-store`)
      const run = await runAction(
        {
          'project-root': project.root,
          engine,
          'rfs-build': 'never',
          'firmware-tag': engine,
          'modules-dir': join(work, 'modules'),
          'firmware-dir': join(work, 'firmware'),
          ...garageS3Inputs(garage, 'blobs', { prefix: engine }),
          // Every blob in both stores; readers are sent to the website endpoint.
          store: `dir://${dirStore}\n${s3Store()}`,
          'read-store': `http://localhost:${garage.webPort}/`
        },
        { env: { PATH: `${standIn}:${process.env.PATH}` } }
      )
      expect(errorLines(run)).toEqual([])
      expect(run.code).toBe(0)
      if (engine === 'rfs') expect(run.outputs['rfs-path']).toBe(join(standIn, 'rfs'))
      flists.modules = run.outputs['modules-flist-path']
      flists.firmware = run.outputs['firmware-flist-path']
    })

    for (const kind of ['modules', 'firmware']) {
      test(`${kind}: the same tree from the dir store, from S3 and through the http route`, () => {
        const source = join(work, kind)
        const reads = {
          dir: readFlist(flists[kind], source, { stores: [`dir://${dirStore}`] }),
          s3: readFlist(flists[kind], source, { stores: [s3Store()] }),
          http: readFlist(flists[kind], source)
        }
        for (const [via, read] of Object.entries(reads)) {
          expect([via, read.code, read.stderr]).toEqual([via, 0, ''])
          // 15 files, 27 directories with the root, 5 links and the fifo.
          expect(read.stdout).toMatch(
            new RegExp(
              `^ok: 15 files, 27 directories, 5 symlinks, 1 other, \\d+ blocks .* via ${via}$`,
              'm'
            )
          )
        }
      })
    }
  })
}

describe('the reader itself fails on what it must catch', () => {
  let flist: string
  let source: string
  let store: string

  beforeAll(async () => {
    source = join(work, 'small')
    store = join(work, 'small-store')
    makeAwkwardTree(source)
    const project = copyExample()
    projects.push(project)
    const run = await runAction({
      'project-root': project.root,
      engine: 'native',
      flists: 'modules',
      'modules-dir': source,
      store: `dir://${store}`
    })
    expect(errorLines(run)).toEqual([])
    flist = run.outputs['modules-flist-path']
  })

  /** Every blob file of a dir store, flat or sharded. */
  function blobFiles(root: string): string[] {
    return readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter(name => /(^|\/)[0-9a-f]{64}$/.test(name))
      .map(name => join(root, name))
  }

  test('a blob with one byte changed', () => {
    const copy = join(work, 'damaged-store')
    cpSync(store, copy, { recursive: true })
    const [victim] = blobFiles(copy)
    const bytes = readFileSync(victim)
    bytes[bytes.length >> 1] ^= 1
    writeFileSync(victim, bytes)
    const read = readFlist(flist, source, { stores: [`dir://${copy}`] })
    expect(read.code).toBe(1)
    expect(read.stderr).toMatch(/blob [0-9a-f]{64}: its BLAKE2b-256 is not its id/)
  })

  test('a missing blob, and a source that differs from what was packed', () => {
    const copy = join(work, 'partial-store')
    cpSync(store, copy, { recursive: true })
    rmSync(blobFiles(copy)[0])
    expect(readFlist(flist, source, { stores: [`dir://${copy}`] }).stderr).toMatch(
      /is in none of the stores/
    )
    appendFileSync(join(source, 'sub/dir/file.txt'), 'changed\n')
    const read = readFlist(flist, source, { stores: [`dir://${store}`] })
    expect(read.code).toBe(1)
    expect(read.stderr).toMatch(/"sub\/dir\/file.txt": size \d+ in the flist/)
    expect(read.stderr).toMatch(/"sub\/dir\/file.txt": unpacked content differs/)
    expect(existsSync(store)).toBe(true)
  })

  test('a wrong S3 secret is refused by Garage, not read around', () => {
    const read = readFlist(flist, source, {
      stores: [`s3://${garage.accessKey}@127.0.0.1:${garage.port}/blobs?region=garage`],
      s3Secret: '0'.repeat(64)
    })
    expect(read.code).toBe(1)
    expect(read.stderr).toMatch(/HTTP 403/)
  })
})
