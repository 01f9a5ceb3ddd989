import { afterEach, describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  outputValues,
  setOutputs,
  summaryMarkdown,
  writeErrorSummary,
  writeSummary
} from '../../src/action/report.js'
import { printed } from '../helpers/printed.js'
import { parseOutputFile } from '../../peers/github-output.js'
import { ACTION_YML } from '../helpers/action-yml.js'
import { flistResult, runResult } from '../helpers/run-result.js'
import { tempDir } from '../helpers/tree.js'

const designOutputs = [
  'result-path',
  'kernel-version',
  'firmware-tag',
  'modules-flist',
  'modules-flist-path',
  'modules-flist-url',
  'modules-flist-sha256',
  'firmware-flist',
  'firmware-flist-path',
  'firmware-flist-url',
  'firmware-flist-sha256',
  'store-url',
  'aliases',
  'zinit-dir',
  'rfs-path',
  'rfs-version',
  'result'
]

const savedEnv = { ...process.env }
afterEach(() => {
  process.env = { ...savedEnv }
})

describe('outputValues', () => {
  test('declares exactly the outputs the code sets', () => {
    expect(Object.keys(outputValues(runResult())).sort()).toEqual(designOutputs.slice().sort())
    expect(Object.keys(ACTION_YML.outputs).sort()).toEqual(designOutputs.slice().sort())
  })

  test('a flist that was not built sets none of its own, and no digest means no sha256 output', () => {
    const values = outputValues(runResult({ flists: { modules: flistResult('m.fl') } }))
    expect(Object.keys(values).filter(name => /flist/.test(name))).toEqual([
      'modules-flist',
      'modules-flist-path',
      'modules-flist-url'
    ])
  })

  test('result is the whole run as JSON, aliases only their names and URL', () => {
    const result = runResult({
      aliases: [
        {
          alias: 'latest.fl',
          flist: 'm.fl',
          url: 'https://cdn.test/latest.fl',
          sha256: 'c'.repeat(64),
          outcome: 'replaced'
        }
      ]
    })
    const values = outputValues(result)
    expect(JSON.parse(values.result)).toEqual(result)
    expect(JSON.parse(values.aliases)).toEqual([
      { alias: 'latest.fl', flist: 'm.fl', url: 'https://cdn.test/latest.fl' }
    ])
  })
})

test('setOutputs writes to GITHUB_OUTPUT, a multi-line store included', () => {
  const file = join(tempDir('report-output'), 'output')
  writeFileSync(file, '')
  process.env.GITHUB_OUTPUT = file
  setOutputs(runResult({ store: 's3://one.test/blobs\ns3://two.test/blobs' }))
  const outputs = parseOutputFile(readFileSync(file, 'utf8'))
  expect(outputs['store-url']).toBe('s3://one.test/blobs\ns3://two.test/blobs')
  expect(outputs['modules-flist']).toBe('modules-6.12.44-Zero-OS.fl')
  expect(Object.keys(outputs).sort()).toEqual(designOutputs.slice().sort())
})

test('setOutputs in a shell prints what a GITHUB_OUTPUT file would hold, read the same way', async () => {
  delete process.env.GITHUB_OUTPUT
  const result = runResult({ store: 's3://one.test/blobs\nEOF\ns3://two.test/blobs' })
  const outputs = parseOutputFile(await printed(() => setOutputs(result)))
  expect(outputs['store-url']).toBe('s3://one.test/blobs\nEOF\ns3://two.test/blobs')
  expect(outputs['kernel-version']).toBe(result.kernelVersion)
  expect(Object.keys(outputs).sort()).toEqual(designOutputs.slice().sort())
})

describe('summaryMarkdown', () => {
  test('a failed run leads with its error line, escaped so that it cannot become markup', () => {
    const markdown = summaryMarkdown(
      runResult({ status: 'failed', error: 'rfs.conf: S3_ENDPOINT <http://x> is not a URL' })
    )
    expect(markdown.split('\n').slice(0, 3)).toEqual([
      '## RFS flists: failed',
      '',
      '**Error:** <code>rfs.conf: S3_ENDPOINT &lt;http://x&gt; is not a URL</code>'
    ])
  })

  test('names what was published and what was not, in one line', () => {
    const markdown = summaryMarkdown(
      runResult({
        flists: {
          modules: flistResult('modules.fl', { manifest: 'unchanged' }),
          firmware: flistResult('firmware.fl', { manifest: 'uncertain' })
        }
      })
    )
    expect(markdown).toContain(
      '**Published:** modules.fl (already published). ' +
        '**Not published:** firmware.fl (upload cut off, state unknown).'
    )
  })

  test('a dry run says so in its title, its line and each row', () => {
    const markdown = summaryMarkdown(
      runResult({ dryRun: true, flists: { modules: flistResult('modules.fl') } })
    )
    expect(markdown).toMatch(/^## RFS flists \(dry run\)\n\nDry run: nothing was packed/)
    expect(markdown).toContain('| [modules.fl](https://cdn.test/modules.fl) | dry run | – |')
  })

  test('a table cell cannot be split by a name holding a pipe', () => {
    const markdown = summaryMarkdown(
      runResult({ flists: { modules: flistResult('a|b_c.fl', { files: 3, bytes: 1536 }) } })
    )
    const row = markdown.split('\n').find(line => line.startsWith('| [a'))!
    expect(row).toContain('[a\\|b\\_c.fl]')
    expect(row).toContain('| 3 | 1.5 KiB |')
  })
})

describe('the summary file', () => {
  test('without GITHUB_STEP_SUMMARY nothing is written: no file, no output', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    const here = tempDir('report-no-summary')
    const before = process.cwd()
    process.chdir(here)
    try {
      const output = await printed(async () => {
        await writeSummary(runResult())
        await writeErrorSummary('boom', 'failed')
      })
      expect(output).toBe('')
    } finally {
      process.chdir(before)
    }
    expect(readdirSync(here)).toEqual([])
  })

  test('the run summary and an early error line are appended to GITHUB_STEP_SUMMARY', async () => {
    const file = join(tempDir('report-summary'), 'summary.md')
    writeFileSync(file, '')
    process.env.GITHUB_STEP_SUMMARY = file
    await writeSummary(runResult())
    await writeErrorSummary('build.conf: KERNEL_VERSION is missing', 'cancelled')
    const text = readFileSync(file, 'utf8')
    expect(text.startsWith(summaryMarkdown(runResult()))).toBe(true)
    expect(text).toContain(
      '## RFS flists: cancelled\n\n**Error:** <code>build.conf: KERNEL_VERSION is missing</code>'
    )
  })
})
