// engine: rfs on a machine that cannot download the binary: the run fails at once on an error no
// retry can fix (nothing listens, the host does not resolve, the file is not there) and names the
// ways forward, engine: native among them.
import { afterAll, describe, expect, test } from '@jest/globals'
import { pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'
import { errorLines, runAction } from '../helpers/action.js'
import { copyExample, type TestProject } from '../helpers/project.js'
import { closedPortUrl } from '../helpers/rfs/standin.js'

const projects: TestProject[] = []
afterAll(() => projects.forEach(project => project.remove()))

const WAYS_FORWARD =
  /set input rfs-path to an rfs binary, input rfs-download-url with input rfs-sha256 .*rfs-build: auto with input rfs-source .*or use engine: native/

async function withDownloadUrl(url: string): Promise<string[]> {
  const project = copyExample()
  projects.push(project)
  const run = await runAction(
    {
      'project-root': project.root,
      engine: 'rfs',
      'firmware-tag': 'fw',
      'rfs-download-url': url
    },
    // No rfs on PATH; well under the half minute that retrying an unreachable host used to take.
    { env: { PATH: dirname(process.execPath) }, timeoutMs: 15_000 }
  )
  expect(run.code).toBe(1)
  return errorLines(run)
}

describe('an rfs download that cannot succeed', () => {
  test('a closed loopback port', async () => {
    const url = `${await closedPortUrl()}/rfs`
    expect(await withDownloadUrl(url)).toEqual([
      expect.stringMatching(new RegExp(`could not download rfs from ${url}: .*ECONNREFUSED`))
    ])
    expect((await withDownloadUrl(url))[0]).toMatch(WAYS_FORWARD)
  })

  test('a host that does not exist', async () => {
    const [line] = await withDownloadUrl('https://rfs-download.invalid/rfs')
    expect(line).toMatch(
      /could not download rfs from https:\/\/rfs-download\.invalid\/rfs: .*(ENOTFOUND|EAI_AGAIN)/
    )
    expect(line).toMatch(WAYS_FORWARD)
  })

  test('a file:// URL of a file that does not exist', async () => {
    const url = pathToFileURL(join(dirname(process.execPath), 'no-such-rfs')).href
    const [line] = await withDownloadUrl(url)
    expect(line).toMatch(/could not download rfs from file:.*no-such-rfs: no such file/)
    expect(line).toMatch(WAYS_FORWARD)
  })
})
