import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  isGranted,
  missingScopes,
  parseScopeList,
  scopesFromClaims
} from '../../src/genesys/scopes.js'
import { noSecrets } from '../support/loopback.js'

describe('parseScopeList', () => {
  it('splits on spaces, commas and newlines', () => {
    assert.deepEqual(parseScopeList('a b'), ['a', 'b'])
    assert.deepEqual(parseScopeList('a,b'), ['a', 'b'])
    assert.deepEqual(parseScopeList('a\nb'), ['a', 'b'])
    assert.deepEqual(parseScopeList('a\r\nb'), ['a', 'b'])
    assert.deepEqual(parseScopeList('a\tb'), ['a', 'b'])
    assert.deepEqual(parseScopeList('a, b\nc'), ['a', 'b', 'c'])
  })

  it('drops empty entries from leading, trailing and repeated separators', () => {
    assert.deepEqual(parseScopeList('  ,\n a ,, b ,\n\n'), ['a', 'b'])
    assert.deepEqual(parseScopeList(''), [])
    assert.deepEqual(parseScopeList(' ,\n\t, '), [])
  })

  it('drops duplicates, keeping the first occurrence order', () => {
    assert.deepEqual(parseScopeList('b a b,a\nc b'), ['b', 'a', 'c'])
  })

  it('keeps scope text as typed: colons kept, case significant', () => {
    assert.deepEqual(parseScopeList('conversations:readonly users:readonly'), [
      'conversations:readonly',
      'users:readonly'
    ])
    assert.deepEqual(parseScopeList('Users users'), ['Users', 'users'])
  })

  it('reads a YAML block scalar as users write it', () => {
    assert.deepEqual(parseScopeList('routing\nusers:readonly\n  analytics\n'), [
      'routing',
      'users:readonly',
      'analytics'
    ])
  })
})

describe('scopesFromClaims', () => {
  it('reads the RFC 9068 scope claim (space-separated string)', () => {
    assert.deepEqual(scopesFromClaims({ scope: 'a b:c  d' }, noSecrets), ['a', 'b:c', 'd'])
  })

  it('reads scp as a string', () => {
    assert.deepEqual(scopesFromClaims({ scp: 'a b' }, noSecrets), ['a', 'b'])
  })

  it('reads scp as an array, ignoring non-string entries', () => {
    assert.deepEqual(scopesFromClaims({ scp: ['a', 'b:c'] }, noSecrets), ['a', 'b:c'])
    assert.deepEqual(scopesFromClaims({ scp: ['a', 1, null, { x: 1 }, 'b'] }, noSecrets), [
      'a',
      'b'
    ])
  })

  it('prefers scope over scp, and falls back to scp when scope is not usable', () => {
    assert.deepEqual(scopesFromClaims({ scope: 'a', scp: ['b'] }, noSecrets), ['a'])
    assert.deepEqual(scopesFromClaims({ scope: 42, scp: 'b' }, noSecrets), ['b'])
  })

  it('an empty claim means "none granted" ([]), not "unknown"', () => {
    assert.deepEqual(scopesFromClaims({ scope: '' }, noSecrets), [])
    assert.deepEqual(scopesFromClaims({ scp: [] }, noSecrets), [])
  })

  it('no claims, or claims without scope/scp, mean "unknown" (undefined)', () => {
    assert.equal(scopesFromClaims(undefined, noSecrets), undefined)
    assert.equal(scopesFromClaims({}, noSecrets), undefined)
    assert.equal(scopesFromClaims({ sub: 'x', aud: 'y', roles: ['a'] }, noSecrets), undefined)
    assert.equal(scopesFromClaims({ scope: 42 }, noSecrets), undefined)
    assert.equal(scopesFromClaims({ scp: null }, noSecrets), undefined)
    assert.equal(scopesFromClaims({ scope: { a: 1 } }, noSecrets), undefined)
  })
})

describe('isGranted', () => {
  it('a scope grants itself', () => {
    assert.equal(isGranted('conversations', new Set(['conversations'])), true)
    assert.equal(
      isGranted('conversations:readonly', new Set(['users', 'conversations:readonly'])),
      true
    )
  })

  it('a broader scope grants its narrower forms', () => {
    assert.equal(isGranted('conversations:readonly', new Set(['conversations'])), true)
    assert.equal(isGranted('a:b:c', new Set(['a'])), true)
    assert.equal(isGranted('a:b:c', new Set(['a:b'])), true)
  })

  it('a scope does not grant a longer name that merely starts with it', () => {
    assert.equal(isGranted('conversationsx', new Set(['conversations'])), false)
    assert.equal(isGranted('conversations-readonly', new Set(['conversations'])), false)
    assert.equal(isGranted('conversations', new Set(['conversation'])), false)
  })

  it('a narrower scope does not grant the broader one', () => {
    assert.equal(isGranted('conversations', new Set(['conversations:readonly'])), false)
    assert.equal(isGranted('a:b', new Set(['a:b:c'])), false)
  })

  it('is case-sensitive and grants nothing from an empty list', () => {
    assert.equal(isGranted('Users', new Set(['users'])), false)
    assert.equal(isGranted('routing', new Set([])), false)
  })
})

describe('missingScopes', () => {
  it('lists the required scopes not granted, in the order required', () => {
    assert.deepEqual(missingScopes(['c', 'a:x', 'b', 'd', 'ax'], ['a', 'b']), ['c', 'd', 'ax'])
  })

  it('is empty when nothing is required or everything is granted', () => {
    assert.deepEqual(missingScopes([], ['a']), [])
    assert.deepEqual(missingScopes(['a:readonly', 'b'], ['a', 'b']), [])
  })
})

describe('scope lists as long as a server likes', () => {
  it('missingScopes and isGranted look up, not scan: 150,000 granted, 150,000 required', () => {
    const granted = Array.from({ length: 150_000 }, (_, i) => `g${i}`)
    const required = granted.map(g => `${g}:readonly`)
    required.push('nope', 'g1x')
    // A scan per required scope would take minutes here (22.5 billion comparisons).
    assert.deepEqual(missingScopes(required, granted), ['nope', 'g1x'])
    assert.equal(isGranted('g149999:a:b', new Set(granted)), true)
  })
})
