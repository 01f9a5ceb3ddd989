// What became of each distinct blob of a pack: written by this run, found in the stores, or met
// again.

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
  private readonly claimed = new Set<string>()

  /**
   * Counts a block of this blob; true for the first block of the run that names it, whose caller
   * then settles the blob, false (a repeat) for any other.
   */
  claim(id: string): boolean {
    if (this.claimed.has(id)) {
      this.counts.repeated++
      return false
    }
    this.claimed.add(id)
    return true
  }

  /** Records what became of a blob its caller claimed: written, or found in every store. */
  settle(written: boolean): void {
    if (written) this.counts.uploaded++
    else this.counts.present++
  }
}
