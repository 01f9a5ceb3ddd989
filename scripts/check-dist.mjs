// Fails when the committed dist/ is not what a fresh bundle of the current source gives.
import { execFileSync } from 'node:child_process'

execFileSync('npm', ['run', '-s', 'bundle'], { stdio: 'inherit' })
const changed = execFileSync('git', ['status', '--porcelain', '--', 'dist'], { encoding: 'utf8' })
if (changed.trim() !== '') {
  console.error(`dist/ does not match a fresh bundle; run 'npm run bundle' and commit:\n${changed}`)
  process.exit(1)
}
console.log('dist/ matches a fresh bundle')
