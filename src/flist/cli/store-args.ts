// Store arguments as rfs takes them: `[xx-xx=]URL`, hex range, inclusive.
import { type StoreSpec } from '../../store-url/spec.js'
import { splitRange, urlScheme } from '../../store-url/url.js'
import { quotedUnlessCredentials } from '../../store-url/redact.js'
import { UsageError } from './args.js'

export function parseStoreArg(text: string): StoreSpec {
  const { start, end, url } = splitRange(text)
  if (urlScheme(url) === undefined) {
    const shown = quotedUnlessCredentials(url) ?? '(not shown: it may hold credentials)'
    throw new UsageError(`invalid store ${shown}: expected [xx-xx=]<scheme>://...`)
  }
  if (start > end)
    throw new UsageError(`invalid store range ${text.slice(0, 5)}: start is after end`)
  return { start, end, url }
}
