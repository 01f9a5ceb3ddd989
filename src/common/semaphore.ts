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

  acquire(count = 1): Promise<void> {
    return this.take(count, false)
  }

  /** One permit, ahead of every waiter: for work that the waiting work depends on. */
  acquireFirst(): Promise<void> {
    return this.take(1, true)
  }

  private async take(count: number, first: boolean): Promise<void> {
    if (this.failure) throw this.failure.error
    if ((first || this.waiters.length === 0) && this.available >= count) {
      this.available -= count
      return
    }
    await new Promise<void>((grant, refuse) => {
      const waiter = { count, grant, refuse }
      if (first) this.waiters.unshift(waiter)
      else this.waiters.push(waiter)
    })
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
