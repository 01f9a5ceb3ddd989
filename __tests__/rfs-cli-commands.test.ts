import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { runCli } from '../src/rfs-cli-commands.js'
import { capturingMasks, capturingMasksOf } from './fixtures/settings/capture.js'

describe('runCli on a runner', () => {
  const originalActions = process.env.GITHUB_ACTIONS
  beforeEach(() => {
    process.env.GITHUB_ACTIONS = 'true'
  })
  afterEach(() => {
    if (originalActions === undefined) delete process.env.GITHUB_ACTIONS
    else process.env.GITHUB_ACTIONS = originalActions
  })

  test('masks the credentials of every URL argument before any command reads it', async () => {
    const err: string[] = []
    const { result, masks } = capturingMasks(() =>
      runCli(
        [
          'gc',
          '--manifests=s3://ak:m%2Fsecret@127.0.0.1:1/manifests',
          '-s',
          '00-7f=s3://ak:s3cret@127.0.0.1:1/blobs'
        ],
        { out: () => {}, err: line => err.push(line) }
      )
    )
    expect(masks).toEqual(expect.arrayContaining(['m%2Fsecret', 'm/secret', 's3cret']))
    expect(masks).not.toContain('ak')
    await result
    expect(err.join('\n')).not.toMatch(/s3cret|m\/secret|m%2Fsecret/)
  })

  test('masks the credentials a route of the flist holds before unpack opens its stores', async () => {
    const work = mkdtempSync(join(tmpdir(), 'cli-route-mask-'))
    try {
      mkdirSync(join(work, 'tree'))
      writeFileSync(join(work, 'tree', 'a'), 'a')
      const meta = join(work, 'x.fl')
      const said: string[] = []
      const io = { out: () => {}, err: (line: string) => said.push(line) }
      const store = `dir://${pathToFileURL(join(work, 'store')).pathname}`
      await runCli(['pack', '-m', meta, '-s', store, join(work, 'tree')], io)
      // A route with credentials, as `config store add` or `pack --no-strip-password` records it.
      await runCli(
        ['config', '-m', meta, 'store', 'add', '-s', 's3://ak:r0ute-secret@127.0.0.1:1/b'],
        io
      )
      // The routes are read after the flist opens: stdout is captured across the whole command.
      const { masks } = await capturingMasksOf(() =>
        runCli(['unpack', '-m', meta, join(work, 'out')], io)
      )
      expect(masks).toContain('r0ute-secret')
    } finally {
      rmSync(work, { recursive: true, force: true })
    }
  })
})
