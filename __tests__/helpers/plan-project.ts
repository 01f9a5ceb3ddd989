// A Zero-OS build project in a temporary directory, made afresh for each test of a file that calls
// planProject(), and the plan the action would make of it.
import { afterEach, beforeEach } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { settingsFromRaw, type RawInputs } from '../../src/action/inputs.js'
import { buildPlan, type Plan } from '../../src/plan/plan.js'
import type { Settings } from '../../src/plan/settings.js'

export const NOW = new Date('2025-03-07T23:30:00Z')
export const KERNEL = '6.12.44-Zero-OS'
export const S3_CONF = [
  'S3_ENDPOINT=https://s3.example.com',
  'S3_BUCKET=zos-blobs',
  'S3_ACCESS_KEY=AKIA',
  'S3_SECRET_KEY="hunter2/+"'
].join('\n')

export interface PlanProject {
  /** The temporary directory, the project in it, and a stand-in for /lib/modules. */
  work: string
  project: string
  modulesRoot: string
  writeConfig(name: string, text: string): void
  /** The settings of the project with these inputs, as plan() makes its plan of. */
  settings(raw?: RawInputs): Settings
  plan(raw?: RawInputs): Promise<Plan>
}

/** Registers the set-up and clean-up; the fields are valid inside each test. */
export function planProject(): PlanProject {
  const fixture: PlanProject = {
    work: '',
    project: '',
    modulesRoot: '',
    writeConfig: (name, text) => writeFileSync(join(fixture.project, 'config', name), text),
    settings: (raw = {}) =>
      settingsFromRaw({ 'project-root': fixture.project, ...raw }, 'input', { cwd: fixture.work }),
    plan: (raw = {}) =>
      buildPlan(fixture.settings(raw), {
        sourceDate: { epoch: NOW.getTime() / 1000, origin: 'test' },
        modulesRoot: fixture.modulesRoot,
        mask: () => {}
      })
  }
  beforeEach(() => {
    fixture.work = mkdtempSync(join(tmpdir(), 'plan-'))
    fixture.project = join(fixture.work, 'project')
    fixture.modulesRoot = join(fixture.work, 'lib-modules')
    mkdirSync(join(fixture.project, 'config'), { recursive: true })
    mkdirSync(join(fixture.project, 'initramfs/lib/modules', KERNEL), { recursive: true })
    mkdirSync(join(fixture.project, 'firmware'), { recursive: true })
    mkdirSync(fixture.modulesRoot)
    fixture.writeConfig('build.conf', 'export KERNEL_VERSION=6.12.44\n')
    fixture.writeConfig(
      'kernel.config',
      'CONFIG_LOCALVERSION="-Zero-OS"\n# CONFIG_LOCALVERSION_AUTO is not set\n'
    )
  })
  afterEach(() => rmSync(fixture.work, { recursive: true, force: true }))
  return fixture
}
