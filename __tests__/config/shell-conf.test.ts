import { describe, expect, test } from '@jest/globals'
import { parseShellConf } from '../../src/config/shell-conf.js'
import { UserError } from '../../src/common/errors.js'

const FILE = 'config/build.conf'

function parse(text: string): Record<string, string> {
  return Object.fromEntries(parseShellConf(text, FILE))
}

/** The UserError a parse throws; fails the test when there is none. */
function failure(text: string): UserError {
  try {
    parseShellConf(text, FILE)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    const message = (error as UserError).message
    expect(message).not.toContain('\n')
    return error as UserError
  }
  throw new Error(`no error for ${JSON.stringify(text)}`)
}

describe('assignments', () => {
  test('plain, double-quoted, single-quoted and exported values', () => {
    expect(
      parse(
        [
          'A=plain',
          'B="double quoted"',
          "C='single quoted'",
          'export D=exported',
          'export  E="x y"'
        ].join('\n')
      )
    ).toEqual({ A: 'plain', B: 'double quoted', C: 'single quoted', D: 'exported', E: 'x y' })
  })

  test('an empty value, with or without quotes', () => {
    expect(parse('A=\nB=""\nC=\'\'\nD= # nothing')).toEqual({ A: '', B: '', C: '', D: '' })
  })

  test('keys keep file order and a later assignment wins', () => {
    const values = parseShellConf('B=1\nA=2\nB=3\n', FILE)
    expect([...values.keys()]).toEqual(['B', 'A'])
    expect(values.get('B')).toBe('3')
  })

  test('words may join quoted and unquoted parts, as in the shell', () => {
    expect(parse(`A=ab"c d"'e f'g`)).toEqual({ A: 'abc de fg' })
  })

  test('an `=` inside the value is part of it', () => {
    expect(parse('A=x=y')).toEqual({ A: 'x=y' })
  })

  test('`export NAME` alone assigns nothing', () => {
    expect(parse('A=1\nexport A\nexport B # later')).toEqual({ A: '1' })
  })

  test('indented lines are read', () => {
    expect(parse('   A=1\n\tB=2')).toEqual({ A: '1', B: '2' })
  })
})

describe('comments, blank lines and line endings', () => {
  test('full-line and trailing comments outside quotes', () => {
    const text = [
      '# a comment',
      '   # indented comment',
      'A=1 # trailing',
      'B="2 # not a comment"',
      "C='#3'",
      'D=a#b'
    ].join('\n')
    expect(parse(text)).toEqual({ A: '1', B: '2 # not a comment', C: '#3', D: 'a#b' })
  })

  test('blank and whitespace-only lines', () => {
    expect(parse('\n\n   \nA=1\n\t\n')).toEqual({ A: '1' })
  })

  test('CRLF line endings leave no carriage return in values', () => {
    expect(parse('A=1\r\nB="two"\r\n# c\r\nC=\'3\'\r\n')).toEqual({ A: '1', B: 'two', C: '3' })
  })

  test('a byte-order mark does not spoil the first key', () => {
    expect(parse('\uFEFFA=1')).toEqual({ A: '1' })
  })
})

describe('references to earlier keys', () => {
  test('$VAR and ${VAR} expand unquoted and in double quotes', () => {
    const text = ['BASE=6.12', 'A=$BASE.44', 'B="${BASE}.44"', 'C=${BASE}x', 'D="v$BASE"'].join(
      '\n'
    )
    expect(parse(text)).toMatchObject({ A: '6.12.44', B: '6.12.44', C: '6.12x', D: 'v6.12' })
  })

  test('single quotes keep $ literal', () => {
    expect(parse("A=1\nB='$A ${A}'")).toMatchObject({ B: '$A ${A}' })
  })

  test('a $ not followed by a name is itself', () => {
    expect(parse('A=cost$\nB="a $ b"')).toEqual({ A: 'cost$', B: 'a $ b' })
  })

  test('an expansion uses the value at that line, not a later one', () => {
    expect(parse('A=1\nB=$A\nA=2')).toEqual({ A: '2', B: '1' })
  })

  test('a key referred to before it is set is an error naming the line and the key', () => {
    const error = failure('A=1\nB=$LATER\nLATER=2')
    expect(error.message).toContain(`${FILE}:2`)
    expect(error.message).toContain('B:')
    expect(error.message).toContain('$LATER')
  })

  test('a key from the environment is not picked up', () => {
    process.env.SHELL_CONF_TEST_VARIABLE = 'outside'
    try {
      expect(failure('A=$SHELL_CONF_TEST_VARIABLE').message).toContain('$SHELL_CONF_TEST_VARIABLE')
    } finally {
      delete process.env.SHELL_CONF_TEST_VARIABLE
    }
  })

  test('${NAME:-default} and other forms are refused', () => {
    const error = failure('A=1\nB=${A:-x}')
    expect(error.message).toMatch(new RegExp(`^${FILE}:2: B: `))
  })

  test('special parameters are refused', () => {
    expect(failure('A=$1').message).toContain(`${FILE}:1: A:`)
    expect(failure('A="$@"').message).toContain('special parameter')
  })

  test('an unclosed ${ is an error', () => {
    expect(failure('A=${B').message).toContain(`${FILE}:1: A:`)
  })
})

describe('backslashes', () => {
  test('inside double quotes: \\" \\\\ \\$ and \\` lose the backslash, others keep it', () => {
    expect(parse(String.raw`A="say \"hi\" \\ \$HOME \` \n"`)).toEqual({
      A: 'say "hi" \\ $HOME ` \\n'
    })
  })

  test('unquoted: a backslash quotes the next character', () => {
    expect(parse(String.raw`A=a\ b\$c\#d`)).toEqual({ A: 'a b$c#d' })
  })

  test('inside single quotes: literal', () => {
    expect(parse(String.raw`A='a\"b\\'`)).toEqual({ A: 'a\\"b\\\\' })
  })

  test('a trailing backslash (line continuation) is refused', () => {
    expect(failure('A=abc\\\nB=1').message).toContain(`${FILE}:1: A:`)
  })
})

describe('command substitution must be refused', () => {
  test.each([
    ['A=$(uname -r)', '$(…)'],
    ['A="$(uname -r)"', '$(…)'],
    ['A=`uname -r`', '`…`'],
    ['A="`uname -r`"', '`…`'],
    ['A=x$((1+2))', '$(…)']
  ])('%s', (text, form) => {
    const error = failure(`# header\n${text}`)
    expect(error.message).toContain(`${FILE}:2: A:`)
    expect(error.message).toContain(form)
    expect(error.message).toContain('must be literal')
  })

  test('in single quotes it is just text', () => {
    expect(parse("A='$(uname -r) `x`'")).toEqual({ A: '$(uname -r) `x`' })
  })

  test('an escaped $ before ( is literal', () => {
    expect(parse('A="\\$(x)"')).toEqual({ A: '$(x)' })
  })
})

describe('malformed lines name the file and line', () => {
  test.each([
    ['no equals sign', 'KERNEL_VERSION', 'not an assignment'],
    ['spaces around =', 'KERNEL_VERSION = 6.12', "no spaces are allowed around '='"],
    ['key starting with a digit', '1A=x', 'not a valid key name'],
    ['key with a dash', 'MY-KEY=x', 'not a valid key name'],
    ['unterminated double quote', 'A="abc', 'unterminated " quote'],
    ['unterminated single quote', "A='abc", "unterminated ' quote"],
    ['unquoted space in the value', 'A=two words', 'put the whole value in quotes'],
    ['a command after the value', 'A=1; rm -rf /', 'shell syntax'],
    ['a pipe', 'A=1|cat', 'shell syntax'],
    ['bare export', 'export', 'not an assignment']
  ])('%s', (_what, line, expected) => {
    const error = failure(`A0=ok\n\n${line}\nZ=1`)
    expect(error.message).toMatch(new RegExp(`^${FILE}:3: `))
    expect(error.message).toContain(expected)
  })

  test('a quoted value over several lines is refused, not silently joined', () => {
    expect(failure('A="one\ntwo"').message).toContain(`${FILE}:1: A: unterminated`)
  })

  test('the value of a bad line is not repeated in the message (it may be a secret)', () => {
    const error = failure('S3_SECRET_KEY=abc hunter2')
    expect(error.message).toContain('S3_SECRET_KEY')
    expect(error.message).not.toContain('hunter2')
  })

  test('nor is the rest of a line without =, where a value follows the key after a space', () => {
    const error = failure('S3_SECRET_KEY hunter2')
    expect(error.message).toBe(
      `${FILE}:1: 'S3_SECRET_KEY …' is not an assignment: write KEY=value, or start the line with # to make it a comment`
    )
  })
})
