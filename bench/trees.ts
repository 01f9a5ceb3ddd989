// Real trees for the whole-job benchmark: Debian's 6.12 kernel modules (uncompressed) and nine
// Debian firmware packages, fetched with apt-get download into a cache and unpacked with dpkg-deb.
// apt runs with its own sources list and state under the cache, so the machine's apt setup is
// left alone and the non-free-firmware component is reachable. Where the packages cannot be
// fetched, generated trees of the same shape stand in.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { FIRMWARE, MODULES, generateTree } from './generate.js'

const run = promisify(execFile)

export const FIRMWARE_PACKAGES = [
  'firmware-misc-nonfree',
  'firmware-amd-graphics',
  'firmware-iwlwifi',
  'firmware-realtek',
  'firmware-bnx2x',
  'firmware-bnx2',
  'firmware-qlogic',
  'firmware-netronome',
  'firmware-linux-free'
]

const SOURCES = [
  'deb http://deb.debian.org/debian bookworm main non-free-firmware',
  'deb http://deb.debian.org/debian bookworm-backports main non-free-firmware',
  'deb http://deb.debian.org/debian-security bookworm-security main non-free-firmware'
]

export interface JobTrees {
  modules: string
  firmware: string
  /** What they are, for the report. */
  description: string
}

export function cacheDir(): string {
  return process.env.RFS_FLIST_BENCH_CACHE ?? join(homedir(), '.cache', 'rfs-flist-action-bench')
}

/** `which`: `generated` skips the Debian packages. */
export async function jobTrees(work: string, which?: string): Promise<JobTrees> {
  try {
    if (which === 'generated') throw new Error('generated trees asked for')
    return await debianTrees(cacheDir())
  } catch (error) {
    const reason = String((error as { stderr?: string }).stderr || error).split('\n')[0]
    console.log(
      `Debian packages unavailable (${reason}); generated trees of the same shape instead`
    )
    const modules = generateTree(MODULES, work)
    const firmware = generateTree(FIRMWARE, work)
    return {
      modules: modules.root,
      firmware: firmware.root,
      description: `generated: modules ${modules.files} files, ${(modules.bytes / 1e6).toFixed(0)} MB; firmware ${firmware.files} files, ${(firmware.bytes / 1e6).toFixed(0)} MB`
    }
  }
}

async function debianTrees(cache: string): Promise<JobTrees> {
  const trees = join(cache, 'trees')
  const done = join(trees, 'complete')
  if (!existsSync(done)) {
    rmSync(trees, { recursive: true, force: true })
    const debs = await download(cache)
    const modulesRoot = join(trees, 'linux-image')
    const firmwareRoot = join(trees, 'firmware')
    for (const deb of debs) {
      const into = deb.startsWith('linux-image') ? modulesRoot : firmwareRoot
      mkdirSync(into, { recursive: true })
      await run('dpkg-deb', ['-x', join(cache, 'debs', deb), into])
    }
    // The sizes are of uncompressed modules, as a Zero-OS build installs them.
    await run('find', [modulesRoot, '-name', '*.ko.xz', '-exec', 'xz', '-d', '{}', '+'])
    writeFileSync(done, '')
  }
  const modulesBase = firstExisting([
    join(trees, 'linux-image', 'lib', 'modules'),
    join(trees, 'linux-image', 'usr', 'lib', 'modules')
  ])
  const [version] = readdirSync(modulesBase)
  const firmware = firstExisting([
    join(trees, 'firmware', 'lib', 'firmware'),
    join(trees, 'firmware', 'usr', 'lib', 'firmware')
  ])
  const { stdout: sizes } = await run('du', ['-sb', join(modulesBase, version), firmware])
  const [modulesBytes, firmwareBytes] = sizes.split('\n').map(line => Number(line.split('\t')[0]))
  return {
    modules: join(modulesBase, version),
    firmware,
    description: `Debian: modules of ${version} (${(modulesBytes / 1e6).toFixed(0)} MB uncompressed), ${FIRMWARE_PACKAGES.length} firmware packages (${(firmwareBytes / 1e6).toFixed(0)} MB)`
  }
}

function firstExisting(paths: string[]): string {
  const found = paths.find(path => existsSync(path))
  if (!found) throw new Error(`none of ${paths.join(', ')} in the unpacked packages`)
  return found
}

/** The .deb files in the cache, fetched once. */
async function download(cache: string): Promise<string[]> {
  const debs = join(cache, 'debs')
  const have = (): string[] => (existsSync(debs) ? readdirSync(debs) : [])
  const complete = (names: string[]): boolean =>
    names.some(name => name.startsWith('linux-image-6.12')) &&
    FIRMWARE_PACKAGES.every(pkg => names.some(name => name.startsWith(`${pkg}_`)))
  if (complete(have())) return have().filter(name => name.endsWith('.deb'))
  const apt = join(cache, 'apt')
  for (const dir of ['lists/partial', 'cache/archives/partial', 'etc']) {
    mkdirSync(join(apt, dir), { recursive: true })
  }
  writeFileSync(join(apt, 'etc', 'sources.list'), `${SOURCES.join('\n')}\n`)
  const options = [
    `-o`,
    `Dir::Etc::SourceList=${join(apt, 'etc', 'sources.list')}`,
    '-o',
    'Dir::Etc::SourceParts=/nonexistent',
    '-o',
    `Dir::State::Lists=${join(apt, 'lists')}`,
    '-o',
    `Dir::Cache=${join(apt, 'cache')}`,
    '-o',
    'Debug::NoLocking=1'
  ]
  await run('apt-get', [...options, 'update'], { maxBuffer: 1 << 24 })
  const { stdout } = await run('apt-cache', [
    ...options,
    'search',
    '--names-only',
    '^linux-image-6\\.12\\.[0-9]+\\+deb12-amd64-unsigned$'
  ])
  const images = stdout
    .split('\n')
    .map(line => line.split(' ')[0])
    .filter(Boolean)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  const image = images.at(-1)
  if (!image) throw new Error('no linux-image-6.12.*-amd64-unsigned in the apt sources')
  mkdirSync(debs, { recursive: true })
  await run('apt-get', [...options, 'download', image, ...FIRMWARE_PACKAGES], {
    cwd: debs,
    maxBuffer: 1 << 24
  })
  if (!complete(have())) throw new Error('apt-get download did not fetch every package')
  return have().filter(name => name.endsWith('.deb'))
}
