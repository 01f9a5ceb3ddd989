import type { InputLabel } from '../../common/input-label.js'
import * as core from '@actions/core'
import { copyFile, readFile } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'
import { UserError, oneLine } from '../../common/errors.js'
import { fileUrl, manifestKey } from '../../plan/names.js'
import type { PackedFlist } from '../pack-flists.js'
import type { Plan } from '../../plan/plan.js'
import { MANIFEST_CONTENT_TYPE } from '../manifest-put.js'
import { httpStatus } from '../../s3/errors.js'
import { S3Session, sessionOptions } from '../../s3/client.js'
import type { FlistKind, Settings, FlistAlias } from '../../plan/settings.js'

/** Object metadata that marks an alias: only objects carrying it are ever replaced. */
export const ALIAS_METADATA = 'alias-of'

export interface PublishedAlias {
  alias: string
  /** The flist it is a copy of. */
  flist: string
  url: string
  /** Absent in a dry run, which publishes nothing. */
  sha256?: string
  outcome?: 'published' | 'unchanged' | 'replaced'
}

/** The aliases a dry run would publish, with the URLs they would have. */
export function plannedAliases(aliases: readonly FlistAlias[], plan: Plan): PublishedAlias[] {
  return aliases.map(alias => {
    const flist = plan.flists.find(item => item.kind === alias.kind)!
    return {
      alias: alias.name,
      flist: flist.name,
      url: aliasUrl(flist.url, flist.name, alias.name)
    }
  })
}

/** Refuses aliases that would shadow a flist of this run or copy one the run does not build. */
export function checkAliases(aliases: readonly FlistAlias[], plan: Plan, label: InputLabel): void {
  for (const alias of aliases) {
    const real = plan.flists.find(flist => flist.name === alias.name)
    if (real) {
      throw new UserError(
        `${label('aliases')}: '${alias.name}' is the real name of the ${real.kind} flist of this run, which is never replaced: choose another alias name`
      )
    }
    if (!plan.flists.some(flist => flist.kind === alias.kind)) {
      throw new UserError(
        `${label('aliases')}: '${alias.kind}=${alias.name}' copies the ${alias.kind} flist, which this run does not build (flists: ${plan.flists.map(flist => flist.kind).join(',')}): drop the alias or build that flist`
      )
    }
  }
}

/** Where an alias is read: the flist's URL with the alias's name in place of the flist's. */
export function aliasUrl(flistUrl: string, flistName: string, alias: string): string {
  const tail = `/${encodeURIComponent(flistName)}`
  return flistUrl.endsWith(tail)
    ? `${flistUrl.slice(0, -tail.length)}/${encodeURIComponent(alias)}`
    : flistUrl
}

/**
 * Publishes every alias as a copy of its flist's new manifest. Runs after the real manifests are
 * all published, so an alias never points at a flist that is not there yet. An alias is replaced
 * every run; an object at its key that is not an alias (a real manifest) is never touched.
 */
export async function publishAliases(
  packed: readonly PackedFlist[],
  plan: Plan,
  settings: Settings,
  signal: AbortSignal
): Promise<PublishedAlias[]> {
  const published: PublishedAlias[] = []
  const target = plan.manifests
  const session =
    target && new S3Session(target.connection, sessionOptions(settings.s3Requests, signal))
  try {
    for (const alias of settings.aliases) {
      const source = packed.find(flist => flist.plan.kind === alias.kind)!
      const flist = source.plan
      const url = aliasUrl(flist.url, flist.name, alias.name)
      let outcome: NonNullable<PublishedAlias['outcome']>
      if (target && session) {
        const key = manifestKey(target.prefix, alias.name)
        outcome = await putAlias(
          session,
          target.bucket,
          key,
          source,
          kindMetadata(plan, alias.kind)
        )
        core.info(`alias s3://${target.bucket}/${key} → ${flist.name}: ${outcome}`)
        published.push({
          alias: alias.name,
          flist: flist.name,
          url,
          sha256: source.sha256,
          outcome
        })
      } else {
        const path = join(settings.outputDir, alias.name)
        try {
          await copyFile(flist.path, path)
        } catch (error) {
          throw new UserError(`cannot write alias ${path}: ${oneLine(error)}`)
        }
        core.info(`alias ${path} → ${flist.name}`)
        published.push({
          alias: alias.name,
          flist: flist.name,
          url: fileUrl(path),
          sha256: source.sha256,
          outcome: 'replaced'
        })
      }
    }
  } finally {
    session?.destroy()
  }
  return published
}

function kindMetadata(plan: Plan, kind: FlistKind): Record<string, string> {
  const metadata: Record<string, string> = { 'kernel-version': plan.kernel.full }
  if (kind === 'firmware') metadata['firmware-tag'] = plan.firmwareTag
  if (process.env.GITHUB_SHA) metadata.commit = process.env.GITHUB_SHA
  return metadata
}

async function putAlias(
  session: S3Session,
  bucket: string,
  key: string,
  source: PackedFlist,
  metadata: Record<string, string>
): Promise<NonNullable<PublishedAlias['outcome']>> {
  const head = await session.request(`HEAD ${bucket}/${key}`, async abortSignal => {
    try {
      return await session.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), {
        abortSignal
      })
    } catch (error) {
      if (httpStatus(error) === 404) return undefined
      throw error
    }
  })
  if (head && head.Metadata?.[ALIAS_METADATA] === undefined) {
    throw new UserError(
      `alias s3://${bucket}/${key} is the name of a published flist, not an alias, and published flists are never replaced: choose another alias name`
    )
  }
  if (
    head?.Metadata?.sha256 === source.sha256 &&
    head.Metadata[ALIAS_METADATA] === source.plan.name
  ) {
    return 'unchanged'
  }
  const body = await readFile(source.plan.path)
  await session.request(`PUT ${bucket}/${key}`, abortSignal =>
    session.client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentLength: body.byteLength,
        ContentType: MANIFEST_CONTENT_TYPE,
        ContentMD5: createHash('md5').update(body).digest('base64'),
        Metadata: { sha256: source.sha256, [ALIAS_METADATA]: source.plan.name, ...metadata }
      }),
      { abortSignal }
    )
  )
  return head ? 'replaced' : 'published'
}
