import type { StoreSpec } from '../../store-url/spec.js'
import { isS3Scheme, splitUrl } from '../../store-url/url.js'
import type { InputLabel } from '../../common/input-label.js'
// rfs hands the access key and secret of an s3:// store URL to its S3 client as they are written in
// the URL: the url crate's username() and password() return the percent-encoded text, and rfs
// (v2.0.x and its main branch) passes them on undecoded. A secret `a+b` written `a%2Bb` is signed
// as `a%2Bb`, and S3 answers 403. So rfs gets every character it can take literally written
// literally; a character the URL parser itself would escape (/ : = @ % space, non-ASCII, ...)
// cannot reach rfs intact at all, and a failure of rfs then says so.

/** Unreserved and sub-delimiter characters: the URL parser leaves them as they are in userinfo. */
const LITERAL = /^[A-Za-z0-9\-._~!$&'()*+,]*$/

export interface RfsStores {
  stores: StoreSpec[]
  /** Whether rfs will sign with a key or secret other than the real one. */
  mangled: boolean
}

export function storesForRfs(stores: readonly StoreSpec[]): RfsStores {
  let mangled = false
  const respell = (written: string): string => {
    let decoded: string
    try {
      decoded = decodeURIComponent(written)
    } catch {
      mangled = true
      return written
    }
    if (LITERAL.test(decoded)) return decoded
    mangled = true
    return written
  }
  const out = stores.map(store => {
    const parts = splitUrl(store.url)
    if (!parts || parts.userinfo === undefined || !isS3Scheme(parts.scheme)) return store
    const { scheme, userinfo } = parts
    const colon = userinfo.indexOf(':')
    const user = colon < 0 ? userinfo : userinfo.slice(0, colon)
    const credentials =
      colon < 0 ? respell(user) : `${respell(user)}:${respell(userinfo.slice(colon + 1))}`
    return { ...store, url: `${scheme}://${credentials}@${parts.host}${parts.rest}` }
  })
  return { stores: out, mangled }
}

/** Why S3 refused rfs when rfs got the credentials escaped, and what to do; `label` names the engine input. */
export function mangledHint(label: InputLabel): string {
  return (
    'rfs signs S3 requests with the access key and secret exactly as written in the store URL, ' +
    'so characters that must be percent-encoded there (/ : = @ %, spaces, non-ASCII) reach S3 ' +
    `escaped: use ${label.set('engine', 'native')}, or S3 credentials without such characters`
  )
}
