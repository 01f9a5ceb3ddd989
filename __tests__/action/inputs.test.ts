import { afterEach, beforeEach, describe, expect, test } from '@jest/globals'
import { readInputs, settingsFromRaw, type RawInputs } from '../../src/action/inputs.js'
import { capturingMasks, userError } from '../fixtures/settings/capture.js'

const CONTEXT = { cwd: '/work/here' }

describe('settingsFromRaw: defaults and paths', () => {
  test('every default, from action.yml', () => {
    expect(settingsFromRaw({}, 'input', CONTEXT)).toEqual({
      inputSource: 'input',
      label: expect.any(Function),
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
        downloadUrl: undefined,
        label: expect.any(Function)
      },
      verify: 'exists',
      overwrite: false,
      tags: [],
      owner: undefined,
      s3Requests: { attempts: 6, timeoutMs: 60_000, label: expect.any(Function) },
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

describe('settingsFromRaw: what readInputs leaves to it', () => {
  test('one labeller names the inputs everywhere: the settings, rfs acquisition and S3 advice', () => {
    const settings = settingsFromRaw({}, 'flag', { cwd: '/work/here' })
    expect(settings.rfs.label).toBe(settings.label)
    expect(settings.s3Requests.label).toBe(settings.label)
    expect(settings.label('rfs-path')).toBe('--rfs-path')
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

  test('counts within their bounds, named like the rest', () => {
    const settings = settingsFromRaw(
      { 's3-max-attempts': '3', 's3-request-timeout': '5' },
      'input',
      CONTEXT
    )
    expect(settings.s3Requests).toEqual({
      attempts: 3,
      timeoutMs: 5000,
      label: expect.any(Function)
    })
    expect(
      userError(() => settingsFromRaw({ 's3-max-attempts': '0' }, 'flag', CONTEXT)).message
    ).toBe("--s3-max-attempts='0' is not accepted: use a whole number from 1 to 20")
  })

  test('the zinit inputs are named as given too', () => {
    const raw = { 'zinit-units': 'true', 'zinit-cache-dir': 'relative' }
    expect(userError(() => settingsFromRaw(raw, 'flag', CONTEXT)).message).toMatch(
      /^--zinit-cache-dir='relative' is not accepted/
    )
    expect(userError(() => settingsFromRaw(raw, 'input', CONTEXT)).message).toMatch(
      /^input zinit-cache-dir='relative' is not accepted/
    )
  })
})

describe('readInputs', () => {
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

  test('without arguments, the INPUT_* variables of a runner, as text', () => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env['INPUT_CONFIG-DIR'] = 'conf'
    process.env.INPUT_FLISTS = 'firmware'
    process.env['INPUT_DRY-RUN'] = 'true'
    process.env.INPUT_ENGINE = ''
    expect(readInputs([], {})).toEqual({
      kind: 'inputs',
      source: 'input',
      raw: { 'config-dir': 'conf', flists: 'firmware', 'dry-run': 'true' }
    })
  })

  test('reading masks nothing, prints nothing and checks nothing: the entry does', () => {
    process.env.GITHUB_ACTIONS = 'true'
    process.env['INPUT_S3-SECRET-KEY'] = 'hun/ter2'
    process.env.INPUT_STORE = 's3://ak:p%2Fw@h:9000/b'
    process.env.INPUT_ENGINE = 'bogus'
    const { result, output } = capturingMasks(() => readInputs([], {}))
    expect(output).toBe('')
    expect(result).toMatchObject({ raw: { 's3-secret-key': 'hun/ter2', engine: 'bogus' } })
  })

  test('with arguments, the flags alone count', () => {
    process.env.INPUT_ENGINE = 'rfs'
    expect(readInputs(['--project-root', '/p', '--flists=modules', '--dry-run'], {})).toEqual({
      kind: 'inputs',
      source: 'flag',
      raw: { 'project-root': '/p', flists: 'modules', 'dry-run': 'true' }
    })
  })

  test('a shell run takes the secret from $S3_SECRET_KEY when no flag gives it', () => {
    expect(readInputs(['--dry-run'], { S3_SECRET_KEY: 'from-env' })).toMatchObject({
      raw: { 's3-secret-key': 'from-env' }
    })
    expect(
      readInputs(['--s3-secret-key', 'from-flag'], { S3_SECRET_KEY: 'from-env' })
    ).toMatchObject({ raw: { 's3-secret-key': 'from-flag' } })
  })

  test('--help and --version are answered by the caller, not here', () => {
    const { result, output } = capturingMasks(() => readInputs(['--dry-run', '--help'], {}))
    expect(result).toEqual({ kind: 'help' })
    expect(output).toBe('')
    expect(readInputs(['--version'], {})).toEqual({ kind: 'version' })
  })
})
