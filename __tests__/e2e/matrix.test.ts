// A matrix job as a workflow runs it: each leg is the bundled action on its own runner (its own
// checkout), writing its result file; the files are collected into one directory, as
// download-artifact with merge-multiple does, and the CLI's merge makes one result of them.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { errorLines, REPO_ROOT, runAction, type ActionRun } from '../helpers/action.js'
import { makeProject, type TestProject } from '../helpers/project.js'
import { startS3, type TestS3 } from '../../peers/s3.js'

const RFS_CLI = join(REPO_ROOT, 'dist', 'rfs-cli', 'index.js')
const KERNELS = ['6.12.44', '6.6.58']

let s3: TestS3
const cleanups: (() => void)[] = []
beforeAll(async () => {
  s3 = await startS3({ buckets: ['blobs', 'manifests'] })
})
afterAll(async () => {
  await s3.stop()
  cleanups.forEach(cleanup => cleanup())
})

/** One leg's checkout: configs, the modules trees of both kernels and a firmware tree. */
function checkout(): TestProject {
  const project = makeProject({
    buildConf: 'KERNEL_VERSION=6.12.44\n',
    kernelConfig: 'CONFIG_LOCALVERSION="-Zero-OS"\n',
    moduleVersions: KERNELS.map(kernel => `${kernel}-Zero-OS`),
    firmware: true
  })
  cleanups.push(project.remove)
  return project
}

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function leg(
  project: TestProject,
  kernel: string,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction(
    {
      'project-root': project.root,
      'kernel-version': kernel,
      engine: 'native',
      owner: '0:0',
      's3-endpoint': s3.endpoint,
      's3-bucket': 'blobs',
      'manifest-bucket': 'manifests',
      's3-access-key': s3.accessKey,
      's3-secret-key': s3.secretKey,
      ...inputs
    },
    { env: { SOURCE_DATE_EPOCH: '1700000000' } }
  )
}

/** The legs' result files in one directory, as download-artifact with merge-multiple leaves them. */
function collect(runs: ActionRun[]): string {
  const dir = scratch()
  for (const run of runs) {
    const path = run.outputs['result-path']
    copyFileSync(path, join(dir, basename(path)))
  }
  return dir
}

function merge(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const child = spawnSync(process.execPath, [RFS_CLI, 'merge', ...args], { encoding: 'utf8' })
  return { code: child.status, stdout: child.stdout, stderr: child.stderr }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

describe('a kernel matrix', () => {
  const runs: ActionRun[] = []

  beforeAll(async () => {
    // One after the other: the second leg finds the shared firmware flist already published.
    for (const kernel of KERNELS) {
      runs.push(await leg(checkout(), kernel, { 's3-prefix': 'zos/v5', 'firmware-tag': 'fw1' }))
    }
  })

  test('each leg writes its result to result-<kernel>-<tag>.json in output-dir', () => {
    runs.forEach((run, index) => {
      expect(errorLines(run)).toEqual([])
      expect(run.code).toBe(0)
      const path = run.outputs['result-path']
      expect(basename(path)).toBe(`result-${KERNELS[index]}-Zero-OS-fw1.json`)
      expect(path.startsWith(join(JSON.parse(run.outputs.result).flists.modules.path, '..'))).toBe(
        true
      )
      const written = JSON.parse(readFileSync(path, 'utf8'))
      expect(written).toEqual(JSON.parse(run.outputs.result))
      expect(written.resultPath).toBe(path)
    })
  })

  test('merge turns the legs into one result with every flist, the shared firmware once', () => {
    const dir = collect(runs)
    const output = join(scratch(), 'flists.json')
    const merged = merge('-o', output, dir)
    expect(merged.stderr).toContain('merged 2 results: 3 flists')
    expect(merged.code).toBe(0)
    const result = JSON.parse(readFileSync(output, 'utf8'))
    expect(Object.keys(result.flists).sort()).toEqual([
      'firmware-fw1.fl',
      'modules-6.12.44-Zero-OS.fl',
      'modules-6.6.58-Zero-OS.fl'
    ])
    expect(result.status).toBe('success')
    expect(result.kernelVersions).toEqual(['6.12.44-Zero-OS', '6.6.58-Zero-OS'])
    expect(result.firmwareTags).toEqual(['fw1'])
    const legs = runs.map(run => JSON.parse(run.outputs.result))
    for (const [index, kernel] of KERNELS.entries()) {
      const modules = result.flists[`modules-${kernel}-Zero-OS.fl`]
      expect(modules).toMatchObject({
        kind: 'modules',
        version: `${kernel}-Zero-OS`,
        url: legs[index].flists.modules.url,
        sha256: legs[index].flists.modules.sha256,
        manifest: 'published'
      })
      expect(modules.legs).toEqual([join(dir, basename(runs[index].outputs['result-path']))])
    }
    const firmware = result.flists['firmware-fw1.fl']
    expect(legs.map(leg => leg.flists.firmware.manifest)).toEqual(['published', 'unchanged'])
    expect(firmware.sha256).toBe(legs[0].flists.firmware.sha256)
    expect(firmware.legs).toHaveLength(2)
    // Without -o, the merged JSON is all that is printed on stdout; the files may be named one by one.
    const printed = merge(...runs.map(run => run.outputs['result-path']))
    expect(printed.code).toBe(0)
    expect(Object.keys(JSON.parse(printed.stdout).flists)).toHaveLength(3)
  })

  test('the merged URLs serve the manifests whose sha256 the result names', async () => {
    const merged = JSON.parse(merge(collect(runs)).stdout)
    for (const flist of Object.values(merged.flists) as { url: string; sha256: string }[]) {
      const response = await fetch(flist.url)
      expect(response.status).toBe(200)
      expect(sha256(Buffer.from(await response.arrayBuffer()))).toBe(flist.sha256)
    }
  })
})

describe('legs that disagree', () => {
  test('one name with two sha256 is an error naming both files', async () => {
    const first = await leg(checkout(), KERNELS[0], { 's3-prefix': 'clash', 'firmware-tag': 'fw2' })
    const other = checkout()
    writeFileSync(join(other.root, 'firmware/rtl_nic/rtl8168h-2.fw'), 'another realtek build')
    const second = await leg(other, KERNELS[1], {
      's3-prefix': 'clash',
      'firmware-tag': 'fw2',
      overwrite: 'true'
    })
    expect([first.code, second.code]).toEqual([0, 0])
    const dir = collect([first, second])
    const [a, b] = [first, second].map(run => join(dir, basename(run.outputs['result-path'])))
    const merged = merge(dir)
    expect(merged.code).toBe(1)
    expect(merged.stdout).toBe('')
    const lines = merged.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Error: firmware-fw2\.fl has two sha256: [0-9a-f]{64} in .* and [0-9a-f]{64} in /
    )
    expect(lines[0]).toContain(` in ${a} and `)
    expect(lines[0]).toContain(` in ${b};`)
  })

  test('one name at two URLs is an error naming both files', async () => {
    const runs = [
      await leg(checkout(), KERNELS[0], { 's3-prefix': 'one', 'firmware-tag': 'fw3' }),
      await leg(checkout(), KERNELS[1], { 's3-prefix': 'two', 'firmware-tag': 'fw3' })
    ]
    const merged = merge(...runs.map(run => run.outputs['result-path']))
    expect(merged.code).toBe(1)
    expect(merged.stderr).toContain(
      `firmware-fw3.fl has two URLs: ${JSON.parse(runs[0].outputs.result).flists.firmware.url} in ${runs[0].outputs['result-path']}`
    )
  })

  test('a file that is not a result is named', () => {
    const dir = scratch()
    writeFileSync(join(dir, 'result-x.json'), '{"flists": {}}')
    const merged = merge(dir)
    expect(merged.code).toBe(1)
    expect(merged.stderr.trim()).toBe(
      `Error: ${join(dir, 'result-x.json')} is not a result file of rfs-flist-action (no kernelVersion): give the result-*.json files the action writes`
    )
    expect(merge(scratch()).stderr).toContain('holds no result-*.json file')
  })
})
