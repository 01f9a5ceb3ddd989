import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  INPUTS,
  parseFlags,
  parseFlists,
  parseOwner,
  parseTags,
  readSettings,
  settingsFromRaw,
  usage,
  type RawInputs
} from '../../src/action/inputs.js'
import { capturingMasks, userError } from '../fixtures/settings/capture.js'

const REPO = join(import.meta.dirname, '..', '..')
const CONTEXT = { cwd: '/work/here' }

/** name → { default, description } of the inputs of action.yml, read line by line. */
function actionYmlInputs(): Map<string, { default?: string; description?: string }> {
  const inputs = new Map<string, { default?: string; description?: string }>()
  let inInputs = false
  let current: { default?: string; description?: string } | undefined
  for (const line of readFileSync(join(REPO, 'action.yml'), 'utf8').split('\n')) {
    if (/^\S/.test(line)) inInputs = line.startsWith('inputs:')
    if (!inInputs) continue
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)
    if (name) {
      current = {}
      inputs.set(name[1], current)
      continue
    }
    const field = /^ {4}(default|description): (.*)$/.exec(line)
    if (field && current) {
      const raw = field[2].trim()
      current[field[1] as 'default' | 'description'] = raw.replace(/^'(.*)'$/, '$1')
    }
  }
  return inputs
}

describe('the input table', () => {
  test('has exactly the inputs of action.yml, with the same defaults and descriptions', () => {
    const yml = actionYmlInputs()
    expect(INPUTS.map(input => input.name)).toEqual([...yml.keys()])
    for (const input of INPUTS) {
      expect({ name: input.name, ...yml.get(input.name) }).toEqual({
        name: input.name,
        default: input.default,
        description: input.description
      })
    }
  })

  test('--help lists every flag with its description and default', () => {
    const text = usage()
    for (const input of INPUTS) {
      expect(text).toContain(`--${input.name}`)
      expect(text).toContain(input.description)
    }
    expect(text).toContain('--dry-run[=true|false]')
    expect(text).toContain('(default: modules,firmware)')
    expect(text).toContain('(default: $GITHUB_WORKSPACE, else the current directory)')
    expect(text).not.toContain('${{')
  })
})

describe('parseFlags', () => {
  test('--name value and --name=value', () => {
    expect(parseFlags(['--config-dir', 'cfg', '--kernel-version=6.12.44', '--s3-prefix='])).toEqual(
      {
        kind: 'values',
        values: { 'config-dir': 'cfg', 'kernel-version': '6.12.44', 's3-prefix': '' }
      }
    )
  })

  test('a value may contain = and start with a dash', () => {
    expect(parseFlags(['--tags', 'a=b=c', '--s3-prefix', '-x'])).toEqual({
      kind: 'values',
      values: { tags: 'a=b=c', 's3-prefix': '-x' }
    })
  })

  test('booleans alone, with =, or followed by a boolean word', () => {
    expect(parseFlags(['--dry-run'])).toEqual({ kind: 'values', values: { 'dry-run': 'true' } })
    expect(parseFlags(['--dry-run=false', '--overwrite'])).toEqual({
      kind: 'values',
      values: { 'dry-run': 'false', overwrite: 'true' }
    })
    expect(parseFlags(['--overwrite', 'false', '--dry-run', '--engine', 'native'])).toEqual({
      kind: 'values',
      values: { overwrite: 'false', 'dry-run': 'true', engine: 'native' }
    })
  })

  test('a repeated multi-line flag adds a line; another repeated flag is an error', () => {
    expect(parseFlags(['--store', '00-7f=dir:///a', '--store=80-ff=dir:///b'])).toEqual({
      kind: 'values',
      values: { store: '00-7f=dir:///a\n80-ff=dir:///b' }
    })
    expect(userError(() => parseFlags(['--engine', 'rfs', '--engine=native'])).message).toBe(
      '--engine is given twice: give it once'
    )
  })

  test('--help, -h and --version win wherever they are', () => {
    expect(parseFlags(['--engine', 'rfs', '--help'])).toEqual({ kind: 'help' })
    expect(parseFlags(['-h'])).toEqual({ kind: 'help' })
    expect(parseFlags(['--version'])).toEqual({ kind: 'version' })
  })

  test('an unknown flag, a stray word, a missing value', () => {
    expect(userError(() => parseFlags(['--config', 'x'])).message).toBe(
      'unknown flag --config: did you mean --config-dir? (see --help for the flags)'
    )
    expect(userError(() => parseFlags(['--no-dry-run'])).message).toContain('--no-dry-run')
    expect(userError(() => parseFlags(['config'])).message).toContain(
      "unexpected argument 'config'"
    )
    // A store URL that lost its --store is not echoed, secret and all.
    expect(userError(() => parseFlags(['s3://AK:Qz7Kx9@h:9000/b'])).message).not.toContain('Qz7')
    expect(userError(() => parseFlags(['--config-dir'])).message).toBe(
      '--config-dir needs a value: --config-dir VALUE or --config-dir=VALUE'
    )
    expect(userError(() => parseFlags(['--config-dir', '--dry-run'])).message).toContain(
      '--config-dir needs a value'
    )
  })
})

describe('settingsFromRaw: defaults and paths', () => {
  test('every default, from action.yml', () => {
    expect(settingsFromRaw({}, 'input', CONTEXT)).toEqual({
      projectRoot: '/work/here',
      configDir: '/work/here/config',
      kernelVersion: undefined,
      modulesDir: undefined,
      firmwareDir: undefined,
      firmwareTag: undefined,
      flists: ['modules', 'firmware'],
      outputDir: '/work/here/dist/flists',
      s3: {
        endpoint: undefined,
        region: undefined,
        bucket: undefined,
        prefix: undefined,
        accessKey: undefined,
        secretKey: undefined,
        manifestBucket: undefined,
        publicUrl: undefined
      },
      store: undefined,
      readStore: undefined,
      engine: 'native',
      rfs: {
        path: undefined,
        version: 'v2.0.6',
        versionGiven: false,
        sha256: undefined,
        build: 'auto',
        source: '/work/here/components/rfs',
        downloadUrl: undefined
      },
      verify: 'exists',
      overwrite: false,
      tags: [],
      owner: undefined,
      s3Requests: { attempts: 6, timeoutMs: 60_000 },
      aliases: [],
      zinit: undefined,
      dryRun: false,
      summary: true
    })
  })

  test('project-root defaults to the workspace, resolves against cwd, and the rest against it', () => {
    expect(settingsFromRaw({}, 'input', { cwd: '/c', workspace: '/ws' }).projectRoot).toBe('/ws')
    const settings = settingsFromRaw(
      {
        'project-root': 'proj',
        'config-dir': '../shared/config',
        'output-dir': '/abs/out',
        'modules-dir': 'mods',
        'firmware-dir': 'fw',
        'rfs-source': 'vendor/rfs',
        'rfs-path': 'bin/rfs'
      },
      'flag',
      { cwd: '/c', workspace: '/ws' }
    )
    expect(settings).toMatchObject({
      projectRoot: '/c/proj',
      configDir: '/c/shared/config',
      outputDir: '/abs/out',
      modulesDir: '/c/proj/mods',
      firmwareDir: '/c/proj/fw',
      rfs: { source: '/c/proj/vendor/rfs', path: 'bin/rfs' }
    })
  })

  test('an unexpanded ${{ github.workspace }} falls back like an empty value', () => {
    const raw = { 'project-root': '${{ github.workspace }}' }
    expect(settingsFromRaw(raw, 'input', { cwd: '/c' }).projectRoot).toBe('/c')
  })

  test('values are trimmed and blank means default', () => {
    const settings = settingsFromRaw(
      { engine: ' native ', verify: '  ', 'kernel-version': ' 6.12 ' },
      'input',
      CONTEXT
    )
    expect(settings).toMatchObject({ engine: 'native', verify: 'exists', kernelVersion: '6.12' })
  })

  test('S3 inputs are passed through; checks happen where rfs.conf is merged', () => {
    const raw: RawInputs = {
      's3-endpoint': 'https://s3.example.com',
      's3-region': 'eu',
      's3-bucket': 'b',
      's3-prefix': 'p/',
      's3-access-key': 'ak',
      's3-secret-key': 'sk',
      'manifest-bucket': 'm',
      'public-url': 'https://cdn'
    }
    expect(settingsFromRaw(raw, 'input', CONTEXT).s3).toEqual({
      endpoint: 'https://s3.example.com',
      region: 'eu',
      bucket: 'b',
      prefix: 'p/',
      accessKey: 'ak',
      secretKey: 'sk',
      manifestBucket: 'm',
      publicUrl: 'https://cdn'
    })
  })
})

describe('settingsFromRaw: validation names the input, or the flag in a shell', () => {
  test.each<[RawInputs, string, string]>([
    [
      { engine: 'docker' },
      "input engine='docker' is not accepted: use rfs, native",
      "--engine='docker'"
    ],
    [
      { verify: 'all' },
      "input verify='all' is not accepted: use none, exists, full, rfs",
      '--verify'
    ],
    [
      { 'rfs-build': 'yes' },
      "input rfs-build='yes' is not accepted: use auto, always, never",
      '--rfs-build'
    ],
    [
      { overwrite: 'yes' },
      "input overwrite='yes' is not a boolean: use true or false",
      '--overwrite'
    ],
    [{ 'dry-run': '1' }, "input dry-run='1' is not a boolean: use true or false", '--dry-run'],
    [
      { 'kernel-version': 'v6.12' },
      "input kernel-version='v6.12': drop the leading v",
      '--kernel-version'
    ],
    [{ 'kernel-version': '6.12.44-Zero-OS' }, 'CONFIG_LOCALVERSION', '--kernel-version'],
    [
      { 'firmware-tag': 'a/b' },
      "input firmware-tag='a/b' is not a usable firmware tag",
      '--firmware-tag'
    ],
    [{ 'firmware-tag': 'two words' }, 'input firmware-tag', '--firmware-tag'],
    [{ 'firmware-tag': '.hidden' }, 'input firmware-tag', '--firmware-tag'],
    [{ flists: 'modules,,firmware' }, 'input flists', '--flists'],
    [
      { owner: 'root:root' },
      "input owner='root:root' is not an owner: write numeric UID:GID",
      '--owner'
    ],
    [{ tags: 'novalue' }, "input tags: 'novalue' is not key=value", '--tags'],
    [{ 'rfs-sha256': 'abc' }, "input rfs-sha256='abc' is not a sha256 digest", '--rfs-sha256'],
    [{ 'rfs-version': 'v2/../x' }, 'input rfs-version', '--rfs-version'],
    [{ 'rfs-download-url': 'rfs-linux' }, 'input rfs-download-url', '--rfs-download-url'],
    [{ 'rfs-download-url': 'ftp://x/rfs' }, 'input rfs-download-url', '--rfs-download-url'],
    [{ store: 'ftp://x' }, 'input store, line 1: unknown store scheme', '--store, line 1'],
    [
      { 'read-store': 'dir:///a\n80-00=dir:///b' },
      'input read-store, line 2: range 80-00',
      '--read-store, line 2'
    ]
  ])('%j', (raw, inputMessage, flagName) => {
    expect(userError(() => settingsFromRaw(raw, 'input', CONTEXT)).message).toContain(inputMessage)
    const flagMessage = userError(() => settingsFromRaw(raw, 'flag', CONTEXT)).message
    expect(flagMessage.startsWith(flagName)).toBe(true)
    expect(flagMessage).not.toContain('input ')
  })

  test('valid values of each kind', () => {
    const settings = settingsFromRaw(
      {
        engine: 'native',
        verify: 'full',
        'rfs-build': 'never',
        overwrite: 'True',
        'dry-run': 'TRUE',
        flists: 'firmware',
        owner: '0:0',
        'rfs-sha256': `SHA256:${'AB'.repeat(32)}`,
        'rfs-download-url': 'https://example.com/rfs',
        'firmware-tag': 'v1.2_rc-3',
        store: '00-7f=dir:///a\n80-ff=dir:///b',
        'read-store': 'https://cdn.example.com/blobs'
      },
      'input',
      CONTEXT
    )
    expect(settings).toMatchObject({
      engine: 'native',
      verify: 'full',
      overwrite: true,
      dryRun: true,
      flists: ['firmware'],
      owner: { uid: 0, gid: 0 },
      firmwareTag: 'v1.2_rc-3',
      rfs: { build: 'never', sha256: 'ab'.repeat(32), downloadUrl: 'https://example.com/rfs' },
      store: [
        { start: 0, end: 127, url: 'dir:///a' },
        { start: 128, end: 255, url: 'dir:///b' }
      ],
      readStore: [{ start: 0, end: 255, url: 'https://cdn.example.com/blobs' }]
    })
  })

  test('a store input of blank lines is no store', () => {
    expect(settingsFromRaw({ store: '\n \n' }, 'input', CONTEXT).store).toBeUndefined()
  })
})

describe('parseFlists', () => {
  test('either, both, any order, blanks around; canonical order out', () => {
    expect(parseFlists('modules', 'f')).toEqual(['modules'])
    expect(parseFlists('firmware', 'f')).toEqual(['firmware'])
    expect(parseFlists(' firmware , modules ', 'f')).toEqual(['modules', 'firmware'])
  })

  test.each([
    ['', 'has an empty entry'],
    ['modules,', 'has an empty entry'],
    ['modules,modules', 'names modules twice'],
    ['kernel', "unknown flist 'kernel'"],
    ['Modules', "unknown flist 'Modules'"]
  ])('%j: %s', (value, problem) => {
    const message = userError(() => parseFlists(value, 'input flists')).message
    expect(message).toContain(problem)
    expect(message).toContain('use modules, firmware or modules,firmware')
  })
})

describe('parseOwner', () => {
  test('numeric ids up to 2^32-2', () => {
    expect(parseOwner('1000:100', 'o')).toEqual({ uid: 1000, gid: 100 })
    expect(parseOwner('4294967294:0', 'o')).toEqual({ uid: 4294967294, gid: 0 })
  })

  test.each(['0', '0:', ':0', '-1:0', '4294967295:0', '0:0:0', '1.5:0', ' 0:0x'])(
    '%j is refused',
    value => {
      expect(userError(() => parseOwner(value, 'input owner')).message).toContain('input owner')
    }
  )
})

describe('parseTags', () => {
  test('comma-separated on one line', () => {
    expect(parseTags('build=42, branch = main,empty=', 't')).toEqual([
      ['build', '42'],
      ['branch', 'main'],
      ['empty', '']
    ])
  })

  test('one a line: values may hold commas and =', () => {
    expect(parseTags('\nnote=a, b\nexpr=x=y\n\n', 't')).toEqual([
      ['note', 'a, b'],
      ['expr', 'x=y']
    ])
  })

  test('keys of 1 to 64 characters of letters, digits, . _ -', () => {
    expect(parseTags(`${'k'.repeat(64)}=v,a.b_c-D=1`, 't')).toHaveLength(2)
  })

  test.each([
    ['=v', "tag key ''"],
    [`${'k'.repeat(65)}=v`, 'is not accepted'],
    ['a b=v', "tag key 'a b'"],
    ['ké=v', "tag key 'ké'"],
    ['kind=x', 'written by the action itself'],
    ['kernel-version=x', 'written by the action itself'],
    ['a=1,a=2', "tag key 'a' is given twice"],
    [`long=${'v'.repeat(256)}`, 'at most 255 characters']
  ])('%j is refused: %s', (text, problem) => {
    const message = userError(() => parseTags(text, 'input tags')).message
    expect(message.startsWith('input tags: ')).toBe(true)
    expect(message).toContain(problem)
  })

  test('a value of exactly 255 characters is fine', () => {
    expect(parseTags(`long=${'v'.repeat(255)}`, 't')[0][1]).toHaveLength(255)
  })
})

describe('readSettings', () => {
  const saved = { ...process.env }

  beforeEach(() => {
    for (const key of Object.keys(process.env)) {
      if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) delete process.env[key]
    }
  })
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
    Object.assign(process.env, saved)
  })

  test('without arguments, the INPUT_* variables of a runner; missing ones take defaults', () => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env.GITHUB_WORKSPACE = '/runner/work/zos'
    process.env['INPUT_CONFIG-DIR'] = 'conf'
    process.env.INPUT_FLISTS = 'firmware'
    process.env['INPUT_DRY-RUN'] = 'true'
    const { result } = capturingMasks(() => readSettings([]))
    expect(result).toMatchObject({
      projectRoot: '/runner/work/zos',
      configDir: '/runner/work/zos/conf',
      flists: ['firmware'],
      dryRun: true,
      engine: 'native'
    })
  })

  test('a runner gets the secret masked before anything else happens', () => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env['INPUT_S3-SECRET-KEY'] = 'hun/ter2'
    process.env['INPUT_S3-ACCESS-KEY'] = 'AKIA'
    process.env.INPUT_ENGINE = 'bogus'
    const { masks } = capturingMasks(() => {
      expect(() => readSettings([])).toThrow("input engine='bogus'")
    })
    expect(masks).toEqual(['hun/ter2', 'hun%2Fter2'])
  })

  test('passwords in store specs are masked, raw and decoded', () => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env.INPUT_STORE = 'dir:///a\n00-ff=s3://ak:p%2Fw@h:9000/b'
    process.env['INPUT_READ-STORE'] = 's3://ak:other@h:9000/b'
    const { masks, result } = capturingMasks(() => readSettings([]))
    expect(masks).toEqual(expect.arrayContaining(['p%2Fw', 'p/w', 'other']))
    expect(result.store).toHaveLength(2)
  })

  test('a password holding @ : / is masked whole, and a URL that does not parse is named by its scheme', () => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env.INPUT_STORE = 's3://AKAT:p@ss:w0rd/x+y=z@127.0.0.1:9000/blobs'
    const { masks, output } = capturingMasks(() => {
      const error = userError(() => readSettings([]))
      expect(error.message).toBe(
        'input store, line 1: the s3:// URL does not parse: percent-encode its credentials (/ as %2F, ? as %3F, # as %23, @ as %40, % as %25)'
      )
    })
    expect(masks).toEqual(expect.arrayContaining(['AKAT:p@ss:w0rd/x+y=z', 'p@ss:w0rd/x+y=z']))
    expect(masks.filter(mask => mask.length < 'p@ss:w0rd/x+y=z'.length)).toEqual([])
    expect(output.split('\n').filter(line => !line.startsWith('::add-mask::'))).toEqual([''])
  })

  const SHAPES = [
    'p@ss:w0rd/x+y=z',
    'Qz7#Kx9',
    'Qz7?Kx9',
    'Qz7%Kx9',
    'Qz7 Kx9',
    'Qzä7€Kx9',
    'Qz7\\Kx9',
    '@Qz7Kx9@'
  ]
  const URL_INPUTS: Array<[string, (secret: string) => string]> = [
    ['STORE', secret => `s3://AK:${secret}@127.0.0.1:9000/blobs`],
    ['READ-STORE', secret => `80-ff=s3://:${secret}@127.0.0.1:9000/blobs`],
    ['S3-ENDPOINT', secret => `https://AK:${secret}@s3.example.com`],
    ['PUBLIC-URL', secret => `https://AK:${secret}@cdn.example.com/zos`],
    ['RFS-DOWNLOAD-URL', secret => `https://AK:${secret}@dl.example.com/rfs`]
  ]
  test.each(
    URL_INPUTS.flatMap(([input, url]) => SHAPES.map(secret => [input, secret, url(secret)]))
  )('input %s with the secret %j: masked whole before anything can fail', (input, secret, url) => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env[`INPUT_${input}`] = url
    process.env.INPUT_ENGINE = 'bogus'
    const { masks } = capturingMasks(() => {
      expect(() => readSettings([])).toThrow()
    })
    expect(masks).toContain(secret)
  })

  test('with arguments, the flags alone count', () => {
    process.env.INPUT_ENGINE = 'rfs'
    const settings = readSettings(['--project-root', '/p', '--flists=modules', '--dry-run'])
    expect(settings).toMatchObject({
      projectRoot: '/p',
      flists: ['modules'],
      dryRun: true,
      engine: 'native'
    })
  })

  test('rfs-version, once given, is marked as chosen: the default is not', () => {
    expect(settingsFromRaw({ 'rfs-version': 'v2.0.6' }, 'input', CONTEXT).rfs).toMatchObject({
      version: 'v2.0.6',
      versionGiven: true
    })
    expect(settingsFromRaw({ 'rfs-version': ' ' }, 'flag', CONTEXT).rfs).toMatchObject({
      version: 'v2.0.6',
      versionGiven: false
    })
  })

  test('in a shell the secret is not printed as a mask command', () => {
    const { output } = capturingMasks(() => readSettings(['--s3-secret-key', 'hunter2']))
    expect(output).not.toContain('hunter2')
  })
})
