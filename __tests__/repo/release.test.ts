// The release script on a scratch repository (a copy of this one) with a local bare repository as
// `origin`: it tags, moves the major tag and pushes, and refuses what must not be released. It
// really rebuilds dist/ each time (~10 s), with this checkout's node_modules.
import assert from 'node:assert/strict'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  linkSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { changelogSection, newerOfMajor, parseArgs, parseVersion } from '../../scripts/release.js'
import { NODE24, ROOT } from '../../tools/run-action.js'

const CHANGELOG = `# Changelog

## [Unreleased]

- Not released yet.

## [1.2.0] - 2026-12-01

### Added

- Something new.

## 1.1.0

- Plain heading.

## [1.0.0] - 2026-11-24

- First.

[1.2.0]: https://example.invalid/compare/v1.1.0...v1.2.0
[1.0.0]: https://example.invalid/releases/tag/v1.0.0
`

describe('release notes and versions', () => {
  it('takes the section of the version, in either heading style, up to the next one', () => {
    assert.equal(changelogSection(CHANGELOG, '1.2.0'), '### Added\n\n- Something new.')
    assert.equal(changelogSection(CHANGELOG, '1.1.0'), '- Plain heading.')
  })

  it('leaves out the link definitions after the last section', () => {
    assert.equal(changelogSection(CHANGELOG, '1.0.0'), '- First.')
  })

  it('finds no section for a version without one, a prefix of one, or an empty one', () => {
    assert.equal(changelogSection(CHANGELOG, '1.3.0'), undefined)
    assert.equal(changelogSection(CHANGELOG, '1.2'), undefined)
    assert.equal(changelogSection(CHANGELOG, '2.0.0'), undefined)
    assert.equal(changelogSection('## [1.0.0]\n\n## [0.9.0]\n\n- x\n', '1.0.0'), undefined)
    assert.equal(changelogSection(CHANGELOG.replace('1.1.0', '11.1.0'), '1.1.0'), undefined)
  })

  it("this repository's CHANGELOG has a section for the version in package.json", () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))
    assert.ok(parseVersion(version), `package.json version ${version}`)
    assert.ok(changelogSection(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), version))
  })

  it('releases plain X.Y.Z versions only', () => {
    assert.deepEqual(parseVersion('1.10.0'), [1, 10, 0])
    for (const bad of ['1.0', '1.0.0-rc.1', '01.0.0', 'v1.0.0', '1.0.0+build'])
      assert.equal(parseVersion(bad), undefined, bad)
  })

  it('does not move the major tag back for a fix of an older minor', () => {
    const tags = ['v1', 'v1.0.0', 'v1.1.0', 'v1.2.0', 'v1.2.1', 'v2.0.0', 'v1.x']
    assert.equal(newerOfMajor('1.1.1', tags), 'v1.2.1')
    assert.equal(newerOfMajor('1.2.2', tags), undefined)
    assert.equal(newerOfMajor('1.3.0', tags), undefined)
    assert.equal(newerOfMajor('2.0.1', tags), undefined)
    assert.equal(newerOfMajor('1.0.0', []), undefined)
  })

  it('reads its options and rejects unknown ones', () => {
    assert.deepEqual(parseArgs(['--dry-run', '--notes-file', 'n.md']), {
      dryRun: true,
      push: true,
      remote: 'origin',
      notesFile: 'n.md',
      distCheck: true
    })
    assert.equal(parseArgs(['--no-push', '--remote', 'up']).remote, 'up')
    assert.equal(parseArgs(['--skip-dist-check']).distCheck, false)
    assert.throws(() => parseArgs(['--notes-file']), /needs a value/)
    assert.throws(() => parseArgs(['--force']), /unknown option/)
  })
})

/**
 * node_modules for the scratch copy, hard-linked (copied across file systems). Not a symlink: ncc
 * numbers modules by their path from the project, so a bundle built through a symlinked
 * node_modules differs from the committed one.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true })
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)]
    if (entry.isDirectory()) linkTree(source, target)
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), target)
    else
      try {
        linkSync(source, target)
      } catch {
        cpSync(source, target)
      }
  }
}

describe('release script on a scratch repository', { timeout: 600_000 }, () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gca-release-'))
  const work = join(tmp, 'work')
  const origin = join(tmp, 'origin.git')
  // Nothing from the calling environment may steer git or write to a real job's outputs.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_') && k !== 'GITHUB_OUTPUT')
  )
  const git = (args: string[], cwd = work) =>
    execFileSync('git', args, { cwd, env, encoding: 'utf8' }).trim()
  const release = (...args: string[]) =>
    spawnSync(NODE24, ['--import', 'tsx', join(ROOT, 'scripts', 'release.ts'), ...args], {
      cwd: work,
      env,
      encoding: 'utf8'
    })
  /** What a tag on origin points at, peeled to its commit, as a user's `@v1` would resolve. */
  const onOrigin = (tag: string) => {
    try {
      return git(['rev-parse', '--verify', `refs/tags/${tag}^{commit}`], origin)
    } catch {
      return undefined
    }
  }
  const setVersion = (version: string) => {
    const pkg = JSON.parse(readFileSync(join(work, 'package.json'), 'utf8'))
    writeFileSync(join(work, 'package.json'), JSON.stringify({ ...pkg, version }, null, 2) + '\n')
  }
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string
  const [major, minor, patch] = parseVersion(version)!
  const next = `${major}.${minor}.${patch + 1}`
  const later = `${major}.${minor}.${patch + 2}`
  /** Adds a CHANGELOG section for `v` above the one of the version in package.json. */
  const addSection = (v: string) => {
    const changelog = readFileSync(join(work, 'CHANGELOG.md'), 'utf8')
    writeFileSync(
      join(work, 'CHANGELOG.md'),
      changelog.replace(
        new RegExp(`^## \\[?${version.replaceAll('.', '\\.')}`, 'm'),
        heading => `## [${v}] - 2026-12-24\n\n- A fix.\n\n${heading}`
      )
    )
  }

  before(() => {
    git(['init', '--bare', '--initial-branch=main', origin], tmp)
    git(['init', '--initial-branch=main', work], tmp)
    // A copy of the files as they are in this checkout, committed edits or not.
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, env, encoding: 'utf8' })
      .split('\0')
      .filter(f => f && existsSync(join(ROOT, f)))
    for (const file of files) {
      mkdirSync(dirname(join(work, file)), { recursive: true })
      cpSync(join(ROOT, file), join(work, file))
    }
    linkTree(join(ROOT, 'node_modules'), join(work, 'node_modules'))
    for (const [key, value] of [
      ['user.name', 'Release Test'],
      ['user.email', 'release-test@example.invalid'],
      ['commit.gpgSign', 'false'],
      ['tag.gpgSign', 'false']
    ])
      git(['config', key, value])
    git(['add', '--all'])
    git(['commit', '--quiet', '--message', 'scratch copy'])
    git(['remote', 'add', 'origin', origin])
    git(['push', '--quiet', 'origin', 'main'])
  })

  after(() => rmSync(tmp, { recursive: true, force: true }))

  it('--dry-run checks everything, writes the notes and changes no tag', () => {
    const r = release('--dry-run', '--notes-file', join(tmp, 'notes.md'))
    assert.equal(r.status, 0, r.stderr)
    assert.match(r.stdout, /Dry run: every check passed/)
    assert.equal(git(['tag', '--list']), '')
    assert.equal(git(['ls-remote', '--tags', 'origin']), '')
    assert.equal(
      readFileSync(join(tmp, 'notes.md'), 'utf8'),
      changelogSection(readFileSync(join(work, 'CHANGELOG.md'), 'utf8'), version) + '\n'
    )
  })

  it(`tags v${version}, creates v${major} and pushes both to origin`, () => {
    const r = release()
    assert.equal(r.status, 0, r.stderr)
    const head = git(['rev-parse', 'HEAD'])
    assert.equal(onOrigin(`v${version}`), head)
    assert.equal(onOrigin(`v${major}`), head)
    assert.equal(git(['cat-file', '-t', `v${version}`], origin), 'tag', 'an annotated tag')
    assert.match(git(['tag', '--list', '--format=%(contents)', `v${version}`]), /\S/)
    assert.match(r.stdout, new RegExp(`Pushed v${major} to origin`))
  })

  it('refuses a tag that already exists', () => {
    const r = release()
    assert.equal(r.status, 1)
    assert.match(r.stderr, new RegExp(`tag v${version} already exists`))
  })

  it('refuses a dirty work tree, untracked files included', () => {
    writeFileSync(join(work, 'stray.txt'), 'not committed\n')
    const r = release()
    rmSync(join(work, 'stray.txt'))
    assert.equal(r.status, 1)
    assert.match(r.stderr, /work tree is not clean[^]*stray\.txt/)
  })

  it('refuses a version without a CHANGELOG section', () => {
    setVersion(next)
    git(['commit', '--quiet', '--all', '--message', `version ${next}`])
    const r = release()
    assert.equal(r.status, 1)
    assert.match(r.stderr, new RegExp(`no "## \\[${next}\\]" section`))
    assert.equal(onOrigin(`v${next}`), undefined)
  })

  it('refuses a dist/ that is not a fresh build', () => {
    addSection(next)
    appendFileSync(join(work, 'dist', 'main', 'index.js'), '// edited by hand\n')
    git(['commit', '--quiet', '--all', '--message', `changelog for ${next}, stale dist`])
    git(['push', '--quiet', 'origin', 'main'])
    const r = release()
    assert.equal(r.status, 1)
    assert.match(r.stderr, /dist\/ differs from a fresh 'npm run package'/)
    assert.equal(git(['tag', '--list', `v${next}`]), '')
  })

  it(`a second release moves v${major} to the new commit and keeps v${version}`, () => {
    const first = onOrigin(`v${version}`)
    git(['commit', '--quiet', '--all', '--message', 'rebuilt dist'])
    git(['push', '--quiet', 'origin', 'main'])
    const r = release()
    assert.equal(r.status, 0, r.stderr)
    const head = git(['rev-parse', 'HEAD'])
    assert.notEqual(head, first)
    assert.equal(onOrigin(`v${next}`), head)
    assert.equal(onOrigin(`v${major}`), head)
    assert.equal(onOrigin(`v${version}`), first)
    assert.match(r.stdout, new RegExp(`Moved v${major} from ${first} to ${head}`))
  })
  it("refuses a commit that is not on origin's main", () => {
    setVersion(later)
    addSection(later)
    git(['commit', '--quiet', '--all', '--message', `version ${later}, not pushed`])
    const r = release('--skip-dist-check')
    assert.equal(r.status, 1)
    assert.match(r.stderr, /HEAD \([0-9a-f]{40}\) is not on origin\/main/)
    assert.equal(git(['tag', '--list', `v${later}`]), '')
    assert.equal(onOrigin(`v${later}`), undefined)
  })

  it(`a clone with stale tags does not move v${major} back below a newer release on origin`, () => {
    git(['push', '--quiet', 'origin', 'main'])
    // Elsewhere (another clone), a newer minor is released from a later commit of main.
    const elsewhere = join(tmp, 'elsewhere')
    git(['clone', '--quiet', origin, elsewhere], tmp)
    const newer = `v${major}.${minor + 1}.0`
    for (const args of [
      ['config', 'user.name', 'Elsewhere'],
      ['config', 'user.email', 'elsewhere@example.invalid'],
      ['commit', '--quiet', '--allow-empty', '--message', `release ${newer}`],
      ['tag', '--annotate', '--message', newer, newer],
      ['tag', '--force', '--annotate', '--message', newer, `v${major}`],
      ['push', '--quiet', 'origin', 'main', `refs/tags/${newer}`],
      ['push', '--quiet', '--force', 'origin', `refs/tags/v${major}`]
    ])
      git(args, elsewhere)
    const newerCommit = onOrigin(newer)
    assert.equal(onOrigin(`v${major}`), newerCommit)
    assert.equal(git(['tag', '--list', newer]), '', 'this clone has not seen it')

    // This clone releases a fix of the older line, from a commit that is on main.
    const r = release('--skip-dist-check')
    assert.equal(r.status, 0, r.stderr)
    assert.equal(onOrigin(`v${later}`), git(['rev-parse', 'HEAD']))
    assert.equal(onOrigin(`v${major}`), newerCommit, `v${major} stays on ${newer}`)
    assert.match(r.stdout, new RegExp(`v${major} stays where it is: ${newer} is newer`))
  })
})
