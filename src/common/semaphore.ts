/**
 * Counted permits, granted in request order (acquireFirst apart); `fail` wakes every waiter with
 * an error.
 */
export class Semaphore {
  private readonly waiters: Array<{
    count: number
    grant: () => void
    refuse: (error: unknown) => void
  }> = []
  private failure: { error: unknown } | undefined

  constructor(private available: number) {}

  async acquire(count = 1): Promise<void> {
    if (this.failure) throw this.failure.error
    if (this.waiters.length === 0 && this.available >= count) {
      this.available -= count
      return
    }
    await new Promise<void>((grant, refuse) => this.waiters.push({ count, grant, refuse }))
  }

  /** One permit, ahead of every waiter: for work that the waiting work depends on. */
  async acquireFirst(): Promise<void> {
    if (this.failure) throw this.failure.error
    if (this.available >= 1) {
      this.available -= 1
      return
    }
    await new Promise<void>((grant, refuse) => this.waiters.unshift({ count: 1, grant, refuse }))
  }

  release(count = 1): void {
    this.available += count
    while (this.waiters.length > 0 && this.waiters[0].count <= this.available) {
      const waiter = this.waiters.shift()!
      this.available -= waiter.count
      waiter.grant()
    }
  }

  fail(error: unknown): void {
    this.failure ??= { error }
    for (const waiter of this.waiters.splice(0)) waiter.refuse(error)
  }
}
