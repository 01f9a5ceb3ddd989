// Small Zero-OS build projects on disk, shaped like the real one, for end-to-end runs.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { REPO_ROOT } from './action.js'

export const EXAMPLE_PROJECT = join(REPO_ROOT, 'examples', 'zos')
export const EXAMPLE_KERNEL = '6.12.44-Zero-OS'

export interface ProjectSpec {
  buildConf?: string
  kernelConfig?: string
  /** Absent: no rfs.conf at all. */
  rfsConf?: string
  /** Full kernel versions to create module trees for under initramfs/lib/modules. */
  moduleVersions?: string[]
  /** Whether to create firmware/. */
  firmware?: boolean
}

export interface TestProject {
  root: string
  remove(): void
}

/** A fresh copy of examples/zos, so a run may write its output directory into it. */
export function copyExample(): TestProject {
  const root = mkdtempSync(join(tmpdir(), 'zos-example-'))
  cpSync(EXAMPLE_PROJECT, root, { recursive: true, verbatimSymlinks: true })
  rmSync(join(root, 'dist'), { recursive: true, force: true })
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) }
}

/** A project written from scratch; every file not given is left out. */
export function makeProject(spec: ProjectSpec): TestProject {
  const root = mkdtempSync(join(tmpdir(), 'zos-project-'))
  const write = (path: string, content: string | Buffer): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  if (spec.buildConf !== undefined) write('config/build.conf', spec.buildConf)
  if (spec.kernelConfig !== undefined) write('config/kernel.config', spec.kernelConfig)
  if (spec.rfsConf !== undefined) write('config/rfs.conf', spec.rfsConf)
  for (const version of spec.moduleVersions ?? []) {
    const base = `initramfs/lib/modules/${version}`
    write(`${base}/kernel/drivers/net/e1000e.ko`, Buffer.alloc(70_000, 7))
    write(`${base}/kernel/fs/overlay.ko`, Buffer.from('overlay module'))
    write(`${base}/modules.dep`, 'kernel/drivers/net/e1000e.ko:\nkernel/fs/overlay.ko:\n')
    symlinkSync('/usr/src/linux', join(root, base, 'build'))
  }
  if (spec.firmware) {
    write('firmware/intel/ibt-0040-0041.sfi', Buffer.alloc(600_000, 3))
    write('firmware/rtl_nic/rtl8168h-2.fw', Buffer.from('realtek'))
    symlinkSync('rtl8168h-2.fw', join(root, 'firmware/rtl_nic/rtl8168h-3.fw'))
  }
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) }
}

/** A project that builds: configs for 6.12.44-Zero-OS, its modules tree and a firmware tree. */
export function standardProject(rfsConf?: string): TestProject {
  return makeProject({
    buildConf: 'KERNEL_VERSION=6.12.44\n',
    kernelConfig: 'CONFIG_LOCALVERSION="-Zero-OS"\n',
    rfsConf,
    moduleVersions: [EXAMPLE_KERNEL],
    firmware: true
  })
}
