// Bounded retries: how many tries, which errors are tried again, and cancellation.
import { expect, test } from '@jest/globals'
import { withRetry } from '../../src/s3/retry.js'

const QUICK = { attempts: 4, baseDelayMs: 1, maxDelayMs: 2 }
const always = (): boolean => true

test('an attempt that fails is tried again until one succeeds, each told its number', async () => {
  const tries: number[] = []
  const result = await withRetry(
    async tryNumber => {
      tries.push(tryNumber)
      if (tryNumber < 3) throw new Error(`failure ${tryNumber}`)
      return 'done'
    },
    always,
    QUICK
  )
  expect(result).toBe('done')
  expect(tries).toEqual([1, 2, 3])
})

test('after the last attempt, its error is the one thrown', async () => {
  let tries = 0
  await expect(
    withRetry(
      async tryNumber => {
        tries++
        throw new Error(`failure ${tryNumber}`)
      },
      always,
      QUICK
    )
  ).rejects.toThrow(/^failure 4$/)
  expect(tries).toBe(4)
})

test('an error that is not worth retrying is thrown at once', async () => {
  let tries = 0
  const refused = new Error('AccessDenied')
  await expect(
    withRetry(
      async () => {
        tries++
        throw refused
      },
      error => error !== refused,
      QUICK
    )
  ).rejects.toBe(refused)
  expect(tries).toBe(1)
})

test('a cancellation during the wait ends it with the reason, and no attempt follows', async () => {
  const controller = new AbortController()
  let tries = 0
  const running = withRetry(
    async () => {
      tries++
      // Cancelled while waiting for the retry, which would come after up to a minute.
      setTimeout(() => controller.abort(new Error('cancelled')), 20)
      throw new Error('SlowDown')
    },
    always,
    { attempts: 3, baseDelayMs: 60_000, maxDelayMs: 60_000 },
    controller.signal
  )
  await expect(running).rejects.toThrow(/^cancelled$/)
  expect(tries).toBe(1)
})

test('a cancellation during an attempt gives that attempt its error, and no retry', async () => {
  const controller = new AbortController()
  let tries = 0
  await expect(
    withRetry(
      async () => {
        tries++
        controller.abort(new Error('cancelled'))
        throw new Error('request aborted')
      },
      always,
      QUICK,
      controller.signal
    )
  ).rejects.toThrow(/^request aborted$/)
  expect(tries).toBe(1)
})
