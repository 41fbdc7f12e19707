// The per-file coverage floors that `npm run test:coverage` checks after node's global threshold
// (scripts/coverage-floors.ts): a file under a floor fails the run even when the total passes.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { belowFloors, FLOORS, parseLcov } from '../../scripts/coverage-floors.js'

const ROOT = '/repo'
const record = (file: string, [lf, lh]: number[], [brf, brh]: number[], [fnf, fnh]: number[]) =>
  `TN:\nSF:${ROOT}/${file}\nFNF:${fnf}\nFNH:${fnh}\nBRF:${brf}\nBRH:${brh}\nLF:${lf}\nLH:${lh}\nend_of_record\n`

describe('coverage floors', () => {
  it('reads lcov percentages per file, relative to the root', () => {
    const files = parseLcov(
      record('src/a.ts', [200, 190], [50, 40], [10, 9]) +
        record('src/b.ts', [0, 0], [0, 0], [0, 0]),
      ROOT
    )
    assert.deepEqual(files, [
      { file: 'src/a.ts', lines: 95, branches: 80, functions: 90 },
      { file: 'src/b.ts', lines: 100, branches: 100, functions: 100 }
    ])
  })

  it('names each file and measure under its floor, however well the total does', () => {
    // authenticate.ts as it was: 81 % of branches, in a total far above every threshold.
    const lcov =
      record('src/steps/authenticate.ts', [240, 230], [94, 76], [12, 12]) +
      Array.from({ length: 20 }, (_, i) =>
        record(`src/x${i}.ts`, [500, 500], [200, 200], [20, 20])
      ).join('')
    assert.deepEqual(belowFloors(parseLcov(lcov, ROOT)), [
      `src/steps/authenticate.ts: branches 80.85 % is under the floor of ${FLOORS.branches} %`
    ])
  })

  it('measures src/ only, and not the shims, which are never called by design', () => {
    const lcov =
      record('src/shims/tunnel/index.js', [20, 10], [0, 0], [4, 1]) +
      record('tools/emulator.ts', [100, 10], [10, 1], [5, 1])
    assert.deepEqual(belowFloors(parseLcov(lcov, ROOT)), [])
  })
})
