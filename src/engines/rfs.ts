// The reference rfs binary as a PackEngine: rfs packs and uploads; tags and routes are written
// with rfs's own `config` command where it has one (rfs built from its main branch), else by the
// built-in SQLite (no v2.0.x release has `config`); what rfs cannot do at all (one canonical row
// order, owner, SOURCE_DATE_EPOCH) is done on the written flist; a file rfs could not upload fails
// the pack even when rfs exits 0 (v2.0.6 does); counts come from the built-in reader.
import { rm, stat } from 'node:fs/promises'
import type { PackEngine, PackRequest } from './engine.js'
import { UserError, oneLine } from '../common/errors.js'
import { flistCounts } from '../flist/format/counts.js'
import { replaceRoutes } from '../flist/format/edit.js'
import { FlistReader } from '../flist/format/reader.js'
import { formatStoreSpec, type StoreSpec } from '../store-url/spec.js'
import { stripPassword } from '../store-url/url.js'
import { filesMissingBlocks } from './rfs/missing-blocks.js'
import { mangledHint, storesForRfs, type RfsStores } from './rfs/credentials.js'
import { rewriteInCanonicalOrder } from './rfs/canonical-order.js'
import { defuseLine, displayCommand, redactUrl, redactor, secretsOf } from '../store-url/redact.js'
import { describeExit, runProgram } from '../rfs-release/run.js'
import type { FlistCounts } from '../flist/format/counts.js'
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'

export interface RfsBinary {
  path: string
  version: string
}

export interface RfsEngineOptions {
  /** How long rfs may take to exit after SIGTERM on cancellation before it gets SIGKILL. */
  killGraceMs?: number
}

export function createRfsEngine(binary: RfsBinary, options: RfsEngineOptions = {}): PackEngine {
  return {
    name: 'rfs',
    version: binary.version,
    async pack(request: PackRequest): Promise<FlistCounts> {
      const forRfs = storesForRfs(request.writeStores)
      const rfs = new RfsRunner(binary.path, request, forRfs, options.killGraceMs)
      try {
        await rfs.run(`rfs pack ${request.kind}`, [
          'pack',
          '-m',
          request.flistPath,
          ...forRfs.stores.flatMap(store => ['-s', formatStoreSpec(store)]),
          request.source
        ])
        await checkWritten(
          binary.path,
          request.flistPath,
          request.kind,
          request.s3Requests?.label ?? RUNNER_LABEL
        )
        await checkUploads(request.flistPath, request.kind, rfs.credentialsHint())
        // rfs records the write stores (password stripped); readers may need other addresses.
        const routes = sameRoutes(request.routes, request.writeStores) ? undefined : request.routes
        const fl = request.flistPath
        const tagArgs = request.tags.flatMap(([key, value]) => ['-t', `${key}=${value}`])
        const byRfs =
          (request.tags.length === 0 ||
            (await rfs.config(`rfs tags ${request.kind}`, [fl, 'tag', 'add', ...tagArgs]))) &&
          (routes === undefined ||
            ((await rfs.config(`rfs routes ${request.kind}`, [fl, 'store', 'delete', '--all'])) &&
              (await rfs.config(`rfs routes ${request.kind}`, [
                fl,
                'store',
                'add',
                ...routes.flatMap(route => ['-s', formatStoreSpec(route)])
              ]))))
        if (!byRfs) {
          request.log(
            `${binary.path} has no config command (no rfs release up to v2.0.7 has one): ` +
              'tags and routes are written by the built-in SQLite'
          )
        }
        await rewriteInCanonicalOrder(request.flistPath, {
          owner: request.owner,
          sourceDateEpoch: request.sourceDateEpoch,
          ...(byRfs ? {} : { setTags: request.tags, ...(routes && replaceRoutes(routes)) })
        })
        return await countsOf(request.flistPath)
      } catch (error) {
        // rfs writes the .fl even when uploads failed; nothing half-made may be published.
        await rm(request.flistPath, { force: true })
        throw error
      }
    }
  }
}

/** Enough of rfs's output to explain a failure without flooding the log. */
const TAIL_LINES = 20

/**
 * Runs rfs for one request: redacted command line, then rfs's output, one-line failures. The output
 * goes into the phase's log group as it is: GitHub does not nest groups.
 */
class RfsRunner {
  private readonly redact: (text: string) => string

  constructor(
    private readonly binary: string,
    private readonly request: PackRequest,
    private readonly stores: RfsStores,
    private readonly killGraceMs?: number
  ) {
    const urls = [...request.writeStores, ...stores.stores].map(store => store.url)
    const hide = redactor(secretsOf(urls))
    this.redact = text => hide(redactUrl(text))
  }

  /** A line of rfs's output as it may be shown, or undefined when it must not be. */
  private show(line: string): string | undefined {
    const defused = defuseLine(line)
    return defused === undefined ? undefined : this.redact(defused)
  }

  /** The end of the last run's output, for explaining a failure. */
  private tail: string[] = []

  /** When S3 refused rfs and rfs got the credentials escaped, why; else nothing. */
  credentialsHint(): string {
    if (!this.stores.mangled) return ''
    const refused = this.tail.some(line =>
      /\b403\b|SignatureDoesNotMatch|InvalidAccessKeyId|Access ?Denied/i.test(line)
    )
    return refused ? `; ${mangledHint(this.request.s3Requests?.label ?? RUNNER_LABEL)}` : ''
  }

  /**
   * `rfs config -m …`; false, with nothing changed, when this rfs has no config command (clap
   * refuses the unknown subcommand with exit code 2).
   */
  async config(title: string, args: string[]): Promise<boolean> {
    return this.run(title, ['config', '-m', ...args], { mayLackConfig: true })
  }

  async run(
    title: string,
    args: string[],
    options: { mayLackConfig?: boolean } = {}
  ): Promise<boolean> {
    const { request, redact } = this
    const tail: string[] = []
    this.tail = tail
    let result
    try {
      request.log(`${title}: ${redact(displayCommand(this.binary, args))}`)
      result = await runProgram(this.binary, args, {
        signal: request.signal,
        killGraceMs: this.killGraceMs,
        captureStdout: false,
        onLine: line => {
          const shown = this.show(line)
          if (shown === undefined) return
          request.log(shown)
          tail.push(shown)
          if (tail.length > TAIL_LINES) tail.shift()
        }
      })
    } catch (error) {
      if (request.signal?.aborted) throw new UserError(`${title} was cancelled`)
      throw new UserError(`${title}: could not run ${this.binary}: ${redact(oneLine(error))}`)
    }
    if (result.code === 0) return true
    if (
      options.mayLackConfig &&
      result.code === 2 &&
      tail.some(line => /unrecognized subcommand '?config'?/.test(line))
    )
      return false
    // The end of rfs's output is what explains a failure; repeated beside the error it is found.
    request.log(`${title} ${describeExit(result)}; its last ${tail.length} lines:`)
    for (const line of tail) request.log(line)
    const reason = lastError(tail)
    const hint = this.credentialsHint()
    throw new UserError(
      `${title} failed: rfs ${describeExit(result)}${reason ? `: ${reason}` : ''}; nothing was published${hint}`
    )
  }
}

/** The most telling line of rfs's output: its last error line, else its last line. */
function lastError(tail: string[]): string | undefined {
  const lines = tail.map(line => line.trim()).filter(line => line.length > 0)
  const errors = lines.filter(line => /error/i.test(line))
  const line = errors.at(-1) ?? lines.at(-1)
  return line === undefined ? undefined : oneLine(line).slice(0, 300)
}

/** A program that exits 0 without writing the flist is not the rfs it claims to be. */
async function checkWritten(
  binary: string,
  flistPath: string,
  kind: string,
  label: InputLabel
): Promise<void> {
  const written = await stat(flistPath).then(
    stats => stats.isFile() && stats.size > 0,
    () => false
  )
  if (written) return
  throw new UserError(
    `rfs pack ${kind}: ${binary} exited with code 0 without writing the flist: ` +
      `check that it is rfs (${binary} --version, or set ${label('rfs-path')}); nothing was published`
  )
}

/** rfs v2.0.6 logs a failed upload and exits 0; the flist shows it as a file short of blocks. */
async function checkUploads(flistPath: string, kind: string, hint: string): Promise<void> {
  const incomplete = await filesMissingBlocks(flistPath).catch((error: unknown) => {
    throw new UserError(
      `rfs pack ${kind} wrote a file that is not an flist (${oneLine(error)}); nothing was published`
    )
  })
  if (incomplete.count === 0) return
  throw new UserError(
    `rfs pack ${kind} failed: ${incomplete.count} file(s) lack blocks, first ${incomplete.first}: ` +
      `rfs could not upload them (its log above says why); nothing was published` +
      hint
  )
}

/** Whether the requested routes are the write stores, as rfs records them by itself. */
function sameRoutes(routes: StoreSpec[], stores: StoreSpec[]): boolean {
  if (routes.length !== stores.length) return false
  return routes.every((route, i) => {
    const store = stores[i]
    return (
      route.start === store.start &&
      route.end === store.end &&
      route.url === stripPassword(store.url)
    )
  })
}

async function countsOf(flistPath: string): Promise<FlistCounts> {
  const reader = await FlistReader.open(flistPath)
  try {
    const counts = flistCounts(reader)
    // rfs uploads every block on every run, whether the store holds it or not.
    return { ...counts, blocksUploaded: reader.distinctBlocks().length, blocksPresent: 0 }
  } finally {
    reader.close()
  }
}
