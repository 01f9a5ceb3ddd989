/** A content-addressed blob store. Blob names are the lower-case hex of the block id. */
export interface BlobStore {
  /** Human-readable location without secrets, for logs and errors. */
  readonly display: string
  exists(id: string): Promise<boolean>
  /** The blob, or undefined when the store does not hold it. */
  get(id: string): Promise<Buffer | undefined>
  put(id: string, blob: Uint8Array): Promise<void>
}
