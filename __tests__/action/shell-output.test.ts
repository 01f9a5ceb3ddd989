import { describe, expect, test } from '@jest/globals'
import { renderLine } from '../../src/action/shell-output.js'

describe('workflow commands in a shell', () => {
  test.each([
    ['::group::Pack modules.fl', { stream: 'log', text: 'Pack modules.fl' }],
    ['::endgroup::', undefined],
    ['::add-mask::hunter2', undefined],
    ['::debug::a%0Ab', undefined],
    ['::warning::50%25 of it%0Anext', { stream: 'stderr', text: 'warning: 50% of it\nnext' }],
    ['::error file=x,line=1::bad', { stream: 'stderr', text: 'error: bad' }],
    ['::notice::hi', { stream: 'stderr', text: 'notice: hi' }],
    ['plain line', { stream: 'log', text: 'plain line' }]
  ])('%j', (line, shown) => {
    expect(renderLine(line, false)).toEqual(shown)
  })

  test('debug lines only when asked for', () => {
    expect(renderLine('::debug::stack', true)).toEqual({ stream: 'stderr', text: 'debug: stack' })
  })
})
