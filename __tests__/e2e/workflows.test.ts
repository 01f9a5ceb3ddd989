import { describe, expect, test } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, parseAllDocuments } from 'yaml'
import { REPO_ROOT } from '../helpers/action.js'

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

// The README's examples are what users copy: each fenced yaml block must parse, use actions that
// run on node24, and pass context values to shell steps only through env:.
interface FoundStep {
  uses?: unknown
  run?: unknown
}

/** Every document of a block (an example may show several files, separated by ---). */
function documentsOf(text: string): unknown[] {
  return parseAllDocuments(text).map(document => document.toJS() as unknown)
}

function stepsIn(value: unknown, found: FoundStep[] = []): FoundStep[] {
  if (Array.isArray(value)) value.forEach(item => stepsIn(item, found))
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>
    if ('uses' in record || 'run' in record) found.push(record)
    Object.values(record).forEach(item => stepsIn(item, found))
  }
  return found
}

const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
const readmeBlocks = [...readme.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)].map((match, index) => ({
  label: `README yaml block ${index + 1} (line ${readme.slice(0, match.index).split('\n').length})`,
  text: match[1]
}))
const allSources = [
  ...readmeBlocks,
  ...readdirSync(workflowDir)
    .filter(name => /\.ya?ml$/.test(name))
    .map(name => ({
      label: `.github/workflows/${name}`,
      text: readFileSync(join(workflowDir, name), 'utf8')
    }))
]

/** Actions of GitHub's own whose node24 release is the given major version. */
const NODE24_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 5,
  'actions/download-artifact': 5,
  'actions/cache': 5,
  'aws-actions/configure-aws-credentials': 5
}

describe('README examples and workflows', () => {
  test('the README has yaml examples', () => {
    expect(readmeBlocks.length).toBeGreaterThan(3)
  })

  test.each(allSources)('$label is valid YAML', ({ text }) => {
    const errors = parseAllDocuments(text).flatMap(document =>
      document.errors.map(error => error.message)
    )
    expect(errors).toEqual([])
  })

  test.each(allSources)('$label uses actions that run on node24', ({ text }) => {
    const outdated = stepsIn(documentsOf(text))
      .map(step => step.uses)
      .filter((uses): uses is string => typeof uses === 'string')
      .filter(uses => {
        const [name, ref] = uses.split('@')
        const major = Number(/^v(\d+)/.exec(ref ?? '')?.[1] ?? 0)
        return NODE24_MAJOR[name] !== undefined && major < NODE24_MAJOR[name]
      })
    expect(outdated).toEqual([])
  })

  test.each(allSources)('$label passes context values to run: only through env:', ({ text }) => {
    for (const step of stepsIn(documentsOf(text))) {
      if (typeof step.run !== 'string') continue
      expect({ run: step.run, expressions: step.run.match(/\$\{\{[^}]*\}\}/g) ?? [] }).toEqual({
        run: step.run,
        expressions: []
      })
    }
  })

  test('the release example may create a release', () => {
    const release = readmeBlocks
      .map(
        block => documentsOf(block.text)[0] as Workflow & { permissions?: Record<string, string> }
      )
      .find(workflow => JSON.stringify(workflow?.jobs ?? {}).includes('gh release'))
    expect(release).toBeDefined()
    const job = Object.values(release!.jobs ?? {})[0] as Job & {
      permissions?: Record<string, string>
    }
    expect({ ...release!.permissions, ...job.permissions }).toMatchObject({ contents: 'write' })
  })

  test('the matrix example hands every leg on and merges them', () => {
    const matrix = readmeBlocks.find(block => block.text.includes('matrix:'))!
    expect(matrix.text).toContain('actions/upload-artifact@v5')
    expect(matrix.text).toContain('actions/download-artifact@v5')
    expect(matrix.text).toContain('merge-multiple: true')
    expect(matrix.text).toContain('steps.flists.outputs.result-path')
    expect(matrix.text).toMatch(/rfs-cli\/index\.js merge/)
  })
})
