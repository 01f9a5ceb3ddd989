// The bundled action, run as a GitHub runner runs it, in dry-run: outputs from configs and inputs,
// and every user error as one line with no stack trace.
import { afterAll, describe, expect, test } from '@jest/globals'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { runAction, runCli, type ActionRun } from '../helpers/action.js'
import {
  copyExample,
  EXAMPLE_KERNEL,
  makeProject,
  standardProject,
  type TestProject
} from '../helpers/project.js'

const projects: TestProject[] = []
afterAll(() => projects.forEach(project => project.remove()))
function track(project: TestProject): TestProject {
  projects.push(project)
  return project
}

const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYzz'
const S3_CONF = [
  'S3_ENDPOINT=https://s3.example.com',
  'S3_REGION=eu-west-1',
  'S3_BUCKET=zos-blobs',
  'S3_PREFIX=zos/v4',
  'S3_ACCESS_KEY=AKIAEXAMPLE',
  `S3_SECRET_KEY="${SECRET}"`
].join('\n')

function todayTag(): string {
  return new Date().toISOString().slice(0, 10).replace(/-/g, '')
}

async function dryRun(
  project: TestProject,
  inputs: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({ 'project-root': project.root, 'dry-run': 'true', ...inputs })
}

describe('dry run outputs', () => {
  test('the example project: kernel version, names, embedded store, and nothing written', async () => {
    const project = track(copyExample())
    const run = await dryRun(project)
    expect(run.code).toBe(0)
    expect(run.outputs['kernel-version']).toBe(EXAMPLE_KERNEL)
    expect(run.outputs['modules-flist']).toBe(`modules-${EXAMPLE_KERNEL}.fl`)
    expect(run.outputs['firmware-flist']).toBe(`firmware-${todayTag()}.fl`)
    expect(run.outputs['firmware-tag']).toBe(todayTag())
    expect(run.outputs['modules-flist-path']).toBe(
      join(project.root, 'dist', 'flists', `modules-${EXAMPLE_KERNEL}.fl`)
    )
    expect(run.outputs['store-url']).toBe(`dir://${join(project.root, 'dist', 'flists', 'store')}`)
    const result = JSON.parse(run.outputs.result)
    expect(result).toMatchObject({
      kernelVersion: EXAMPLE_KERNEL,
      firmwareTag: todayTag(),
      flists: { modules: { name: `modules-${EXAMPLE_KERNEL}.fl` }, firmware: {} }
    })
    expect(run.outputs['modules-flist-sha256']).toBeUndefined()
    expect(existsSync(join(project.root, 'dist'))).toBe(false)
    expect(run.stdout).toContain('::group::Plan')
  })

  test('the kernel-version input replaces KERNEL_VERSION', async () => {
    const project = track(
      makeProject({
        buildConf: 'KERNEL_VERSION=6.12.44\n',
        kernelConfig: 'CONFIG_LOCALVERSION="-Zero-OS"\n',
        moduleVersions: ['6.6.58-Zero-OS'],
        firmware: true
      })
    )
    const run = await dryRun(project, { 'kernel-version': '6.6.58' })
    expect(run.code).toBe(0)
    expect(run.outputs['kernel-version']).toBe('6.6.58-Zero-OS')
  })

  test.each([
    ['absent', 'CONFIG_SMP=y\n'],
    ['not set', '# CONFIG_LOCALVERSION is not set\n'],
    ['empty', 'CONFIG_LOCALVERSION=""\n']
  ])('localversion %s: the full version is the base', async (_, kernelConfig) => {
    const project = track(
      makeProject({
        buildConf: 'export KERNEL_VERSION="6.12.44" # pinned\n',
        kernelConfig,
        moduleVersions: ['6.12.44'],
        firmware: true
      })
    )
    const run = await dryRun(project)
    expect(run.code).toBe(0)
    expect(run.outputs['kernel-version']).toBe('6.12.44')
  })

  test('S3 settings from rfs.conf: rfs store URL, path-style manifest URL, no secret anywhere', async () => {
    const project = track(standardProject(S3_CONF))
    const run = await dryRun(project)
    expect(run.code).toBe(0)
    expect(run.outputs['store-url']).toBe(
      's3s://AKIAEXAMPLE@s3.example.com:443/zos-blobs?region=eu-west-1'
    )
    expect(run.outputs['modules-flist-url']).toBe(
      `https://s3.example.com/zos-blobs/zos/v4/manifests/modules-${EXAMPLE_KERNEL}.fl`
    )
    expect(run.everything.replace(/^::add-mask::.*$/gm, '')).not.toContain(SECRET)
    expect(run.stdout).toContain(`::add-mask::${SECRET}`)
  })

  test('inputs override rfs.conf; public-url, manifest bucket and firmware tag', async () => {
    const project = track(standardProject(S3_CONF))
    const run = await dryRun(project, {
      's3-prefix': '/releases//',
      'manifest-bucket': 'zos-manifests',
      'public-url': 'https://cdn.example.com/zos/',
      'firmware-tag': '20260101'
    })
    expect(run.code).toBe(0)
    expect(run.outputs['firmware-flist']).toBe('firmware-20260101.fl')
    expect(run.outputs['firmware-flist-url']).toBe(
      'https://cdn.example.com/zos/releases/manifests/firmware-20260101.fl'
    )
    expect(JSON.parse(run.outputs.result).flists.firmware.manifestKey).toBe(
      'releases/manifests/firmware-20260101.fl'
    )
  })

  test('flists: modules alone sets no firmware output and needs no firmware tree', async () => {
    const project = track(
      makeProject({
        buildConf: 'KERNEL_VERSION=6.12.44\n',
        kernelConfig: 'CONFIG_LOCALVERSION="-Zero-OS"\n',
        moduleVersions: [EXAMPLE_KERNEL]
      })
    )
    const run = await dryRun(project, { flists: 'modules' })
    expect(run.code).toBe(0)
    expect(run.outputs['modules-flist']).toBe(`modules-${EXAMPLE_KERNEL}.fl`)
    expect(run.outputs['firmware-flist']).toBeUndefined()
    expect(JSON.parse(run.outputs.result).flists.firmware).toBeUndefined()
  })

  test('a shell run takes the same names as flags and prints name=value lines', async () => {
    const project = track(copyExample())
    const run = await runCli(['--project-root', project.root, '--dry-run', '--firmware-tag=fw1'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(`kernel-version=${EXAMPLE_KERNEL}\n`)
    expect(run.stdout).toContain('firmware-flist=firmware-fw1.fl\n')
    expect(run.stdout).not.toContain('::set-output')
  })

  test('--help lists the inputs and exits 0', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    for (const flag of ['--project-root', '--kernel-version', '--s3-secret-key', '--dry-run']) {
      expect(run.stdout).toContain(flag)
    }
  })
})

// The catalogue of user errors runs in bad-input.test.ts; these are the shell's own forms.
describe('user errors in a shell run', () => {
  test('a shell run prints the error on stderr, with no stack', async () => {
    const project = track(makeProject({ buildConf: 'KERNEL_VERSION=\n', kernelConfig: '' }))
    const run = await runCli(['--project-root', project.root, '--dry-run'])
    expect(run.code).toBe(1)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^error: .*KERNEL_VERSION/)
  })

  test('an unknown flag names the flag', async () => {
    const run = await runCli(['--kernel-verison', '6.12.44'])
    expect(run.code).toBe(1)
    expect(run.stderr).toMatch(/--kernel-verison/)
  })
})
