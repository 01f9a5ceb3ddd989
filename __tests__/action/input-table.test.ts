// action.yml is the interface users read; these checks keep it and the code in step.
import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { INPUTS } from '../../src/action/input-table.js'
import { ACTION_NAME, ACTION_VERSION } from '../../src/common/action-version.js'
import { REPO_ROOT } from '../helpers/action.js'
import { ACTION_YML } from '../helpers/action-yml.js'

function listSources(dir: string): Array<{ name: string; text: string }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ts'))
    .map(name => ({ name, text: readFileSync(join(dir, name), 'utf8') }))
}

describe('action.yml', () => {
  test('runs the bundle on node24', () => {
    expect(ACTION_YML.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  test('every input is described, and project-root defaults to the workspace', () => {
    // Names and defaults are action.yml's by construction (action-inputs.test.ts checks that).
    for (const input of INPUTS) expect(input.description.length).toBeGreaterThan(10)
    // The workspace default is the runner's expression; the code falls back to GITHUB_WORKSPACE.
    expect(ACTION_YML.inputs['project-root'].default).toBe('${{ github.workspace }}')
  })

  test('the inputs whose default is true or false are the boolean flags', () => {
    const yesNo = Object.entries(ACTION_YML.inputs)
      .filter(([, input]) => /^(true|false)$/.test(input.default ?? ''))
      .map(([name]) => name)
    expect(INPUTS.filter(input => input.kind === 'boolean').map(input => input.name)).toEqual(yesNo)
  })

  test('the code reads inputs only through the INPUTS table and sets outputs only in one place', () => {
    const sources = listSources(join(REPO_ROOT, 'src'))
    const reads = sources.filter(file =>
      /core\.getInput\(|getBooleanInput\(|getMultilineInput\(/.test(file.text)
    )
    expect(reads.map(file => file.name)).toEqual(['action/inputs.ts'])
    expect(/core\.getInput\(name\)/.test(reads[0].text)).toBe(true)
    const writes = sources.filter(file => /core\.setOutput\(/.test(file.text))
    expect(writes.map(file => file.name)).toEqual(['action/report.ts'])
  })

  test('the version written into flists is the package version', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'))
    expect([ACTION_NAME, ACTION_VERSION]).toEqual([pkg.name, pkg.version])
  })
})
