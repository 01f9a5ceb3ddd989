// The manifests gc reads: every .fl under the locations it is given, in an S3 bucket (under a
// key prefix) or a directory. Only these are seen; nothing else can tell it a blob is in use.
import { GetObjectCommand } from '@aws-sdk/client-s3'
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { UserError, oneLine } from '../common/errors.js'
import { FlistReader } from '../flist/format/reader.js'
import { S3Session, type S3SessionOptions } from '../s3/client.js'
import { listObjects } from './s3-list.js'
import { parseS3Location } from '../store-url/s3.js'
import {
  dirUrlPath,
  isS3Scheme,
  schemeAndHost,
  storeScheme,
  stripPassword
} from '../store-url/url.js'

export interface ManifestLocation {
  /** For messages: no secret. */
  display: string
  /** Every manifest under it, with what changes when it is replaced. */
  list(): Promise<Array<{ name: string; fingerprint: string }>>
  /** The blob ids one manifest references. */
  blockIds(name: string): Promise<string[]>
  close(): void
}

/**
 * `s3://KEY:SECRET@HOST:PORT/BUCKET[/PREFIX][?region=R]` (s3s:// for TLS), `dir:///path` or a
 * path.
 */
export function openManifestLocation(
  text: string,
  options: S3SessionOptions = {}
): ManifestLocation {
  const scheme = storeScheme(text)
  if (scheme === undefined) return dirLocation(resolve(text))
  if (scheme === 'dir') return dirLocation(dirUrlPath(text, 'manifest location')!)
  if (!isS3Scheme(scheme)) {
    throw new UserError(
      `manifest location '${stripPassword(text)}': use s3://KEY:SECRET@HOST:PORT/BUCKET[/PREFIX], s3s://… or a directory`
    )
  }
  return s3Location(text, options)
}

function s3Location(text: string, options: S3SessionOptions): ManifestLocation {
  const { connection, bucket, prefix } = parseS3Location(text, 'manifest location')
  const session = new S3Session(connection, options)
  const keyPrefix = prefix === '' ? '' : `${prefix}/`
  return {
    display: `${schemeAndHost(text)}/${bucket}/${keyPrefix}`,
    async list() {
      const objects = await listObjects(session, bucket, keyPrefix)
      return objects
        .filter(object => object.key.endsWith('.fl'))
        .map(object => ({ name: object.key, fingerprint: `${object.etag} ${object.size}` }))
    },
    async blockIds(key) {
      const bytes = await session.request(`GET ${bucket}/${key}`, async abortSignal => {
        const response = await session.client.send(
          new GetObjectCommand({ Bucket: bucket, Key: key }),
          { abortSignal }
        )
        return response.Body!.transformToByteArray()
      })
      const dir = await mkdtemp(join(tmpdir(), 'gc-manifest-'))
      try {
        const path = join(dir, 'manifest.fl')
        await writeFile(path, bytes)
        return await readBlockIds(path)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    close: () => session.destroy()
  }
}

function dirLocation(root: string): ManifestLocation {
  return {
    display: root,
    async list() {
      let names: string[]
      try {
        names = await readdir(root, { recursive: true })
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        throw new UserError(
          code === 'ENOENT' || code === 'ENOTDIR'
            ? `manifest location ${root} is not a directory: give the directory the .fl manifests are in, or an s3:// location`
            : `manifest location ${root} cannot be read: ${oneLine(error)}`
        )
      }
      const found: Array<{ name: string; fingerprint: string }> = []
      for (const name of names.filter(name => name.endsWith('.fl')).sort()) {
        const info = await stat(join(root, name))
        if (info.isFile()) found.push({ name, fingerprint: `${info.size} ${info.mtimeMs}` })
      }
      return found
    },
    blockIds: name => readBlockIds(join(root, name)),
    close: () => undefined
  }
}

async function readBlockIds(path: string): Promise<string[]> {
  const reader = await FlistReader.open(path)
  try {
    return reader.distinctBlocks().map(block => Buffer.from(block.id).toString('hex'))
  } finally {
    reader.close()
  }
}
