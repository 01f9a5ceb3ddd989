// The blobs a store holds, with their size and age, and how to delete one. A dir:// store is read
// in both layouts rfs has used: flat ROOT/<hex> and sharded ROOT/<hex[0..2]>/<hex>.
import { DeleteObjectCommand } from '@aws-sdk/client-s3'
import { readdir, stat, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError, oneLine } from '../common/errors.js'
import { S3Session, type S3SessionOptions } from '../s3/client.js'
import { listObjects } from './s3-list.js'
import { parseS3StoreUrl } from '../store-url/s3.js'
import { dirUrlPath, isS3Scheme, storeScheme, stripPassword } from '../store-url/url.js'

export interface StoredBlob {
  id: string
  size: number
  modified: Date
}

/** A blob store as the collector sees it: its blobs listed with their age, one removed at a time. */
export interface GcStore {
  display: string
  list(): Promise<StoredBlob[]>
  remove(blob: StoredBlob): Promise<void>
  close(): void
}

const BLOB_ID = /^[0-9a-f]{64}$/
const SHARD = /^[0-9a-f]{2}$/

export function openGcStore(url: string, options: S3SessionOptions = {}): GcStore {
  const scheme = storeScheme(url)
  if (scheme === 'dir') return dirListing(dirUrlPath(url)!)
  if (isS3Scheme(scheme)) return s3Listing(url, options)
  throw new UserError(
    `store '${stripPassword(url)}': gc lists dir:// and s3:// (s3s://) stores; give the store the flists were packed to`
  )
}

function s3Listing(url: string, options: S3SessionOptions): GcStore {
  const { connection, bucket } = parseS3StoreUrl(url, 'store')
  const session = new S3Session(connection, options)
  return {
    display: stripPassword(url),
    async list() {
      return (await listObjects(session, bucket, ''))
        .filter(object => BLOB_ID.test(object.key))
        .map(object => ({ id: object.key, size: object.size, modified: object.modified }))
    },
    async remove(blob) {
      await session.request(`DELETE ${bucket}/${blob.id}`, abortSignal =>
        session.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: blob.id }), {
          abortSignal
        })
      )
    },
    close: () => session.destroy()
  }
}

function dirListing(root: string): GcStore {
  const paths = new Map<string, string[]>()
  const found = async (path: string, id: string, blobs: StoredBlob[]): Promise<void> => {
    const info = await stat(path)
    if (!info.isFile()) return
    const known = paths.get(id)
    if (known) known.push(path)
    else {
      paths.set(id, [path])
      blobs.push({ id, size: info.size, modified: info.mtime })
    }
  }
  return {
    display: `dir://${root}`,
    async list() {
      const blobs: StoredBlob[] = []
      let names: string[]
      try {
        names = await readdir(root)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
        throw new UserError(`store dir://${root}: ${oneLine(error)}`)
      }
      for (const name of names.sort()) {
        if (BLOB_ID.test(name)) await found(join(root, name), name, blobs)
        else if (SHARD.test(name)) {
          const inner = await readdir(join(root, name)).catch(() => [] as string[])
          for (const id of inner.sort()) {
            if (BLOB_ID.test(id) && id.startsWith(name))
              await found(join(root, name, id), id, blobs)
          }
        }
      }
      return blobs
    },
    async remove(blob) {
      for (const path of paths.get(blob.id) ?? []) await unlink(path)
    },
    close: () => undefined
  }
}
