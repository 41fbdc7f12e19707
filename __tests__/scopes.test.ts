import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { isGranted, missingScopes, parseScopeList, scopesFromClaims } from '../src/scopes.js'

describe('scopes', () => {
  it('parses space-, comma- and newline-separated lists, without empties or duplicates', () => {
    assert.deepEqual(parseScopeList(' a, b\nc  a,,\r\n d '), ['a', 'b', 'c', 'd'])
    assert.deepEqual(parseScopeList(''), [])
  })

  it('reads scope (string) and scp (string or array) claims', () => {
    assert.deepEqual(scopesFromClaims({ scope: 'a b' }), ['a', 'b'])
    assert.deepEqual(scopesFromClaims({ scp: 'a b' }), ['a', 'b'])
    assert.deepEqual(scopesFromClaims({ scp: ['a', 1, 'b'] }), ['a', 'b'])
    assert.deepEqual(scopesFromClaims({ scope: '' }), [])
  })

  it('tells "unknown" (undefined) apart from "none granted"', () => {
    assert.equal(scopesFromClaims(undefined), undefined)
    assert.equal(scopesFromClaims({ sub: 'x' }), undefined)
    assert.equal(scopesFromClaims({ scope: 42 }), undefined)
  })

  it('a broader scope grants its narrower forms, not the reverse', () => {
    assert.ok(isGranted('conversations:readonly', ['conversations']))
    assert.ok(isGranted('conversations', ['conversations']))
    assert.ok(!isGranted('conversations', ['conversations:readonly']))
    assert.ok(!isGranted('conversationsx', ['conversations']))
    assert.ok(!isGranted('routing', []))
  })

  it('names every missing scope, in the order required', () => {
    assert.deepEqual(missingScopes(['c', 'a:x', 'b', 'd'], ['a', 'b']), ['c', 'd'])
    assert.deepEqual(missingScopes([], ['a']), [])
  })
})
