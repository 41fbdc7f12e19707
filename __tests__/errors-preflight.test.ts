// The permission preflight's wording: every kind of miss and of "not checked", and the failures,
// from facts only (no value of a plan is ever handed in).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  missLine,
  preflightErrors as errors,
  preflightWarnings as warnings,
  uncheckedLine
} from '../src/errors-preflight.js'

describe('preflight messages', () => {
  it('a miss: address, action, permission, division; ANY lists and required permissions', () => {
    const base = { address: 'genesyscloud_user.a', verb: 'update', any: false }
    assert.equal(
      missLine({ ...base, permissions: ['directory:user:edit'], division: 'd1' }),
      'genesyscloud_user.a: update needs directory:user:edit in division d1'
    )
    assert.equal(
      missLine({ ...base, permissions: ['a:b:c', 'admin'], any: true, division: '*' }),
      'genesyscloud_user.a: update needs any of a:b:c, admin'
    )
    assert.equal(
      missLine({ permissions: ['a:b:c'], any: false }),
      'required-permissions: needs a:b:c'
    )
  })

  it('each reason a change is not checked has its own line, with the address or the count', () => {
    const u = { type: 'genesyscloud_x', verb: 'create', detail: 'POST /api/v2/x', count: 1 }
    const lines = [
      'type-unknown',
      'data-source',
      'action-unknown',
      'note',
      'uncertain',
      'undeclared',
      'unknown-operation',
      'conditional',
      'division-unknown',
      'something-new'
    ].map(reason => uncheckedLine({ ...u, reason, address: 'genesyscloud_x.a' }))
    assert.equal(new Set(lines).size, lines.length, 'every reason worded differently')
    for (const line of lines) assert.match(line, /\(genesyscloud_x\.a\)$/)
    assert.match(uncheckedLine({ ...u, reason: 'note', count: 7 }), /\(7 changes\)$/)
    assert.match(
      uncheckedLine({ reason: 'conditional', detail: 'a:b:c', count: 1 }),
      /^required-permissions: a:b:c, granted only by a conditional policy/
    )
  })

  it('failures name what to do; counts agree in number', () => {
    assert.match(
      errors.permissionsMissing(
        ['x: create needs a:b:c', 'y: delete needs d:e:f'],
        ['a:b:c', 'd:e:f']
      ).message,
      /lack 2 permissions the plan needs \(a:b:c, d:e:f\):\n- x: create needs a:b:c\n- y: delete needs d:e:f\nGrant them/
    )
    assert.match(
      errors.roleReadFailed('r1', 502, 'bad gateway.', 3).message,
      /role r1 .* failed: HTTP 502: bad gateway \(after 3 attempts\)\. Nothing was judged/
    )
    assert.doesNotMatch(errors.roleReadFailed('r1', 404, '', 1).message, /after|: \./)
    assert.match(
      errors.planInvalid('p.json', { kind: 'not-json' }).message,
      /not valid JSON \(with hashicorp\/setup-terraform, set terraform_wrapper: false/
    )
    assert.match(warnings.permissionsUnchecked(['one']), /could not decide one thing; .*\n- one$/)
    assert.match(warnings.permissionsUnchecked(['a', 'b']), /could not decide 2 things/)
  })
})
