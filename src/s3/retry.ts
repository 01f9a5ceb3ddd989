/** Bounded retries with exponential backoff and full jitter, for requests to flaky servers. */

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number
  /** Delay cap of the first retry; doubles each time up to maxDelayMs. */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 6, baseDelayMs: 200, maxDelayMs: 5000 }

/**
 * Runs `attempt` until it succeeds, `isRetryable` says no, the attempts run out or `signal`
 * aborts. Full jitter spreads the retries of many parallel uploads so they do not hammer a
 * throttling server in step.
 */
export async function withRetry<T>(
  attempt: (tryNumber: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean,
  policy: RetryPolicy,
  signal?: AbortSignal
): Promise<T> {
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await attempt(tryNumber)
    } catch (error) {
      if (signal?.aborted || tryNumber >= policy.attempts || !isRetryable(error)) throw error
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tryNumber - 1))
      await sleep(Math.random() * cap, signal)
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = (): void => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
