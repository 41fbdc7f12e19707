import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  isGranted,
  missingScopes,
  parseScopeList,
  scopesFromClaims
} from '../../src/genesys/scopes.js'

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
    assert.deepEqual(scopesFromClaims({ scope: 'a b:c  d' }), ['a', 'b:c', 'd'])
  })

  it('reads scp as a string', () => {
    assert.deepEqual(scopesFromClaims({ scp: 'a b' }), ['a', 'b'])
  })

  it('reads scp as an array, ignoring non-string entries', () => {
    assert.deepEqual(scopesFromClaims({ scp: ['a', 'b:c'] }), ['a', 'b:c'])
    assert.deepEqual(scopesFromClaims({ scp: ['a', 1, null, { x: 1 }, 'b'] }), ['a', 'b'])
  })

  it('prefers scope over scp, and falls back to scp when scope is not usable', () => {
    assert.deepEqual(scopesFromClaims({ scope: 'a', scp: ['b'] }), ['a'])
    assert.deepEqual(scopesFromClaims({ scope: 42, scp: 'b' }), ['b'])
  })

  it('an empty claim means "none granted" ([]), not "unknown"', () => {
    assert.deepEqual(scopesFromClaims({ scope: '' }), [])
    assert.deepEqual(scopesFromClaims({ scp: [] }), [])
  })

  it('no claims, or claims without scope/scp, mean "unknown" (undefined)', () => {
    assert.equal(scopesFromClaims(undefined), undefined)
    assert.equal(scopesFromClaims({}), undefined)
    assert.equal(scopesFromClaims({ sub: 'x', aud: 'y', roles: ['a'] }), undefined)
    assert.equal(scopesFromClaims({ scope: 42 }), undefined)
    assert.equal(scopesFromClaims({ scp: null }), undefined)
    assert.equal(scopesFromClaims({ scope: { a: 1 } }), undefined)
  })
})

describe('isGranted', () => {
  it('a scope grants itself', () => {
    assert.equal(isGranted('conversations', ['conversations']), true)
    assert.equal(isGranted('conversations:readonly', ['users', 'conversations:readonly']), true)
  })

  it('a broader scope grants its narrower forms', () => {
    assert.equal(isGranted('conversations:readonly', ['conversations']), true)
    assert.equal(isGranted('a:b:c', ['a']), true)
    assert.equal(isGranted('a:b:c', ['a:b']), true)
  })

  it('a scope does not grant a longer name that merely starts with it', () => {
    assert.equal(isGranted('conversationsx', ['conversations']), false)
    assert.equal(isGranted('conversations-readonly', ['conversations']), false)
    assert.equal(isGranted('conversations', ['conversation']), false)
  })

  it('a narrower scope does not grant the broader one', () => {
    assert.equal(isGranted('conversations', ['conversations:readonly']), false)
    assert.equal(isGranted('a:b', ['a:b:c']), false)
  })

  it('is case-sensitive and grants nothing from an empty list', () => {
    assert.equal(isGranted('Users', ['users']), false)
    assert.equal(isGranted('routing', []), false)
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
