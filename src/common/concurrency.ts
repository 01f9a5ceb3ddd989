/**
 * Runs `task` over items with at most `limit` running at once. The first failure stops the rest
 * from starting; it is thrown once the tasks already running have ended, so that a caller that
 * cleans up after a failure never races one of them.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | undefined
  const lane = async (): Promise<void> => {
    while (!failure && next < items.length) {
      try {
        signal?.throwIfAborted()
        const index = next++
        await task(items[index], index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, lane))
  if (failure) throw failure.error
}
