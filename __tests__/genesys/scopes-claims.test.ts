// Scopes in a JWT are server text: control characters never survive into a scope.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { scopesFromClaims } from '../../src/genesys/scopes.js'
import { noSecrets } from '../support/loopback.js'

describe('scopesFromClaims with hostile claims', () => {
  it('splits on line breaks and drops control characters, as a string or an array', () => {
    const evil = 'users\n::add-path::/tmp/x\u001b[31m\u2028routing'
    for (const claims of [{ scope: evil }, { scp: [evil, 7, null] }]) {
      const scopes = scopesFromClaims(claims, noSecrets) ?? []
      assert.ok(scopes.includes('users') && scopes.includes('routing'), JSON.stringify(scopes))
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      for (const s of scopes) assert.doesNotMatch(s, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/)
    }
  })
})
