import { expect, test } from '@jest/globals'
import { ACTION_INPUTS } from '../../src/action/action-inputs.js'
import { ACTION_YML } from '../helpers/action-yml.js'

test('the inputs module is action.yml as it stands (npm run bundle writes it)', () => {
  const declared = Object.entries(ACTION_YML.inputs).map(([name, input]) => ({
    name,
    description: input.description,
    default: input.default ?? '',
    required: input.required === true
  }))
  expect(ACTION_INPUTS).toEqual(declared)
})
