// rfs's read-only http(s):// store: GET <url>/<hh>/<hex id>, then <url>/<hex id>.
import type { BlobStore } from './store.js'
import { parseWhatwgUrl, refuseMisplacedCredentials } from '../store-url/url.js'

export class HttpBlobStore implements BlobStore {
  readonly display: string
  private readonly base: string

  constructor(url: string) {
    // Read as a URL parser reads it, which is what fetch does. A URL it would read otherwise than
    // a person wrote it (an @ past the host) is refused, as store inputs are: its host and path
    // might hold pieces of a secret, or not be the ones meant.
    refuseMisplacedCredentials(url, 'store')
    const parsed = parseWhatwgUrl(url, 'store')
    parsed.username = ''
    parsed.password = ''
    this.display = parsed.toString().replace(/\/+$/, '')
    this.base = this.display
  }

  async storedSize(id: string): Promise<number | undefined> {
    for (const url of this.candidates(id)) {
      const response = await fetch(url, { method: 'HEAD' })
      if (response.ok) {
        const length = response.headers.get('content-length')
        // A server that does not say is asked for the blob itself.
        if (length !== null) return Number(length)
        return (await this.get(id))?.length
      }
      if (response.status !== 404) throw new Error(`HEAD ${url}: HTTP ${response.status}`)
    }
    return undefined
  }

  async get(id: string): Promise<Buffer | undefined> {
    for (const url of this.candidates(id)) {
      const response = await fetch(url)
      if (response.ok) return Buffer.from(await response.arrayBuffer())
      if (response.status !== 404) throw new Error(`GET ${url}: HTTP ${response.status}`)
    }
    return undefined
  }

  async put(): Promise<void> {
    throw new Error(`${this.display} is a read-only http store`)
  }

  private candidates(id: string): string[] {
    return [`${this.base}/${id.slice(0, 2)}/${id}`, `${this.base}/${id}`]
  }
}
