// End-to-end tests must never run a dist/ older than src/ (npm test builds first; the harness
// refuses a stale bundle for test runs started another way).
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { staleBundle } from '../../tools/run-action.js'

function tree(): { root: string; touch: (file: string, secondsAgo: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'gca-stale-'))
  const touch = (file: string, secondsAgo: number) => {
    const path = join(root, file)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, '')
    const at = new Date(Date.now() - secondsAgo * 1000)
    utimesSync(path, at, at)
  }
  return { root, touch }
}

describe('staleBundle', () => {
  it('passes a bundle built after every source file', () => {
    const { root, touch } = tree()
    touch('src/steps/main.ts', 60)
    touch('src/deep/er.ts', 50)
    touch('package-lock.json', 100)
    touch('dist/main/index.js', 10)
    touch('dist/post/index.js', 10)
    assert.equal(staleBundle(root), undefined)
  })

  it('names the fix when any source file (however deep) changed after the build', () => {
    const { root, touch } = tree()
    touch('src/steps/main.ts', 60)
    touch('src/deep/er.ts', 5)
    touch('package-lock.json', 100)
    touch('dist/main/index.js', 10)
    touch('dist/post/index.js', 10)
    assert.match(staleBundle(root) ?? '', /dist\/ is older than src\/: run `npm run package`/)
  })

  it('counts the older of the two bundles, and a missing one as stale', () => {
    const { root, touch } = tree()
    touch('src/steps/main.ts', 60)
    touch('package-lock.json', 100)
    touch('dist/main/index.js', 10)
    assert.ok(staleBundle(root), 'no post bundle')
    touch('dist/post/index.js', 90)
    assert.ok(staleBundle(root), 'post bundle older than src')
  })

  it('treats a newer lockfile (other dependencies) as a change too', () => {
    const { root, touch } = tree()
    touch('src/steps/main.ts', 60)
    touch('package-lock.json', 1)
    touch('dist/main/index.js', 10)
    touch('dist/post/index.js', 10)
    assert.ok(staleBundle(root))
  })
})
