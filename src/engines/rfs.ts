// The reference rfs binary as a PackEngine: rfs packs and uploads; what its releases cannot do
// (tags and routes: v2.0.x has no `config` command; owner, SOURCE_DATE_EPOCH) is written into
// the flist it made; a file rfs could not upload fails the pack even when rfs exits 0 (v2.0.6
// does); counts come from the built-in reader, so both engines report alike.
import { rm } from 'node:fs/promises'
import type { FlistCounts, PackEngine, PackRequest } from '../engine.js'
import { UserError, oneLine } from '../errors.js'
import { FlistReader } from '../flist/reader.js'
import type { StoreSpec } from '../settings.js'
import { formatStoreSpec, stripPassword } from '../store/spec.js'
import { runnerLog, type RfsLog } from '../rfs/log.js'
import { incompleteFiles } from '../rfs/complete.js'
import { applyMetadataFixes } from '../rfs/normalise.js'
import { defuseLine, displayCommand, redactUrl, redactor, secretsOf } from '../rfs/redact.js'
import { describeExit, runProgram } from '../rfs/run.js'

export interface RfsBinary {
  path: string
  version: string
}

export interface RfsEngineOptions {
  /** Log groups; the lines themselves go to each request's log. */
  log?: RfsLog
}

export function createRfsEngine(binary: RfsBinary, options: RfsEngineOptions = {}): PackEngine {
  const groups = options.log ?? runnerLog
  return {
    name: 'rfs',
    version: binary.version,
    async pack(request: PackRequest): Promise<FlistCounts> {
      const rfs = new RfsRunner(binary.path, request, groups)
      try {
        await rfs.run(`rfs pack ${request.kind}`, [
          'pack',
          '-m',
          request.flistPath,
          ...request.writeStores.flatMap(store => ['-s', formatStoreSpec(store)]),
          request.source
        ])
        await checkUploads(request.flistPath, request.kind)
        // rfs records the write stores (password stripped); readers may need other addresses.
        const routes = sameRoutes(request.routes, request.writeStores) ? undefined : request.routes
        await applyMetadataFixes(request.flistPath, {
          owner: request.owner,
          sourceDateEpoch: request.sourceDateEpoch,
          tags: request.tags,
          routes
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

/** Runs rfs for one request: redacted command line, output in a log group, one-line failures. */
class RfsRunner {
  private readonly redact: (text: string) => string

  constructor(
    private readonly binary: string,
    private readonly request: PackRequest,
    private readonly groups: RfsLog
  ) {
    const hide = redactor(secretsOf(request.writeStores.map(store => store.url)))
    this.redact = text => hide(redactUrl(text))
  }

  /** A line of rfs's output as it may be shown, or undefined when it must not be. */
  private show(line: string): string | undefined {
    const defused = defuseLine(line)
    return defused === undefined ? undefined : this.redact(defused)
  }

  async run(title: string, args: string[]): Promise<void> {
    const { request, redact } = this
    const tail: string[] = []
    this.groups.startGroup(title)
    let result
    try {
      request.log(redact(displayCommand(this.binary, args)))
      result = await runProgram(this.binary, args, {
        signal: request.signal,
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
    } finally {
      this.groups.endGroup()
    }
    if (result.code === 0) return
    // The group is folded in the runner's log; the end of rfs's output is what explains a failure.
    request.log(`${title} ${describeExit(result)}; its last ${tail.length} lines:`)
    for (const line of tail) request.log(line)
    const reason = lastError(tail)
    throw new UserError(
      `${title} failed: rfs ${describeExit(result)}${reason ? `: ${reason}` : ''}; nothing was published`
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

/** rfs v2.0.6 logs a failed upload and exits 0; the flist shows it as a file short of blocks. */
async function checkUploads(flistPath: string, kind: string): Promise<void> {
  const incomplete = await incompleteFiles(flistPath)
  if (incomplete.count === 0) return
  throw new UserError(
    `rfs pack ${kind} failed: ${incomplete.count} file(s) lack blocks, first ${incomplete.first}: ` +
      `rfs could not upload them (its log above says why); nothing was published`
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
    const counts = reader.counts()
    // rfs uploads every block on every run, whether the store holds it or not.
    return { ...counts, blocksUploaded: reader.distinctBlocks().length, blocksPresent: 0 }
  } finally {
    reader.close()
  }
}
