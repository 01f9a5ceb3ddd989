// The boot units through the bundled action: written in a dry run from the plan alone, with the
// sha256 of each flist once packed, and, served from a loopback HTTP server, fetched and mounted
// by the generated script on a stand-in node.
import { afterAll, describe, expect, test } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { errorLines, runAction } from '../helpers/action.js'
import { copyExample, EXAMPLE_KERNEL, type TestProject } from '../helpers/project.js'
import { startManifestServer, standInNode } from '../helpers/boot-node.js'

const projects: TestProject[] = []
afterAll(() => projects.forEach(project => project.remove()))

function project(): TestProject {
  const fresh = copyExample()
  projects.push(fresh)
  return fresh
}

describe('zinit-units', () => {
  test('a dry run writes the units from the plan, names the folder, and notes the existing units', async () => {
    const { root } = project()
    const run = await runAction({
      'project-root': root,
      'firmware-tag': 'fw1',
      'dry-run': 'true',
      'zinit-units': 'true',
      'zinit-network-unit': 'net-ready',
      'zinit-manifest-url': 'https://hub.example/zos/manifests/'
    })
    expect(errorLines(run)).toEqual([])
    const dir = join(root, 'dist/flists/zinit')
    expect(run.outputs['zinit-dir']).toBe(dir)
    expect(readdirSync(dir).sort()).toEqual([
      'flist-coldplug.yaml',
      'flist-depmod.yaml',
      'flist-firmware.yaml',
      'flist-modules.yaml',
      'init'
    ])
    expect(parse(readFileSync(join(dir, 'flist-modules.yaml'), 'utf8'))).toEqual({
      exec: 'sh /etc/zinit/init/flists.sh mount modules',
      oneshot: true,
      after: ['net-ready'],
      log: 'ring'
    })
    const script = readFileSync(join(dir, 'init/flists.sh'), 'utf8')
    expect(script).toContain(
      `MODULES_URL='https://hub.example/zos/manifests/modules-${EXAMPLE_KERNEL}.fl'`
    )
    expect(existsSync(join(dir, 'init/flists.sha256'))).toBe(false)
    expect(run.stdout).toMatch(/existing units: depmod: .*flist-modules/)
    expect(run.stdout).toMatch(/existing units: udev-trigger: .*before net-ready/)
    expect(run.summary).toContain('flist-coldplug')
    expect(run.summary).toMatch(/udev-trigger/)
    expect(run.summary).toMatch(
      /the node refuses modules-.*\.fl, firmware-fw1\.fl until it lists their sha256/
    )
    // The dry run wrote nothing else.
    expect(readdirSync(join(root, 'dist/flists'))).toEqual(['zinit'])
  })

  test('a real run records each sha256; the script on a node fetches, checks and mounts what was packed', async () => {
    const { root } = project()
    const files: Record<string, Buffer> = {}
    const server = await startManifestServer(files)
    const node = standInNode()
    try {
      const run = await runAction({
        'project-root': root,
        engine: 'native',
        'firmware-tag': 'fw1',
        'zinit-units': 'true',
        'zinit-manifest-url': `${server.url}/manifests`
      })
      expect(errorLines(run)).toEqual([])
      const out = join(root, 'dist/flists')
      const sums = readFileSync(join(out, 'zinit/init/flists.sha256'), 'utf8')
      expect(sums).toBe(
        `${run.outputs['modules-flist-sha256']}  modules-${EXAMPLE_KERNEL}.fl\n` +
          `${run.outputs['firmware-flist-sha256']}  firmware-fw1.fl\n`
      )
      for (const name of [`modules-${EXAMPLE_KERNEL}.fl`, 'firmware-fw1.fl']) {
        files[`/manifests/${name}`] = readFileSync(join(out, name))
      }
      const script = join(out, 'zinit/init/flists.sh')
      for (const args of [['mount', 'modules'], ['mount', 'firmware'], ['depmod'], ['coldplug']]) {
        const step = await node.run(script, args)
        expect([args.join(' '), step.code, step.stderr]).toEqual([
          args.join(' '),
          0,
          expect.any(String)
        ])
      }
      expect(node.calls()).toContain(`depmod -a ${EXAMPLE_KERNEL}`)
      expect(
        readFileSync(join(node.cache, 'firmware-fw1.fl')).equals(
          files['/manifests/firmware-fw1.fl']
        )
      ).toBe(true)
    } finally {
      node.remove()
      await server.stop()
    }
  })

  test('a run without S3 and without zinit-manifest-url warns that nodes cannot fetch the flists', async () => {
    const { root } = project()
    const run = await runAction({
      'project-root': root,
      'firmware-tag': 'fw1',
      'dry-run': 'true',
      'zinit-units': 'true'
    })
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /::warning::zinit units: modules-.*\.fl has no URL a node can fetch \(file:/
    )
  })

  test('bad boot inputs end the run with one line naming the input', async () => {
    const { root } = project()
    for (const [inputs, message] of [
      [
        { 'zinit-network-unit': 'net work' },
        /input zinit-network-unit='net work' is not a zinit unit name/
      ],
      [
        { 'zinit-manifest-url': 'ftp://hub/x' },
        /input zinit-manifest-url='ftp:\/\/hub\/x' is not a base URL/
      ],
      [{ 'zinit-cache-dir': 'run/flists' }, /input zinit-cache-dir='run\/flists' is not accepted/],
      [{ 'zinit-network-unit': 'flist-modules' }, /is one of the generated units/]
    ] as const) {
      const run = await runAction({
        'project-root': root,
        'dry-run': 'true',
        'zinit-units': 'true',
        ...inputs
      })
      expect(run.code).toBe(1)
      expect(errorLines(run)).toEqual([expect.stringMatching(message)])
    }
  })
})
