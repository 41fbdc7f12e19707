import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createLog } from '../src/log.js'
import { Secrets } from '../src/secrets.js'

describe('Secrets', () => {
  it('registers each value once, and each line of a multi-line one', () => {
    const registered: string[] = []
    const s = new Secrets(v => registered.push(v))
    s.add('top-secret-1')
    s.add('top-secret-1')
    s.add(' line-one\nline-two ')
    s.add('')
    s.add(undefined)
    assert.deepEqual(registered, ['top-secret-1', 'line-one\nline-two', 'line-one', 'line-two'])
  })

  it('redacts every occurrence, the longest value first', () => {
    const s = new Secrets(() => undefined)
    s.add('abc')
    s.add('abcdef')
    assert.equal(s.redact('x abcdef y abc z abcdefabc'), 'x *** y *** z ******')
    assert.equal(s.redact('nothing here'), 'nothing here')
  })
})

describe('createLog', () => {
  it('redacts every kind of line before it reaches the runner', () => {
    const s = new Secrets(() => undefined)
    s.add('s3cr3t-value')
    const seen: string[] = []
    const sink = {
      info: (m: string) => seen.push(`info ${m}`),
      warning: (m: string | Error) => seen.push(`warning ${m}`),
      debug: (m: string) => seen.push(`debug ${m}`),
      setFailed: (m: string | Error) => seen.push(`failed ${m}`)
    }
    const log = createLog(s, sink)
    log.info('a s3cr3t-value')
    log.warning('b s3cr3t-value')
    log.debug('c s3cr3t-value')
    log.fail('d s3cr3t-value')
    assert.deepEqual(seen, ['info a ***', 'warning b ***', 'debug c ***', 'failed d ***'])
  })
})
