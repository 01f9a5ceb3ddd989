// The per-leg result files of a matrix job, merged into one result with every flist: GitHub keeps
// the job outputs of one leg only, so the legs hand their results on as files.
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { UserError } from '../../common/errors.js'
import type { FlistResult, RunResult, RunStatus } from '../report.js'
import type { FlistKind } from '../../plan/settings.js'

/** One flist of the merged result, with the legs whose results named it. */
export interface MergedFlist extends FlistResult {
  kind: FlistKind
  /** The kernel version (modules) or firmware tag (firmware) in its name. */
  version: string
  /** The result files that named this flist, as given. */
  legs: string[]
}

export interface MergedLeg {
  file: string
  status: RunStatus
  kernelVersion: string
  firmwareTag: string
  commit?: string
  error?: string
}

export interface MergedResults {
  /** `success` when every leg succeeded, else the first leg's failure (`failed`, `cancelled`). */
  status: RunStatus
  kernelVersions: string[]
  firmwareTags: string[]
  /** By flist name; a name several legs share (the firmware flist) appears once. */
  flists: Record<string, MergedFlist>
  legs: MergedLeg[]
  /** Every leg's warnings, each once. */
  warnings: string[]
}

export interface LegResult {
  /** The file it was read from, for messages. */
  file: string
  result: RunResult
}

/**
 * Merges the results of the legs. One name with two different sha256 or URLs is two different
 * flists under one name, which readers cannot tell apart: an error naming both files.
 */
export function mergeResults(legs: readonly LegResult[]): MergedResults {
  const merged: MergedResults = {
    status: 'success',
    kernelVersions: [],
    firmwareTags: [],
    flists: {},
    legs: [],
    warnings: []
  }
  // The file each name's sha256 came from, for the conflict message.
  const digestFrom = new Map<string, string>()
  for (const { file, result } of legs) {
    const status = result.status ?? 'success'
    if (merged.status === 'success') merged.status = status
    merged.legs.push({
      file,
      status,
      kernelVersion: result.kernelVersion,
      firmwareTag: result.firmwareTag,
      ...(result.commit === undefined ? {} : { commit: result.commit }),
      ...(result.error === undefined ? {} : { error: result.error })
    })
    for (const [kind, flist] of Object.entries(result.flists) as [FlistKind, FlistResult][]) {
      const version = kind === 'modules' ? result.kernelVersion : result.firmwareTag
      addOnce(merged.kernelVersions, kind === 'modules' ? version : undefined)
      addOnce(merged.firmwareTags, kind === 'firmware' ? version : undefined)
      const known = merged.flists[flist.name]
      if (!known) {
        merged.flists[flist.name] = { kind, version, ...flist, legs: [file] }
        if (flist.sha256 !== undefined) digestFrom.set(flist.name, file)
        continue
      }
      checkSame(known, flist, digestFrom.get(flist.name) ?? known.legs[0], file)
      known.legs.push(file)
      // A leg that failed before packing knows no sha256 or counts; another leg may.
      if (known.sha256 === undefined && flist.sha256 !== undefined) {
        digestFrom.set(flist.name, file)
        merged.flists[flist.name] = { ...known, ...flist, kind, version, legs: known.legs }
      }
    }
    for (const warning of result.warnings ?? []) addOnce(merged.warnings, warning)
  }
  return merged
}

function addOnce(list: string[], value: string | undefined): void {
  if (value !== undefined && !list.includes(value)) list.push(value)
}

function checkSame(known: MergedFlist, flist: FlistResult, first: string, file: string): void {
  if (known.sha256 !== undefined && flist.sha256 !== undefined && known.sha256 !== flist.sha256) {
    throw new UserError(
      `${flist.name} has two sha256: ${known.sha256} in ${first} and ${flist.sha256} in ${file}; ` +
        `two legs built different flists under one name: give each leg its own firmware-tag, or build that flist in one leg only`
    )
  }
  if (known.url !== flist.url) {
    throw new UserError(
      `${flist.name} has two URLs: ${known.url} in ${first} and ${flist.url} in ${file}; ` +
        `merge the results of legs that publish to one place (the same s3-prefix and public-url)`
    )
  }
}

/** Result files of the legs: files as given, and the `result-*.json` files of each directory. */
export async function resultFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = []
  for (const path of paths) {
    let isDirectory: boolean
    try {
      isDirectory = (await stat(path)).isDirectory()
    } catch {
      throw new UserError(`${path} does not exist: give result files or directories that hold them`)
    }
    if (!isDirectory) {
      files.push(path)
      continue
    }
    const found = (await readdir(path))
      .filter(name => /^result-.*\.json$/.test(name))
      .sort()
      .map(name => join(path, name))
    if (found.length === 0) {
      throw new UserError(
        `${path} holds no result-*.json file: download the legs' artifacts into it first`
      )
    }
    files.push(...found)
  }
  return files
}

/** Reads one leg's result file; anything else is refused with the file's name. */
export async function readLegResult(file: string): Promise<LegResult> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UserError(`${file} cannot be read (${code ?? String(error)})`)
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new UserError(`${file} is not JSON: give the result-*.json files the action writes`)
  }
  const problem = resultProblem(value)
  if (problem) {
    throw new UserError(
      `${file} is not a result file of rfs-flist-action (${problem}): give the result-*.json files the action writes`
    )
  }
  return { file, result: value as RunResult }
}

function resultProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object'
  const result = value as Record<string, unknown>
  for (const key of ['kernelVersion', 'firmwareTag'] as const) {
    if (typeof result[key] !== 'string') return `no ${key}`
  }
  const flists = result.flists
  if (typeof flists !== 'object' || flists === null || Array.isArray(flists)) return 'no flists'
  for (const [kind, flist] of Object.entries(flists)) {
    if (kind !== 'modules' && kind !== 'firmware') return `an flist of unknown kind ${kind}`
    const entry = flist as Record<string, unknown> | null
    if (typeof entry?.name !== 'string' || typeof entry.url !== 'string') {
      return `flists.${kind} has no name or url`
    }
  }
  return undefined
}
