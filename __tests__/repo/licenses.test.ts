// The MIT notices of the code ncc bundles into dist/ must travel with every copy of it: `npm run
// package` writes dist/main/licenses.txt and dist/post/licenses.txt beside the bundles, and the
// check-dist workflow keeps them equal to a fresh build. Which packages a bundle holds is worked
// out here on its own, from the import graph of its entry point (esbuild's metafile), so a
// dependency that starts being bundled without its notice fails this test. (The stand-ins for
// undici, tunnel and @actions/exec are this project's own code, src/shims, outside node_modules:
// ncc still names them in licenses.txt, with no licence, and they need none.)
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { build } from 'esbuild'
import { ROOT } from '../../tools/run-action.js'

/** The packages under node_modules/ that an entry point reaches, as ncc would bundle them. */
async function bundledPackages(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent'
  })
  const names = Object.keys(metafile.inputs)
    .map(input => /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1])
    .filter((name): name is string => name !== undefined)
  return [...new Set(names)].sort()
}

const licenceText = (name: string) => {
  const dir = join(ROOT, 'node_modules', name)
  const file = readdirSync(dir).find(f => /^licen[cs]e(\.(md|txt))?$/i.test(f))
  assert.ok(file, `${name} ships no LICENSE file`)
  return readFileSync(join(dir, file), 'utf8').trim()
}

const bundles = [
  {
    dir: 'main',
    entry: 'src/index.ts',
    expect: ['@actions/core', '@actions/http-client', 'jwt-decode']
  },
  {
    dir: 'post',
    entry: 'src/post-index.ts',
    expect: ['@actions/core', '@actions/http-client']
  }
]

describe('third-party licences beside the bundles', () => {
  for (const { dir, entry, expect } of bundles) {
    it(`dist/${dir}/licenses.txt carries the licence of every package bundled from ${entry}`, async () => {
      const licenses = readFileSync(join(ROOT, 'dist', dir, 'licenses.txt'), 'utf8')
      const packages = await bundledPackages(entry)
      // Exactly these: one more needs its notice here, and the stubs keep exec, io and tunnel out.
      assert.deepEqual(packages, expect, `the packages ${entry} bundles`)
      for (const name of packages) {
        const { license } = JSON.parse(
          readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')
        ) as { license?: string }
        assert.ok(
          licenses.includes(`${name}\n${license}\n`),
          `dist/${dir}/licenses.txt names ${name} (${license})`
        )
        assert.ok(
          licenses.includes(licenceText(name)),
          `dist/${dir}/licenses.txt holds the licence text of ${name}`
        )
      }
      // ncc names the stubs too, with an empty licence line: no notice of the real ones is here.
      for (const name of ['undici', 'tunnel', '@actions/exec']) {
        const at = licenses.split('\n').indexOf(name)
        if (at >= 0) assert.equal(licenses.split('\n')[at + 1] ?? '', '', `${name} has no licence`)
      }
      assert.doesNotMatch(licenses, /^@actions\/io$/m, 'nothing of @actions/io is bundled')
    })
  }
})
