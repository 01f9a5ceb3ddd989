// The rfs subcommands the built-in engine covers, with rfs's flags and output shapes, so tests of
// the rfs engine can run this CLI in place of the binary.
import { resolve } from 'node:path'
import { flistCounts } from '../format/counts.js'
import { editFlist } from '../format/edit.js'
import { entryType, permissions, type EntryType } from '../format/modes.js'
import { packTree } from '../pack/pack.js'
import { FlistReader, type TreeEntry } from '../format/reader.js'
import { unpackFlist } from '../read/unpack.js'
import { openStores } from '../../store/open.js'
import { parseArgs, requirePositional, requireValue, UsageError, type ParsedArgs } from './args.js'
import { parseStoreArg } from './store-args.js'
import { stripPassword } from '../../store-url/url.js'

export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
  signal?: AbortSignal
  /** Masks a secret on a runner; store credentials read from an flist's routes go through it. */
  mask?: (secret: string) => void
}

export async function packCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(argv, [
    { name: 'meta', short: 'm', value: true },
    { name: 'store', short: 's', value: true, repeat: true },
    { name: 'no-strip-password' }
  ])
  const meta = requireValue(args, 'meta')
  const [target] = requirePositional(args, 'TARGET')
  const specs = (args.values.get('store') ?? []).map(parseStoreArg)
  if (specs.length === 0)
    throw new UsageError('the following required argument was not provided: --store')
  const strip = !args.switches.has('no-strip-password')
  const counts = await packTree({
    source: resolve(target),
    flistPath: resolve(meta),
    stores: await openStores(specs, 'write', { signal: io.signal }),
    routes: specs.map(spec => ({ ...spec, url: strip ? stripPassword(spec.url) : spec.url })),
    tags: [],
    signal: io.signal,
    log: io.err,
    label: 'pack'
  })
  io.err(
    `packed ${counts.files} files, ${counts.directories} directories, ${counts.symlinks} symlinks, ` +
      `${counts.bytes} bytes into ${meta}`
  )
}

export async function unpackCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const args = parseArgs(argv, [
    { name: 'meta', short: 'm', value: true },
    // Accepted for compatibility; blocks are written straight to their files.
    { name: 'cache', short: 'c', value: true },
    { name: 'preserve-ownership', short: 'p' }
  ])
  const meta = requireValue(args, 'meta')
  const [target] = requirePositional(args, 'TARGET')
  const result = await unpackFlist(resolve(meta), resolve(target), {
    preserveOwnership: args.switches.has('preserve-ownership'),
    signal: io.signal,
    log: io.err,
    mask: io.mask
  })
  io.err(
    `unpacked ${result.files} files, ${result.directories} directories, ${result.symlinks} symlinks into ${target}`
  )
}

export async function flistCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const [action, ...rest] = argv
  const args = parseArgs(rest, [{ name: 'server-url', value: true }])
  if (args.values.has('server-url'))
    throw new UsageError('--server-url is not supported: give the path of a local flist')
  const [target] = requirePositional(args, 'TARGET')
  if (action === 'inspect') return inspect(target, io)
  if (action === 'tree') return tree(target, io)
  throw new UsageError(`unrecognized subcommand '${action ?? ''}' (expected inspect or tree)`)
}

export async function configCommand(argv: readonly string[], io: CliIo): Promise<void> {
  let meta: string | undefined
  const rest: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (rest.length === 0 && (arg === '-m' || arg === '--meta')) meta = argv[++i]
    else if (rest.length === 0 && arg.startsWith('--meta=')) meta = arg.slice('--meta='.length)
    else rest.push(arg)
  }
  if (!meta) throw new UsageError('the following required argument was not provided: --meta')
  const [group, action, ...flags] = rest
  const path = resolve(meta)
  if (group === 'tag' && action === 'list') return listTags(path, io)
  if (group === 'store' && action === 'list') return listStores(path, io)
  if (group === 'tag' && action === 'add') {
    const args = parseArgs(flags, [{ name: 'tag', short: 't', value: true, repeat: true }])
    return editFlist(path, { setTags: (args.values.get('tag') ?? []).map(parseTag) })
  }
  if (group === 'tag' && action === 'delete') {
    const args = parseArgs(flags, [
      { name: 'key', short: 'k', value: true, repeat: true },
      { name: 'all', short: 'a' }
    ])
    const keys = args.values.get('key') ?? []
    return editFlist(path, { deleteTags: args.switches.has('all') ? 'all' : keys })
  }
  if (group === 'store' && action === 'add') {
    const args = parseArgs(flags, [{ name: 'store', short: 's', value: true, repeat: true }])
    return editFlist(path, { addRoutes: (args.values.get('store') ?? []).map(parseStoreArg) })
  }
  if (group === 'store' && action === 'delete') {
    const args = parseArgs(flags, [
      { name: 'store', short: 's', value: true, repeat: true },
      { name: 'all', short: 'a' }
    ])
    const urls = args.values.get('store') ?? []
    return editFlist(path, { deleteRoutes: args.switches.has('all') ? 'all' : urls })
  }
  throw new UsageError(
    `unrecognized subcommand 'config ${[group, action].filter(Boolean).join(' ')}' (expected tag|store list|add|delete)`
  )
}

function parseTag(text: string): [string, string] {
  const at = text.indexOf('=')
  if (at < 0)
    throw new UsageError(
      `invalid value '${text}' for '--tag <TAG>': invalid KEY=value: no \`=\` found in \`${text}\``
    )
  return [text.slice(0, at), text.slice(at + 1)]
}

async function withReader<T>(path: string, use: (reader: FlistReader) => T): Promise<T> {
  const reader = await FlistReader.open(path)
  try {
    return use(reader)
  } finally {
    reader.close()
  }
}

async function listTags(path: string, io: CliIo): Promise<void> {
  await withReader(path, reader => {
    const tags = reader.tags()
    if (tags.length > 0) io.out('tags:')
    for (const [key, value] of tags) io.out(`\t${key}=${value}`)
  })
}

async function listStores(path: string, io: CliIo): Promise<void> {
  await withReader(path, reader => {
    const routes = reader.routes()
    if (routes.length > 0) io.out('routes:')
    for (const route of routes) io.out(`\trange:[${route.start}-${route.end}] store:${route.url}`)
  })
}

const TYPE_NAMES: Record<EntryType, string> = {
  directory: 'Directory',
  file: 'Regular File',
  symlink: 'Symbolic Link',
  block: 'Block Device',
  char: 'Character Device',
  socket: 'Socket',
  fifo: 'FIFO',
  unknown: 'Unknown'
}

async function inspect(target: string, io: CliIo): Promise<void> {
  const counts = await withReader(resolve(target), reader => {
    for (const entry of reader.walk()) printMetadata(entry, io)
    return flistCounts(reader)
  })
  io.out(`Flist Inspection: ${target}`)
  io.out('==================')
  io.out(`Files: ${counts.files}`)
  io.out(`Directories: ${counts.directories}`)
  io.out(`Symlinks: ${counts.symlinks}`)
  io.out(`Total size: ${counts.bytes} bytes`)
}

function printMetadata({ path, inode }: TreeEntry, io: CliIo): void {
  const type = entryType(inode.mode)
  io.out(`Path: /${path}`)
  io.out(`  Type: ${TYPE_NAMES[type]}`)
  io.out(`  Inode: ${inode.ino}`)
  io.out(`  Name: ${inode.name}`)
  io.out(`  Size: ${inode.size} bytes`)
  io.out(`  UID: ${inode.uid}`)
  io.out(`  GID: ${inode.gid}`)
  io.out(`  Mode: 0${inode.mode.toString(8)}`)
  io.out(`  Permissions: 0${permissions(inode.mode).toString(8)}`)
  io.out(`  Device: ${inode.rdev}`)
  io.out(`  Created: ${inode.ctime}`)
  io.out(`  Modified: ${inode.mtime}`)
  if (inode.data) {
    if (type === 'symlink') io.out(`  Link Target: ${Buffer.from(inode.data).toString('utf8')}`)
    else io.out(`  Extra Data: ${inode.data.length} bytes`)
  }
  io.out('  ---')
}

const TREE_ICONS: Partial<Record<EntryType, string>> = {
  directory: '📁',
  file: '📄',
  symlink: '🔗'
}

async function tree(target: string, io: CliIo): Promise<void> {
  await withReader(resolve(target), reader => {
    for (const { path, inode } of reader.walk()) {
      const depth = path === '' ? 0 : path.split('/').length
      const name = path === '' ? '/' : inode.name
      io.out(`${'  '.repeat(depth)}${TREE_ICONS[entryType(inode.mode)] ?? '❓'} ${name}`)
    }
  })
}

export type { ParsedArgs }
