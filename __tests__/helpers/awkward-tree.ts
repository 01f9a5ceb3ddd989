// A tree with the shapes that break packers and readers: empty files, a file of exactly one
// chunk and one of a chunk and a byte, several megabytes mixing compressible and random bytes,
// repeated chunks, links relative, absolute, dangling and into directories, unicode names, deep
// nesting, empty and private directories, a fifo.
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export const CHUNK = 512 * 1024

export function makeAwkwardTree(root: string): void {
  const file = (path: string, content: Buffer | string, mode = 0o644): void => {
    mkdirSync(join(root, path, '..'), { recursive: true })
    writeFileSync(join(root, path), content)
    chmodSync(join(root, path), mode)
  }
  mkdirSync(root, { recursive: true })
  file('empty', '')
  file('sub/also-empty.ko', '')
  file('exact-512k.bin', randomBytes(CHUNK))
  file('one-more.bin', randomBytes(CHUNK + 1))
  const text = Buffer.from('insmod e1000e.ko; modprobe overlay # zero-os\n'.repeat(40_000))
  file('multi-mb.bin', Buffer.concat([randomBytes(CHUNK + 1234), text, Buffer.alloc(CHUNK * 3)]))
  file('zeros-a.bin', Buffer.alloc(CHUNK + 7))
  file('zeros-b.bin', Buffer.alloc(CHUNK + 7))
  file('bin/tool', '#!/bin/sh\necho tool\n', 0o755)
  file('secret/key', 'private', 0o600)
  file('sub/dir/file.txt', 'target of a relative link\n')
  file('ünïcödé-文件.txt', 'unicode name\n')
  file('ディレクトリ/ﬁle ☃.fw', randomBytes(3000))
  file('name with  spaces .txt', 'spaces\n')
  file('a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/deep.txt', 'deep\n')
  mkdirSync(join(root, 'empty-dir'))
  mkdirSync(join(root, 'nested/empty/again'), { recursive: true })
  mkdirSync(join(root, 'private-dir'))
  writeFileSync(join(root, 'private-dir/inside'), 'x')
  chmodSync(join(root, 'private-dir'), 0o700)
  chmodSync(join(root, 'secret'), 0o750)
  symlinkSync('sub/dir/file.txt', join(root, 'link-relative'))
  symlinkSync('/usr/src/linux-headers-6.12.44-Zero-OS', join(root, 'link-absolute'))
  symlinkSync('does/not/exist', join(root, 'link-dangling'))
  symlinkSync('sub', join(root, 'link-to-dir'))
  symlinkSync('../ünïcödé-文件.txt', join(root, 'sub/link up'))
  const fifo = spawnSync('mkfifo', [join(root, 'a-fifo')])
  if (fifo.status !== 0) throw new Error(`mkfifo: ${fifo.stderr}`)
}
