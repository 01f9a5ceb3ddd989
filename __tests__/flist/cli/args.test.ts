import { describe, expect, test } from '@jest/globals'
import {
  parseArgs,
  requirePositional,
  requireValue,
  UsageError,
  type FlagSpec
} from '../../../src/flist/cli/args.js'

const FLAGS: FlagSpec[] = [
  { name: 'meta', short: 'm', value: true },
  { name: 'store', short: 's', value: true, repeat: true },
  { name: 'debug', short: 'd' }
]
const parse = (...argv: string[]) => parseArgs(argv, FLAGS)

describe('parseArgs', () => {
  test.each([
    [['-m', 'x.fl']],
    [['--meta', 'x.fl']],
    [['--meta=x.fl']],
    [['-mx.fl']],
    [['-m=x.fl']]
  ])('reads a value given as %j', argv => {
    expect(parse(...argv).values.get('meta')).toEqual(['x.fl'])
  })

  test('splits a long flag at its first =, so values may hold one', () => {
    expect(parse('--store=00-7f=dir:///a?x=1').values.get('store')).toEqual(['00-7f=dir:///a?x=1'])
  })

  test('collects a repeatable flag in order, and refuses any other given twice', () => {
    expect(parse('-s', 'a', '--store=b', '-sc').values.get('store')).toEqual(['a', 'b', 'c'])
    expect(() => parse('-m', 'a', '--meta', 'b')).toThrow(
      new UsageError("'--meta' cannot be used more than once")
    )
  })

  test('keeps positionals in order, a lone - among them, and all after --', () => {
    const args = parse('first', '-d', '-', '--', '-m', '--debug')
    expect(args.positionals).toEqual(['first', '-', '-m', '--debug'])
    expect([...args.switches]).toEqual(['debug'])
    expect(args.values.size).toBe(0)
  })

  test('refuses a value for a switch, and a flag with a value left without one', () => {
    expect(() => parse('--debug=yes')).toThrow(new UsageError("'--debug' takes no value"))
    expect(() => parse('-dyes')).toThrow(new UsageError("'--debug' takes no value"))
    expect(() => parse('x', '-m')).toThrow(new UsageError("'--meta' needs a value"))
  })

  test('names an unknown flag as it was given', () => {
    expect(() => parse('--metta', 'x')).toThrow(new UsageError("unexpected argument '--metta'"))
    expect(() => parse('--metta=x')).toThrow(new UsageError("unexpected argument '--metta'"))
    expect(() => parse('-xyz')).toThrow(new UsageError("unexpected argument '-x'"))
  })
})

describe('required arguments', () => {
  test('a missing flag value or positional is named', () => {
    expect(() => requireValue(parse('t'), 'meta')).toThrow(
      new UsageError('the following required argument was not provided: --meta')
    )
    expect(() => requirePositional(parse('-m', 'x'), 'TARGET')).toThrow(
      new UsageError('the following required argument was not provided: <TARGET>')
    )
  })

  test('the first positional past those wanted is named as unexpected', () => {
    expect(requirePositional(parse('a', 'b'), 'A B', 2)).toEqual(['a', 'b'])
    expect(() => requirePositional(parse('a', 'b', 'c'), 'A B', 2)).toThrow(
      new UsageError("unexpected argument 'c'")
    )
  })
})
