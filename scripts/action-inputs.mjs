// Writes src/action/action-inputs.ts, the inputs of action.yml as a module, so the code reads
// their names, defaults and descriptions from the one file users read, with or without a bundle.
// Run by `npm run bundle`; __tests__/action/input-table.test.ts fails when the module is out of step.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

export const ACTION_YML = fileURLToPath(new URL('../action.yml', import.meta.url))
export const ACTION_INPUTS_MODULE = fileURLToPath(
  new URL('../src/action/action-inputs.ts', import.meta.url)
)

/** The module's text for the given action.yml text. */
export async function renderActionInputs(actionYml) {
  const inputs = Object.entries(parse(actionYml).inputs ?? {}).map(([name, input]) => ({
    name,
    description: String(input.description ?? ''),
    default: String(input.default ?? ''),
    required: input.required === true
  }))
  const text = [
    '// Generated from action.yml by scripts/action-inputs.mjs (npm run bundle): edit action.yml.',
    `export const ACTION_INPUTS = ${JSON.stringify(inputs, null, 2)} as const`,
    ''
  ].join('\n')
  const options = await resolveConfig(ACTION_INPUTS_MODULE)
  return format(text, { ...options, filepath: ACTION_INPUTS_MODULE })
}

export async function writeActionInputs() {
  const text = await renderActionInputs(readFileSync(ACTION_YML, 'utf8'))
  writeFileSync(ACTION_INPUTS_MODULE, text)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeActionInputs()
