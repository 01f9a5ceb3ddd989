import { readFile } from 'node:fs/promises'
import { isAbsolute, relative, sep } from 'node:path'
import { UserError } from '../common/errors.js'
import { describeOsError } from '../common/os-error.js'
import { RUNNER_LABEL, type InputLabel } from '../common/input-label.js'

/** The text of a config file, or undefined when there is no such file. */
export async function readOptionalText(
  path: string,
  display: string,
  label: InputLabel = RUNNER_LABEL
): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    if (code === 'EISDIR') throw new UserError(`${display} is a directory, not a config file`)
    if (code === 'EACCES') throw new UserError(`${display} cannot be read (permission denied)`)
    throw new UserError(
      `${display} cannot be read: ${describeOsError(error)}: check ${label('config-dir')} and the file`
    )
  }
}

/** A path as the user knows it: relative to the project when inside it, else absolute. */
export function displayPath(path: string, projectRoot: string): string {
  const inside = relative(projectRoot, path)
  const outside = inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)
  return inside === '' || outside ? path : inside
}
