// `rfs unpack -m META [-c CACHE] [-p] TARGET`, as the rfs binary does it, for the tests of
// `verify: rfs`; it shares no code with src/. Blobs are found only through the routes recorded in
// the flist: dir:// (sharded or flat, as rfs after v2.0.7 reads it) and s3:// signed with the access key and secret written in
// the route, taken as written (rfs does not percent-decode them). Like the S3 servers Zero-OS is
// published to, this one refuses anonymous reads, so a route without credentials fails. As in rfs
// v2.0.6, the first file that cannot be made ends the unpack with an error naming it (and, as rfs's
// errors may, the store URL as the route holds it); directories get no mode, links are made as
// recorded, other special files are skipped with a warning.
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  dirSource,
  fileContent,
  readFlist,
  type BlobSource,
  type Inode
} from '../independent-flist.js'

const S_IFMT = 0o170000
const S_IFDIR = 0o040000
const S_IFREG = 0o100000
const S_IFLNK = 0o120000

function s3Source(route: string): BlobSource {
  const url = new URL(route)
  if (!url.username || !url.password) {
    throw new Error(`failed to initialize store '${route}': the server refuses anonymous reads`)
  }
  const client = new S3Client({
    endpoint: `${url.protocol === 's3:' ? 'http' : 'https'}://${url.host}`,
    region: url.searchParams.get('region') ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: url.username, secretAccessKey: url.password }
  })
  const bucket = url.pathname.replace(/^\//, '')
  return async id => {
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: id }))
      return Buffer.from(await object.Body!.transformToByteArray())
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return undefined
      throw new Error(`failed to get blob ${id} from store '${route}': ${(error as Error).name}`, {
        cause: error
      })
    }
  }
}

function storeFor(route: string): BlobSource {
  if (route.startsWith('dir://')) return dirSource(decodeURIComponent(new URL(route).pathname))
  if (/^s3s?:\/\//.test(route)) return s3Source(route)
  throw new Error(`unknown store type '${route.split(':')[0]}'`)
}

async function unpack(meta: string, target: string): Promise<void> {
  const flist = readFlist(meta)
  const stores = flist.routes.map(route => ({ ...route, source: storeFor(route.url) }))
  const source: BlobSource = async id => {
    const first = parseInt(id.slice(0, 2), 16)
    for (const store of stores) {
      if (first < store.start || first > store.end) continue
      const blob = await store.source(id)
      if (blob) return blob
    }
    return undefined
  }
  const visit = async (inode: Inode, path: string): Promise<void> => {
    const type = inode.mode & S_IFMT
    if (type === S_IFDIR) {
      mkdirSync(path, { recursive: true })
      for (const child of flist.children.get(inode.ino) ?? []) {
        await visit(child, join(path, child.name))
      }
    } else if (type === S_IFREG) {
      let content: Buffer
      try {
        content = await fileContent(flist.blocks.get(inode.ino) ?? [], source)
      } catch (error) {
        throw new Error(`failed to download file '${path}': ${(error as Error).message}`, {
          cause: error
        })
      }
      writeFileSync(path, content, { flag: 'wx' })
      chmodSync(path, inode.mode & 0o7777)
    } else if (type === S_IFLNK) {
      symlinkSync(inode.target!, path)
    } else {
      process.stderr.write(`WARN unknown file kind: ${path}\n`)
    }
  }
  await visit(flist.inodes.get(1)!, target)
}

const args = process.argv.slice(2)
if (args[0] !== 'unpack') {
  process.stderr.write(`error: unrecognized subcommand '${args[0]}'\n`)
  process.exit(2)
}
let meta: string | undefined
const positional: string[] = []
for (let i = 1; i < args.length; i++) {
  if (args[i] === '-m' || args[i] === '--meta') meta = args[++i]
  else if (args[i] === '-c' || args[i] === '--cache') i++
  else if (args[i] !== '-p') positional.push(args[i])
}
if (!meta || positional.length !== 1) {
  process.stderr.write('error: usage: rfs unpack -m META [-c CACHE] [-p] TARGET\n')
  process.exit(2)
}
unpack(meta, positional[0]).then(
  () => process.stderr.write(`INFO unpacked ${meta}\n`),
  (error: Error) => {
    process.stderr.write(`Error: ${error.message}\n`)
    process.exit(1)
  }
)
