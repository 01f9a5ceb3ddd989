import { UserError } from '../common/errors.js'
import { urlCredentials, urlScheme } from '../store-url/url.js'

const EXAMPLE = 'e.g. https://cdn.example.com/zos'

/**
 * Checks the public base URL of the manifests and returns it without trailing slashes. It is
 * echoed into the outputs and the summary, so it may carry no credentials; and readers resolve
 * it, so its path may hold no segment they would resolve away (`..`, `.`, or their %-escapes).
 * `subject` names where it was given.
 */
export function checkPublicUrl(value: string, subject: string): string {
  if (
    urlCredentials(value) !== undefined ||
    (urlScheme(value) === undefined && value.includes('@'))
  ) {
    throw new UserError(
      `${subject}: credentials do not belong in the public URL, which is published in the outputs: give the address readers fetch anonymously, ${EXAMPLE}`
    )
  }
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (
    !url ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    /[?#\\]/.test(value) ||
    !value.includes('://')
  ) {
    throw new UserError(`${subject}='${value}' is not a base URL: write ${EXAMPLE}`)
  }
  const path = value.slice(value.indexOf('//') + 2).replace(/^[^/]*/, '')
  for (const segment of path.split('/')) {
    if (isDotSegment(segment)) {
      throw new UserError(
        `${subject}='${value}' has the path segment '${segment}', which readers resolve away: write the path it stands for, ${EXAMPLE}`
      )
    }
  }
  return value.replace(/\/+$/, '')
}

function isDotSegment(segment: string): boolean {
  const dots = segment.replace(/%2e/gi, '.')
  return dots === '.' || dots === '..'
}
