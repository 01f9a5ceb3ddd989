// What became of each distinct blob of a pack: written by this run, found in the stores, or met
// again. Shared by the main-thread uploader and by blobs the block workers stored themselves.

export interface UploadCounts {
  /** Distinct blobs written to at least one store. */
  uploaded: number
  /** Distinct blobs every responsible store already held. */
  present: number
  /** Blocks whose blob was already handled earlier in this run. */
  repeated: number
}

export class BlobTally {
  readonly counts: UploadCounts = { uploaded: 0, present: 0, repeated: 0 }
  /** Blob id → whether this run wrote it; undefined while its stores are being asked. */
  private readonly outcomes = new Map<string, boolean | undefined>()

  /** Counts a block of this blob; false when the blob was met before in this run. */
  claim(id: string): boolean {
    if (this.outcomes.has(id)) {
      this.counts.repeated++
      return false
    }
    this.outcomes.set(id, undefined)
    return true
  }

  /**
   * Records whether the blob was written or found. Two workers can race on one blob and report
   * in either order: a blob written by either of them counts as uploaded, once.
   */
  settle(id: string, written: boolean): void {
    const before = this.outcomes.get(id)
    if (before === undefined) {
      this.outcomes.set(id, written)
      if (written) this.counts.uploaded++
      else this.counts.present++
    } else if (written && !before) {
      this.outcomes.set(id, true)
      this.counts.present--
      this.counts.uploaded++
    }
  }

  /** A block whose blob was stored elsewhere (by a block worker): claim and settle at once. */
  record(id: string, written: boolean): void {
    this.claim(id)
    this.settle(id, written)
  }
}
