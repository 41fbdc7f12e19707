// npm run release: tags the version in package.json as vX.Y.Z, moves the major tag vX (what
// users' `uses: …@v1` resolves to) onto it, and pushes both. It refuses to tag anything that is
// not exactly what was reviewed: a dirty work tree, a dist/ that differs from a fresh build, a
// version without a CHANGELOG section, a tag that already exists, or a commit that is not on the
// remote's main. Tags are fetched from the remote first, so a clone with stale tags cannot move
// the major tag back below a newer release made elsewhere.
//
//   npm run release -- [--dry-run] [--no-push] [--remote origin] [--notes-file notes.md]
//                      [--skip-dist-check]
//
// --dry-run runs every check and changes nothing; --no-push tags locally only. --notes-file
// writes the version's CHANGELOG section, the release notes for `gh release create`.
// --skip-dist-check leaves out the rebuild of dist/, for a caller that has checked this very
// commit's dist/ itself: the release workflow rebuilds it in a read-only job, so that the job
// holding the write token installs nothing (Node 24 runs this file without node_modules).
import { execFileSync } from 'node:child_process'
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

export class Refusal extends Error {}

interface Options {
  dryRun: boolean
  push: boolean
  remote: string
  notesFile?: string
  distCheck: boolean
}

/** The branch releases are made from: what users' `@vX` may point at is what main has had. */
const MAIN = 'main'

export function parseArgs(argv: string[]): Options {
  const options: Options = { dryRun: false, push: true, remote: 'origin', distCheck: true }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--dry-run') options.dryRun = true
    else if (arg === '--no-push') options.push = false
    else if (arg === '--skip-dist-check') options.distCheck = false
    else if (arg === '--remote' || arg === '--notes-file') {
      const value = argv[++i]
      if (!value || value.startsWith('--')) throw new Refusal(`${arg} needs a value`)
      if (arg === '--remote') options.remote = value
      else options.notesFile = value
    } else throw new Refusal(`unknown option ${arg}`)
  }
  return options
}

/** [major, minor, patch] of a plain X.Y.Z; pre-releases and build metadata are not released. */
export function parseVersion(version: string): [number, number, number] | undefined {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(version)
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * The body of the `## [X.Y.Z]` (Keep a Changelog) or `## X.Y.Z` section, up to the next `## `
 * heading, without the link definitions a last section may carry. Undefined when there is none.
 */
export function changelogSection(changelog: string, version: string): string | undefined {
  const lines = changelog.split(/\r?\n/)
  const heading = new RegExp(`^## \\[?v?${escape(version)}\\]?(?:\\s|$)`)
  const start = lines.findIndex(line => heading.test(line))
  if (start < 0) return undefined
  const next = lines.findIndex((line, i) => i > start && /^##?\s/.test(line))
  const body = lines
    .slice(start + 1, next < 0 ? undefined : next)
    .filter(line => !/^\[[^\]]+\]:\s/.test(line))
    .join('\n')
    .trim()
  return body || undefined
}

const git = (args: string[]) =>
  execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

const tagCommit = (tag: string) => {
  try {
    return git(['rev-parse', '-q', '--verify', `refs/tags/${tag}^{commit}`])
  } catch {
    return undefined
  }
}

/**
 * The newer release of the same major line, if there is one: then vMAJOR stays where it is, so
 * that a fix for an older minor never moves users back.
 */
export function newerOfMajor(version: string, tags: string[]): string | undefined {
  const [major, minor, patch] = parseVersion(version)!
  return tags
    .map(tag => ({ tag, v: parseVersion(tag.replace(/^v/, '')) }))
    .filter(({ v }) => v && v[0] === major && (v[1] > minor || (v[1] === minor && v[2] > patch)))
    .sort((a, b) => b.v![1] - a.v![1] || b.v![2] - a.v![2])[0]?.tag
}

function release(options: Options): void {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version?: string }
  const parsed = version ? parseVersion(version) : undefined
  if (!version || !parsed)
    throw new Refusal(`package.json version "${version}" is not a plain X.Y.Z release version`)
  const tag = `v${version}`
  const major = `v${parsed[0]}`

  const notes = changelogSection(readFileSync('CHANGELOG.md', 'utf8'), version)
  if (!notes)
    throw new Refusal(`CHANGELOG.md has no "## [${version}]" section with notes: add one first`)

  const dirty = git(['status', '--porcelain'])
  if (dirty) throw new Refusal(`the work tree is not clean: commit or stash first\n${dirty}`)

  // The remote's tags and main, not this clone's memory of them: a newer vMAJOR.* released from
  // another clone must keep vMAJOR where it is, and only a commit of main may be released.
  const remoteMain = `refs/remotes/${options.remote}/${MAIN}`
  try {
    git([
      'fetch',
      '--quiet',
      '--tags',
      '--force',
      options.remote,
      `+refs/heads/${MAIN}:${remoteMain}`
    ])
  } catch (err) {
    const reason = (err as { stderr?: string }).stderr?.trim() || String(err)
    throw new Refusal(`cannot fetch tags and ${MAIN} from ${options.remote}: ${reason}`)
  }
  const head = git(['rev-parse', 'HEAD'])
  try {
    git(['merge-base', '--is-ancestor', head, remoteMain])
  } catch {
    throw new Refusal(
      `HEAD (${head}) is not on ${options.remote}/${MAIN}: release a commit that is on ${MAIN}, ` +
        `after its pull request is merged and pushed`
    )
  }

  if (tagCommit(tag)) throw new Refusal(`tag ${tag} already exists`)
  if (options.push && git(['ls-remote', '--tags', options.remote, `refs/tags/${tag}`]))
    throw new Refusal(`tag ${tag} already exists on ${options.remote}`)

  if (options.distCheck) {
    console.log('Rebuilding dist/ (npm run package) to check that it is fresh…')
    execFileSync('npm', ['run', 'package'], { stdio: ['ignore', 'inherit', 'inherit'] })
    const stale = git(['status', '--porcelain', '--', 'dist'])
    if (stale)
      throw new Refusal(
        `dist/ differs from a fresh 'npm run package': commit the rebuilt dist/ first\n${stale}`
      )
  }

  const newer = newerOfMajor(version, git(['tag', '--list', `${major}.*`]).split('\n'))
  const majorWas = tagCommit(major)

  if (options.notesFile) {
    writeFileSync(options.notesFile, `${notes}\n`)
    console.log(`Release notes for ${tag} written to ${options.notesFile}`)
  }

  const steps: { done: string; run: () => void }[] = [
    {
      done: `Tagged ${tag} at ${head}`,
      run: () =>
        execFileSync('git', ['tag', '--annotate', '--file=-', '--cleanup=verbatim', tag, head], {
          input: `${tag}\n\n${notes}\n`,
          stdio: ['pipe', 'ignore', 'inherit']
        })
    }
  ]
  if (!newer)
    steps.push({
      done: majorWas ? `Moved ${major} from ${majorWas} to ${head}` : `Created ${major} at ${head}`,
      run: () => git(['tag', '--force', '--annotate', '--message', tag, major, head])
    })
  if (options.push) {
    steps.push({
      done: `Pushed ${tag} to ${options.remote}`,
      run: () => git(['push', options.remote, `refs/tags/${tag}`])
    })
    if (!newer)
      steps.push({
        done: `Pushed ${major} to ${options.remote} (forced)`,
        run: () => git(['push', '--force', options.remote, `refs/tags/${major}`])
      })
  }

  if (newer) console.log(`${major} stays where it is: ${newer} is newer than ${tag}`)
  for (const step of steps) {
    if (options.dryRun) console.log(`Dry run, skipped: ${step.done}`)
    else {
      step.run()
      console.log(step.done)
    }
  }
  if (options.dryRun) console.log('Dry run: every check passed; nothing was tagged or pushed.')
  else if (!options.push)
    console.log(
      `Not pushed (--no-push). To publish: git push ${options.remote} refs/tags/${tag}` +
        (newer ? '' : ` && git push --force ${options.remote} refs/tags/${major}`)
    )
  else if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `tag=${tag}\n`)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    release(parseArgs(process.argv.slice(2)))
  } catch (err) {
    if (!(err instanceof Refusal)) throw err
    console.error(`release: refused: ${err.message}`)
    process.exitCode = 1
  }
}
