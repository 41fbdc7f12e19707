// Runs the bundled action (dist/) as the GitHub runner does: a separate Node 24 process with
// INPUT_* variables (action.yml's defaults applied), real GITHUB_OUTPUT / GITHUB_ENV /
// GITHUB_STATE / GITHUB_STEP_SUMMARY files that are parsed back, and the exit code.
import { spawn } from 'node:child_process'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parse } from 'yaml'

export const ROOT = resolve(import.meta.dirname, '..')
const ACTION = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, { default?: string }>
}

/**
 * The Node 24 that `runs.using: node24` means: the platform package pinned in package.json's
 * optionalDependencies (npm installs the one matching this machine). macOS has none at that
 * version, so there it is the Node running this (actions/setup-node's 24 in CI).
 */
const platformNode = join(
  ROOT,
  'node_modules',
  `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`,
  'bin',
  process.platform === 'win32' ? 'node.exe' : 'node'
)
export const NODE24 = existsSync(platformNode) ? platformNode : process.execPath

/**
 * End-to-end tests run dist/, so a dist/ older than src/ would test stale code (`npm test` builds
 * first; a test run started another way must not pass on an old bundle).
 */
export function staleBundle(root = ROOT): string | undefined {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map(e =>
        e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs
      )
    )
  const built = Math.min(
    ...['main', 'post'].map(entry => {
      const file = join(root, 'dist', entry, 'index.js')
      return existsSync(file) ? statSync(file).mtimeMs : 0
    })
  )
  const sources = Math.max(
    newest(join(root, 'src')),
    statSync(join(root, 'package-lock.json')).mtimeMs
  )
  return built < sources
    ? 'dist/ is older than src/: run `npm run package` (npm test does it for you)'
    : undefined
}

export interface RunResult {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  env: Record<string, string>
  state: Record<string, string>
  summary: string
  ms: number
  /** The signals sent to the process (see RunOptions.cancel), in order. */
  signals: string[]
  /** From the first signal to the process's exit, in ms (undefined when none was sent). */
  afterSignalMs?: number
}

export interface RunOptions {
  env?: Record<string, string>
  /** STATE_* values for the post step, as the runner hands them back from the main step. */
  state?: Record<string, string>
  timeoutMs?: number
  /**
   * Cancels the step as the runner does once `when` resolves (or, a RegExp, once stdout matches
   * it): `first` (SIGINT unless told), then SIGTERM 7.5 s later, then SIGKILL 2.5 s after that,
   * while the process lives. `first: 'SIGKILL'` is a hard kill instead (out of memory, a lost
   * runner), which no code of the step sees.
   */
  cancel?: { when: Promise<unknown> | RegExp; first?: 'SIGINT' | 'SIGTERM' | 'SIGKILL' }
}

/** The runner's cancellation: the first signal, SIGTERM after 7.5 s, SIGKILL 2.5 s later. */
export const RUNNER_CANCEL = { termAfterMs: 7_500, killAfterMs: 2_500 } as const

/** Parses a runner file-command file: `name<<delimiter` / value / delimiter, or `name=value`. */
export function parseCommandFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value: string[] = []
      while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) {
      const at = lines[i].indexOf('=')
      out[lines[i].slice(0, at)] = lines[i].slice(at + 1)
    }
  }
  return out
}

/** A clean environment: nothing of the outer CI's GITHUB_*, INPUT_*, STATE_* or proxy settings. */
function baseEnv(): Record<string, string> {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT']
  return Object.fromEntries(keep.filter(k => process.env[k]).map(k => [k, process.env[k]!]))
}

export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  for (const name of Object.keys(inputs))
    if (!(name in ACTION.inputs)) throw new Error(`test passes an undeclared input: ${name}`)
  const env: Record<string, string> = {}
  for (const [name, spec] of Object.entries(ACTION.inputs))
    env[`INPUT_${name.toUpperCase().replace(/ /g, '_')}`] = inputs[name] ?? spec.default ?? ''
  return env
}

export async function runAction(
  entry: 'main' | 'post',
  inputs: Record<string, string>,
  opts: RunOptions = {}
): Promise<RunResult> {
  const stale = staleBundle()
  if (stale) throw new Error(stale)
  const dir = mkdtempSync(join(tmpdir(), 'gca-run-'))
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_ENV: 'env',
    GITHUB_STATE: 'state',
    GITHUB_STEP_SUMMARY: 'summary'
  }
  const fileEnv: Record<string, string> = {}
  for (const [name, file] of Object.entries(files)) {
    fileEnv[name] = join(dir, file)
    writeFileSync(fileEnv[name], '')
  }
  const stateEnv = Object.fromEntries(
    Object.entries(opts.state ?? {}).map(([k, v]) => [`STATE_${k}`, v])
  )
  const env = {
    ...baseEnv(),
    ...fileEnv,
    GITHUB_ACTIONS: 'true',
    ...inputEnv(inputs),
    ...stateEnv,
    ...opts.env
  }
  const started = performance.now()
  const child = spawn(NODE24, [join(ROOT, 'dist', entry, 'index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  let printed = (): void => undefined
  child.stdout.on('data', d => {
    stdout += d
    printed()
  })
  child.stderr.on('data', d => (stderr += d))
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000)
  const signals: string[] = []
  const cancelTimers: NodeJS.Timeout[] = []
  let exited = false
  let signalledAt: number | undefined
  const signal = (name: NodeJS.Signals) => {
    if (exited) return
    signalledAt ??= performance.now()
    signals.push(name)
    child.kill(name)
  }
  const when = opts.cancel?.when
  const due =
    when instanceof RegExp
      ? new Promise<void>(resolve => (printed = () => void (when.test(stdout) && resolve())))
      : when
  void due?.then(() => {
    signal(opts.cancel!.first ?? 'SIGINT')
    cancelTimers.push(
      setTimeout(() => signal('SIGTERM'), RUNNER_CANCEL.termAfterMs),
      setTimeout(() => signal('SIGKILL'), RUNNER_CANCEL.termAfterMs + RUNNER_CANCEL.killAfterMs)
    )
  })
  const code = await new Promise<number | null>(done =>
    child.on('close', c => {
      exited = true
      done(c)
    })
  )
  clearTimeout(timer)
  cancelTimers.forEach(clearTimeout)
  const ended = performance.now()
  const ms = ended - started
  const read = (name: string) => readFileSync(fileEnv[name], 'utf8')
  const result: RunResult = {
    code,
    stdout,
    stderr,
    outputs: parseCommandFile(read('GITHUB_OUTPUT')),
    env: parseCommandFile(read('GITHUB_ENV')),
    state: parseCommandFile(read('GITHUB_STATE')),
    summary: read('GITHUB_STEP_SUMMARY'),
    ms,
    signals,
    ...(signalledAt !== undefined ? { afterSignalMs: ended - signalledAt } : {})
  }
  rmSync(dir, { recursive: true, force: true })
  return result
}

/**
 * Every occurrence of a secret in stdout/stderr must be inside an `::add-mask::` command, which
 * the runner consumes; anywhere else it would reach the log. Returns the offending lines.
 */
export function findLeaks(
  result: Pick<RunResult, 'stdout' | 'stderr'>,
  secrets: string[]
): string[] {
  const leaks: string[] = []
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    if (line.startsWith('::add-mask::')) continue
    for (const s of secrets) if (s && line.includes(s)) leaks.push(line.split(s).join('<SECRET>'))
  }
  return leaks
}

export const basicOf = (id: string, secret: string) =>
  Buffer.from(`${id}:${secret}`).toString('base64')
