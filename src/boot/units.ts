// zinit units that bring the published flists into a booting Zero-OS node: fetch and mount each
// one after the network is up, index the modules, then replay udev's coldplug. Generated from
// the plan alone, so a dry run and a build that has not packed yet get the same units; the
// sha256 of each flist goes into a file beside the script once it is known.
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'
import type { BootOptions, FlistKind } from '../plan/settings.js'
import { bootScript } from './script.js'

export interface BootFlist {
  kind: FlistKind
  name: string
  /** The published URL, used when no manifest base URL is given. */
  url: string
  /** Known once packed. */
  sha256?: string
}

/** One zinit unit as generated: its name is its file name without `.yaml`. */
export interface ZinitUnit {
  name: string
  comment: string
  exec: string
  oneshot: boolean
  after: string[]
}

export interface BootUnits {
  units: ZinitUnit[]
  /** Paths relative to the zinit folder, and their contents. */
  files: Array<{ path: string; content: string; mode: number }>
  /** What must change in the units the initramfs already has. */
  notes: string[]
  /** Flists whose sha256 is not in the sums file yet. */
  missingSha256: string[]
}

export const SCRIPT_PATH = 'init/flists.sh'
export const SUMS_PATH = 'init/flists.sha256'
/** Where zinit reads units on the node; the folder mirrors it. */
export const ZINIT_ETC = '/etc/zinit'

export const UNIT_NAMES = {
  modules: 'flist-modules',
  firmware: 'flist-firmware',
  depmod: 'flist-depmod',
  coldplug: 'flist-coldplug'
} as const

export function bootUnits(
  kernel: string,
  flists: BootFlist[],
  options: BootOptions,
  label: InputLabel = RUNNER_LABEL
): BootUnits {
  const script = `${ZINIT_ETC}/${SCRIPT_PATH}`
  const fetched = flists.map(flist => ({
    kind: flist.kind,
    name: flist.name,
    url: options.manifestUrl
      ? `${options.manifestUrl}/${encodeURIComponent(flist.name)}`
      : flist.url,
    sha256: flist.sha256
  }))
  const has = (kind: FlistKind): boolean => fetched.some(flist => flist.kind === kind)
  const units: ZinitUnit[] = []
  for (const flist of fetched) {
    const target = flist.kind === 'modules' ? `/lib/modules/${kernel}` : '/lib/firmware'
    units.push({
      name: UNIT_NAMES[flist.kind],
      comment:
        flist.kind === 'modules'
          ? `Fetches ${flist.name}, checks its sha256, mounts it read-only and overlays it on ${target}.`
          : `Fetches ${flist.name}, checks its sha256 and mounts it read-only over ${target}.`,
      exec: `sh ${script} mount ${flist.kind}`,
      oneshot: true,
      after: [options.networkUnit]
    })
  }
  if (has('modules')) {
    units.push({
      name: UNIT_NAMES.depmod,
      comment: `Indexes the mounted modules: depmod -a ${kernel}.`,
      exec: `sh ${script} depmod`,
      oneshot: true,
      after: [UNIT_NAMES.modules]
    })
  }
  units.push({
    name: UNIT_NAMES.coldplug,
    comment: 'Replays udev coldplug, so devices find the drivers and firmware of the flists.',
    exec: `sh ${script} coldplug`,
    oneshot: true,
    after: [
      ...(has('modules') ? [UNIT_NAMES.depmod] : []),
      ...(has('firmware') ? [UNIT_NAMES.firmware] : [])
    ]
  })

  const known = fetched.filter(flist => flist.sha256)
  const files = [
    ...units.map(unit => ({ path: `${unit.name}.yaml`, content: unitYaml(unit), mode: 0o644 })),
    {
      path: SCRIPT_PATH,
      content: bootScript({
        kernel,
        flists: fetched,
        cacheDir: options.cacheDir,
        sumsFile: SUMS_PATH.split('/').pop()!
      }),
      mode: 0o755
    }
  ]
  if (known.length > 0) {
    files.push({
      path: SUMS_PATH,
      content: known.map(flist => `${flist.sha256}  ${flist.name}\n`).join(''),
      mode: 0o644
    })
  }
  return {
    units,
    files,
    notes: existingUnitNotes(kernel, options.networkUnit, has('modules'), label),
    missingSha256: fetched.filter(flist => !flist.sha256).map(flist => flist.name)
  }
}

/**
 * The units of a Zero-OS initramfs that meet the new ones. Its `udev-trigger` is the first
 * coldplug, for the drivers the network needs, and the network unit starts after it; listing the
 * flist units in its `after:` would wait for a network that waits for it.
 */
function existingUnitNotes(
  kernel: string,
  network: string,
  modules: boolean,
  label: InputLabel
): string[] {
  const notes: string[] = []
  if (modules) {
    notes.push(
      `depmod: a unit of that name must list ${UNIT_NAMES.modules} in its after: (or be removed: ${UNIT_NAMES.depmod} runs depmod -a ${kernel} once the modules are mounted); before the mount it indexes the initramfs's modules only`
    )
  }
  notes.push(
    `udev-trigger: keep it as it is, before ${network}: it loads the first-stage drivers the network needs, and ${network} must come up before the flists can be fetched; ${UNIT_NAMES.coldplug} is the second coldplug`,
    `units that need drivers or firmware from the flists (storage, GPUs, NICs beyond the first stage) must list ${UNIT_NAMES.coldplug} in their after:`,
    `${network}: the flist units wait for a unit of this name; with none, they stay blocked (set ${label('zinit-network-unit')} to the build's network unit)`
  )
  return notes
}

/** zinit's format: `after` as a YAML list, names and commands as plain or quoted scalars. */
export function unitYaml(unit: ZinitUnit): string {
  const lines = [`# ${unit.comment}`, `exec: ${yamlString(unit.exec)}`]
  if (unit.oneshot) lines.push('oneshot: true')
  if (unit.after.length > 0) {
    lines.push('after:')
    for (const name of unit.after) lines.push(`  - ${yamlString(name)}`)
  }
  lines.push('log: ring')
  return `${lines.join('\n')}\n`
}

/** A double-quoted YAML scalar: always a string, whatever it looks like. */
function yamlString(text: string): string {
  return JSON.stringify(text)
}
