import { describe, expect, test } from '@jest/globals'
import { Semaphore } from '../../src/common/semaphore.js'

/** Whether the promise has settled by the next turn of the event loop. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false
  promise.then(
    () => (done = true),
    () => (done = true)
  )
  await new Promise(resolve => setImmediate(resolve))
  return done
}

describe('Semaphore', () => {
  test('grants in request order, and a large request is not overtaken by smaller ones', async () => {
    const permits = new Semaphore(3)
    await permits.acquire(2)
    const order: string[] = []
    const large = permits.acquire(3).then(() => order.push('large'))
    const small = permits.acquire(1).then(() => order.push('small'))
    expect(await settled(large)).toBe(false)
    // One permit is free, but the large request waits first in line.
    expect(await settled(small)).toBe(false)
    permits.release(2)
    await Promise.all([large, settled(small)])
    expect(order).toEqual(['large'])
    permits.release(3)
    await small
    expect(order).toEqual(['large', 'small'])
  })

  test('acquireFirst goes ahead of every waiter', async () => {
    const permits = new Semaphore(1)
    await permits.acquire()
    const order: string[] = []
    const waiting = permits.acquire().then(() => order.push('waiting'))
    const first = permits.acquireFirst().then(() => order.push('first'))
    permits.release()
    await first
    permits.release()
    await waiting
    expect(order).toEqual(['first', 'waiting'])
  })

  test('fail refuses every waiter and every later request with the first error', async () => {
    const permits = new Semaphore(0)
    const waiting = permits.acquire()
    permits.fail(new Error('stopped'))
    permits.fail(new Error('later'))
    await expect(waiting).rejects.toThrow('stopped')
    await expect(permits.acquire()).rejects.toThrow('stopped')
  })
})
