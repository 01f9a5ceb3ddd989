// Fails when the committed dist/ (or the inputs module written from action.yml) is not what a
// fresh bundle of the current source gives.
import { execFileSync } from 'node:child_process'

execFileSync('npm', ['run', '-s', 'bundle'], { stdio: 'inherit' })
const changed = execFileSync(
  'git',
  ['status', '--porcelain', '--', 'dist', 'src/action/action-inputs.ts'],
  { encoding: 'utf8' }
)
if (changed.trim() !== '') {
  console.error(
    `dist/ or src/action/action-inputs.ts does not match a fresh bundle; run 'npm run bundle' and commit:\n${changed}`
  )
  process.exit(1)
}
console.log('dist/ matches a fresh bundle')
