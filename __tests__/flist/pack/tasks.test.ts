import { describe, expect, test } from '@jest/globals'
import type { Stats } from 'node:fs'
import { BLOCK_SIZE } from '../../../src/flist/format/codec.js'
import { TASK_BYTES, planTasks } from '../../../src/flist/pack/tasks.js'
import type { TreeItem } from '../../../src/flist/pack/walk.js'

function file(name: string, size: number, ino: number): TreeItem {
  return { path: `/tree/${name}`, stats: { size } as Stats, ino } as unknown as TreeItem
}

describe('planTasks', () => {
  test('a large file is cut into segments of 8 chunks, each a task of its own', () => {
    const size = 20 * BLOCK_SIZE + 5
    const tasks = planTasks([file('big.bin', size, 2)])
    expect(tasks.map(task => task.segments)).toEqual([
      [{ path: '/tree/big.bin', first: 0, count: 8, size }],
      [{ path: '/tree/big.bin', first: 8, count: 8, size }],
      [{ path: '/tree/big.bin', first: 16, count: 5, size }]
    ])
    expect(tasks.map(task => task.bytes)).toEqual([TASK_BYTES, TASK_BYTES, 4 * BLOCK_SIZE + 5])
  })

  test('small files share a task up to its bytes, or 64 files', () => {
    const small = Array.from({ length: 130 }, (_, i) => file(`m${i}.ko`, 1000, i + 2))
    const tasks = planTasks(small)
    expect(tasks.map(task => task.segments.length)).toEqual([64, 64, 2])
    expect(tasks[0].files[0]).toBe(small[0])
    expect(tasks[2].bytes).toBe(2000)
    const halves = planTasks([
      file('a', TASK_BYTES / 2, 2),
      file('b', TASK_BYTES / 2, 3),
      file('c', 1, 4)
    ])
    expect(halves.map(task => task.files.map(f => f.path))).toEqual([
      ['/tree/a', '/tree/b'],
      ['/tree/c']
    ])
  })

  test('an empty file gives no segment', () => {
    expect(planTasks([file('empty', 0, 2)])).toEqual([])
  })
})
