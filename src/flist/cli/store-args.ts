// Store arguments as rfs takes them: `[xx-xx=]URL`, lower-case hex range, inclusive.
import type { StoreSpec } from '../../plan/settings.js'
import { redactUrl } from '../../store/url-redact.js'
import { UsageError } from './args.js'

export function parseStoreArg(text: string): StoreSpec {
  const ranged = /^([0-9a-f]{2})-([0-9a-f]{2})=(.+)$/.exec(text)
  const spec = ranged
    ? { start: Number.parseInt(ranged[1], 16), end: Number.parseInt(ranged[2], 16), url: ranged[3] }
    : { start: 0, end: 0xff, url: text }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(spec.url)) {
    throw new UsageError(`invalid store '${redactUrl(spec.url)}': expected [xx-xx=]<scheme>://...`)
  }
  if (spec.start > spec.end)
    throw new UsageError(`invalid store range ${text.slice(0, 5)}: start is after end`)
  return spec
}
