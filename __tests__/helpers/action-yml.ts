// action.yml as users read it, parsed once for the tests that hold the code to it.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from './action.js'

export interface ActionYml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}

export const ACTION_YML = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYml
