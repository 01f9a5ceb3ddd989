// Before anything is packed: every S3 server the run writes to must answer as S3 (see
// s3/probe.ts). Each endpoint and bucket is asked once.
import type { Plan } from './plan.js'
import { S3Session, sessionOptions } from '../s3/client.js'
import { checkSpeaksS3 } from '../s3/probe.js'
import type { Settings } from './settings.js'
import { type S3Connection, parseS3StoreUrl } from '../store-url/s3.js'
import { isS3Scheme, storeScheme, stripPassword } from '../store-url/url.js'

interface Target {
  connection: S3Connection
  bucket: string
  /** The setting and its value, for the message. */
  where: string
  /** The setting to fix. */
  input: string
}

export async function checkS3Stores(
  plan: Plan,
  settings: Settings,
  signal?: AbortSignal
): Promise<void> {
  const { label } = settings
  const endpointInput = `${label('s3-endpoint')} (S3_ENDPOINT in rfs.conf)`
  const endpointWhere = (connection: S3Connection): string =>
    `${label('s3-endpoint')} ${connection.endpoint}`
  const targets = new Map<string, Target>()
  const add = (target: Target): void => {
    const key = `${target.connection.endpoint} ${target.bucket}`
    if (!targets.has(key)) targets.set(key, target)
  }
  for (const spec of plan.writeStores) {
    if (!isS3Scheme(storeScheme(spec.url))) continue
    const { connection, bucket } = parseS3StoreUrl(spec.url)
    add(
      settings.store
        ? {
            connection,
            bucket,
            where: `${label('store')} ${stripPassword(spec.url)}`,
            input: label('store')
          }
        : { connection, bucket, where: endpointWhere(connection), input: endpointInput }
    )
  }
  if (plan.manifests) {
    const { connection, bucket } = plan.manifests
    add({ connection, bucket, where: endpointWhere(connection), input: endpointInput })
  }
  for (const target of targets.values()) {
    const session = new S3Session(target.connection, sessionOptions(settings.s3Requests, signal))
    try {
      await checkSpeaksS3(session, target.bucket, target.where, target.input)
    } finally {
      session.destroy()
    }
  }
}
