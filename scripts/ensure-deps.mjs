// Runs before `npm start` and `npm test`: on a fresh clone (or after the lockfile changed) it
// installs exactly what package-lock.json pins, so the README's commands need nothing else.
import { execSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'

const marker = 'node_modules/.package-lock.json'
const stale =
  !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs
if (stale) {
  console.log('Installing dependencies from package-lock.json (npm ci)…')
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' })
}
