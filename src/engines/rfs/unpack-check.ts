// `verify: rfs`: the reference binary unpacks a flist and the result is compared with the tree it
// was packed from. rfs reads blobs only through the routes recorded in the flist, and published
// routes carry no secret (or another address), so rfs is given a temporary copy whose routes are
// the write stores with their credentials. The copy, rfs's cache and the unpacked tree live in one
// private temporary directory, removed whatever happens; the published bytes are never touched.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compareTrees, type TreeComparison } from './compare-trees.js'
import { UserError, oneLine } from '../../common/errors.js'
import { editFlist, replaceRoutes } from '../../flist/format/edit.js'
import type { StoreSpec } from '../../store-url/spec.js'
import { mangledHint, storesForRfs } from './credentials.js'
import {
  defuseLine,
  displayCommand,
  redactUrl,
  redactor,
  secretsOf
} from '../../store-url/redact.js'
import { describeExit, runProgram } from '../../rfs-release/run.js'
import type { InputLabel } from '../../common/input-label.js'

export interface RfsUnpackCheck {
  rfs: { path: string; version: string }
  /** The flist as it will be published; only read. */
  flistPath: string
  /** Its name in messages. */
  name: string
  /** The tree it was packed from. */
  source: string
  /** Where its blobs went; the URLs may hold secrets. */
  writeStores: readonly StoreSpec[]
  /** Names the inputs in messages, as the run was given them. */
  label: InputLabel
  /** Where the temporary directory is made; RUNNER_TEMP, else the system's. */
  tempRoot?: string
  signal?: AbortSignal
  log: (line: string) => void
}

/** rfs's error and warning lines worth showing from an unpack that succeeded. */
const NOTABLE_LINES = 20
/** The end of rfs's output, shown when the unpack fails. */
const TAIL_LINES = 20

/** Has rfs unpack the flist through the write stores; returns how the result compares. */
export async function unpackWithRfs(check: RfsUnpackCheck): Promise<TreeComparison> {
  const root = check.tempRoot ?? (process.env.RUNNER_TEMP || tmpdir())
  await mkdir(root, { recursive: true })
  // mkdtemp makes the directory 0700: the copy inside holds the store credentials.
  const work = await mkdtemp(join(root, 'rfs-verify-'))
  try {
    const copy = join(work, 'with-credentials.fl')
    const tree = join(work, 'tree')
    const cache = join(work, 'cache')
    const forRfs = storesForRfs(check.writeStores)
    await copyFile(check.flistPath, copy)
    await editFlist(copy, replaceRoutes(forRfs.stores))
    await mkdir(tree)
    // A fresh cache: rfs trusts what its cache holds without checking it against the store.
    const args = ['unpack', '-m', copy, '-c', cache, tree]
    const hide = redactor(secretsOf([...check.writeStores, ...forRfs.stores].map(s => s.url)))
    // Paths inside the unpacked tree are shown as paths inside the flist.
    const show = (line: string): string => hide(redactUrl(line)).split(`${tree}/`).join('/')
    check.log(displayCommand(check.rfs.path, args))
    const tail: string[] = []
    const notable: string[] = []
    let result
    try {
      result = await runProgram(check.rfs.path, args, {
        signal: check.signal,
        captureStdout: false,
        onLine: line => {
          const defused = defuseLine(line)
          if (defused === undefined) return
          const shown = show(defused)
          tail.push(shown)
          if (tail.length > TAIL_LINES) tail.shift()
          if (/\b(error|warn)/i.test(shown) && notable.length < NOTABLE_LINES) notable.push(shown)
        }
      })
    } catch (error) {
      if (check.signal?.aborted) throw new UserError(`rfs unpack ${check.name} was cancelled`)
      throw new UserError(
        `verify rfs: could not run ${check.rfs.path}: ${hide(redactUrl(oneLine(error)))}`
      )
    }
    if (result.code !== 0) {
      check.log(`rfs unpack ${check.name} ${describeExit(result)}; its last ${tail.length} lines:`)
      for (const line of tail) check.log(line)
      const reason = lastError(tail)
      const refused = tail.some(line => /\b403\b|SignatureDoesNotMatch|Access ?Denied/i.test(line))
      const hint = forRfs.mangled && refused ? `; ${mangledHint(check.label)}` : ''
      throw new UserError(
        `verify rfs of ${check.name} failed: rfs ${check.rfs.version} unpack ${describeExit(result)}` +
          `${reason ? `: ${reason}` : ''}; nothing was published${hint}`
      )
    }
    for (const line of notable) check.log(line)
    return await compareTrees(check.source, tree, {
      actualName: `what rfs unpacked`,
      signal: check.signal
    })
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

/** The most telling line of rfs's output: its last error line, else its last line. */
function lastError(tail: string[]): string | undefined {
  const lines = tail.map(line => line.trim()).filter(line => line.length > 0)
  const line = lines.filter(l => /error/i.test(l)).at(-1) ?? lines.at(-1)
  return line === undefined ? undefined : oneLine(line).slice(0, 300)
}
