import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { REPO_ROOT } from './helpers/action.js'

interface Step {
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
interface Job {
  'runs-on'?: string
  steps?: Step[]
  needs?: string | string[]
}
interface Workflow {
  name?: string
  on?: unknown
  jobs?: Record<string, Job>
}

const workflowDir = join(REPO_ROOT, '.github', 'workflows')
const workflows = readdirSync(workflowDir)
  .filter(name => /\.ya?ml$/.test(name))
  .map(name => ({
    name,
    workflow: parse(readFileSync(join(workflowDir, name), 'utf8')) as Workflow
  }))
const actionInputs = Object.keys(
  (parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs
)

describe('workflow files', () => {
  test('ci, e2e and release exist', () => {
    expect(workflows.map(w => w.name).sort()).toEqual(['ci.yml', 'e2e.yml', 'release.yml'])
  })

  test.each(workflows)(
    '$name has triggers and jobs that each run steps on a runner',
    ({ workflow }) => {
      expect(workflow.on).toBeDefined()
      const jobs = Object.entries(workflow.jobs ?? {})
      expect(jobs.length).toBeGreaterThan(0)
      for (const [, job] of jobs) {
        expect(typeof job['runs-on']).toBe('string')
        expect(job.steps?.length).toBeGreaterThan(0)
        for (const step of job.steps ?? [])
          expect(Boolean(step.uses) !== Boolean(step.run)).toBe(true)
      }
    }
  )

  test.each(workflows)(
    '$name passes only inputs that action.yml declares to uses: ./',
    ({ workflow }) => {
      for (const job of Object.values(workflow.jobs ?? {})) {
        for (const step of job.steps ?? []) {
          if (step.uses !== './') continue
          for (const input of Object.keys(step.with ?? {})) expect(actionInputs).toContain(input)
        }
      }
    }
  )

  test('e2e runs the action itself with both engines and a later job consumes its outputs', () => {
    const e2e = workflows.find(w => w.name === 'e2e.yml')!.workflow
    const jobs = Object.values(e2e.jobs ?? {})
    expect(jobs.some(job => job.steps?.some(step => step.uses === './'))).toBe(true)
    expect(JSON.stringify(e2e)).toContain('"engine":["native","rfs"]')
    expect(jobs.some(job => job.needs !== undefined)).toBe(true)
  })
})
