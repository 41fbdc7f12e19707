import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createLog } from '../../src/action/log.js'
import { Secrets } from '../../src/action/log.js'

const collect = () => {
  const registered: string[] = []
  return { registered, secrets: new Secrets(v => registered.push(v)) }
}

describe('Secrets.add', () => {
  it('registers a value with the runner once, however often it is added', () => {
    const { registered, secrets } = collect()
    secrets.add('top-secret-1')
    secrets.add('top-secret-1')
    secrets.add('  top-secret-1 ')
    assert.deepEqual(registered, ['top-secret-1'])
  })

  it('ignores empty, blank and undefined values', () => {
    const { registered, secrets } = collect()
    secrets.add('')
    secrets.add(undefined)
    secrets.add(' \n\t ')
    assert.deepEqual(registered, [])
    assert.equal(secrets.redact('nothing to hide'), 'nothing to hide')
  })

  it('registers a multi-line value whole and each of its lines, trimmed', () => {
    const { registered, secrets } = collect()
    secrets.add(' line-one\nline-two \n\n  line-three\r\nline-four')
    assert.deepEqual(registered, [
      'line-one\nline-two \n\n  line-three\r\nline-four',
      'line-one',
      'line-two',
      'line-three',
      'line-four'
    ])
  })

  it('does not register a line again that is already known', () => {
    const { registered, secrets } = collect()
    secrets.add('alpha-1')
    secrets.add('alpha-1\nbeta-2')
    assert.deepEqual(registered, ['alpha-1', 'alpha-1\nbeta-2', 'beta-2'])
  })
})

describe('Secrets.redact', () => {
  it('replaces every occurrence of every value', () => {
    const s = new Secrets(() => undefined)
    s.add('s3cr3t')
    s.add('t0ken')
    assert.equal(s.redact('s3cr3t and t0ken, again s3cr3t/t0ken'), '*** and ***, again ***/***')
  })

  it('redacts the longest value first, so a secret containing another goes whole', () => {
    for (const order of [
      ['abc', 'abcdef'],
      ['abcdef', 'abc']
    ]) {
      const s = new Secrets(() => undefined)
      for (const v of order) s.add(v)
      assert.equal(s.redact('x abcdef y abc z abcdefabc'), 'x *** y *** z ******', order.join())
    }
  })

  it('redacts a multi-line secret whole, and its lines where they appear alone', () => {
    const s = new Secrets(() => undefined)
    s.add('-----BEGIN KEY-----\nAAAAbbbbCCCC\n-----END KEY-----')
    assert.equal(
      s.redact('key: -----BEGIN KEY-----\nAAAAbbbbCCCC\n-----END KEY----- done'),
      'key: *** done'
    )
    assert.equal(s.redact('line: AAAAbbbbCCCC'), 'line: ***')
    assert.equal(s.redact('-----END KEY-----'), '***')
  })

  it('treats values literally, not as patterns', () => {
    const s = new Secrets(() => undefined)
    s.add('a.b*c$(d)')
    assert.equal(s.redact('see a.b*c$(d) and aXbbc'), 'see *** and aXbbc')
    s.add('$&')
    assert.equal(s.redact('x $& y'), 'x *** y')
  })
})

describe('createLog', () => {
  const sinkOf = (seen: string[]) => ({
    info: (m: string) => seen.push(`info ${m}`),
    debug: (m: string) => seen.push(`debug ${m}`),
    warning: (m: string | Error) => seen.push(`warning ${m}`),
    setFailed: (m: string | Error) => seen.push(`failed ${m}`)
  })

  it('redacts every kind of line before it reaches the runner', () => {
    const s = new Secrets(() => undefined)
    s.add('s3cr3t-value')
    const seen: string[] = []
    const log = createLog(s, sinkOf(seen))
    log.info('a s3cr3t-value')
    log.debug('c s3cr3t-value\n::x::')
    log.warning('b s3cr3t-value')
    log.fail('d s3cr3t-value')
    assert.deepEqual(seen, ['info a ***', 'debug c *** ::x::', 'warning b ***', 'failed d ***'])
  })

  it('keeps an info line one line: server text cannot start a workflow command', () => {
    const seen: string[] = []
    const log = createLog(new Secrets(() => undefined), sinkOf(seen))
    log.info('a\n::add-path::x')
    log.info('b\r\n::set-env name=X::1\u2028c\u0085d')
    assert.deepEqual(seen, ['info a ::add-path::x', 'info b ::set-env name=X::1 c d'])
  })

  it('redacts before flattening: a multi-line secret is still found whole', () => {
    const s = new Secrets(() => undefined)
    s.add('line-one\nline-two')
    const seen: string[] = []
    createLog(s, sinkOf(seen)).info('key: line-one\nline-two!')
    assert.deepEqual(seen, ['info key: ***!'])
  })

  it('breaks `##[` in every kind of line: the runner finds it in a ::warning:: line too', () => {
    const seen: string[] = []
    const log = createLog(new Secrets(() => undefined), sinkOf(seen))
    log.info('org "Acme ##[set-output name=api-url]https://evil.example/"')
    log.warning('w ##[add-mask]x')
    log.fail('f ##[stop-commands]t')
    for (const line of seen) assert.ok(!line.includes('##['), line)
    assert.deepEqual(seen, [
      'info org "Acme ##\\[set-output name=api-url]https://evil.example/"',
      'warning w ##\\[add-mask]x',
      'failed f ##\\[stop-commands]t'
    ])
  })

  it('redacts before it breaks `##[`: a secret holding it is still found whole', () => {
    const s = new Secrets(() => undefined)
    s.add('se##[cret')
    const seen: string[] = []
    const log = createLog(s, sinkOf(seen))
    log.info('a se##[cret')
    log.fail('b se##[cret')
    assert.deepEqual(seen, ['info a ***', 'failed b ***'])
    assert.equal(log.redact('c se##[cret'), 'c ***')
  })

  it('leaves line breaks in failures and warnings to the runner, which escapes them', () => {
    const seen: string[] = []
    const log = createLog(new Secrets(() => undefined), sinkOf(seen))
    log.fail('2 probes failed:\n- a\n- b')
    log.warning('w\nx')
    assert.deepEqual(seen, ['failed 2 probes failed:\n- a\n- b', 'warning w\nx'])
  })
})
