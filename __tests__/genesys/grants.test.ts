// The grant matcher: role policies with `*` wildcards, conditional policies, legacy permissions,
// and divisions (a grant in all divisions, `*`, or in one division such as the home division).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseTokenInfo } from '../../src/genesys/api.js'
import { Grants, grantOf, parseRole, type Role } from '../../src/genesys/grants.js'
import { roleJson } from '../../tools/plans.js'

const noSecrets = (t: string) => t

const role = (...args: Parameters<typeof roleJson>): Role =>
  parseRole(args[0], roleJson(...args), noSecrets)

describe('grantOf', () => {
  it('matches domain, entity and action, with * wildcards and in any letter case', () => {
    const r = role('r1', [
      ['routing', 'wrapupCode', ['add', 'view']],
      ['architect', '*', ['view']],
      ['directory', 'user', ['*']]
    ])
    assert.equal(grantOf(r, 'routing:wrapupcode:add'), 'plain')
    assert.equal(grantOf(r, 'routing:wrapupcode:delete'), undefined)
    assert.equal(grantOf(r, 'architect:flow:view'), 'plain')
    assert.equal(grantOf(r, 'architect:flow:edit'), undefined)
    assert.equal(grantOf(r, 'directory:user:edit'), 'plain')
    assert.equal(grantOf(r, 'routing:queue:add'), undefined)
    assert.equal(grantOf(r, 'routing:wrapupcode'), undefined, 'not a permission')
  })

  it('a conditional policy is "conditional" unless a plain one grants the same', () => {
    const only = role('r1', [['routing', 'queue', ['edit'], { conditional: true }]])
    assert.equal(grantOf(only, 'routing:queue:edit'), 'conditional')
    const both = role('r2', [
      ['routing', 'queue', ['edit'], { conditional: true }],
      ['routing', '*', ['edit']]
    ])
    assert.equal(grantOf(both, 'routing:queue:edit'), 'plain')
  })

  it('allowConditions alone restricts nothing: the condition is its resourceConditionNode', () => {
    // allowConditions says the policy may carry conditions; the Terraform provider's role resource
    // writes a policy's conditions as resourceConditionNode, and a policy without one has none.
    const json = roleJson('r1', [['routing', 'queue', ['edit']]])
    const policies = (json as { permissionPolicies: Record<string, unknown>[] }).permissionPolicies
    policies[0].allowConditions = true
    assert.equal(grantOf(parseRole('r1', json, noSecrets), 'routing:queue:edit'), 'plain')
    policies[0].resourceConditionNode = { variableName: 'queue.id', operator: 'EQ', operands: [] }
    assert.equal(grantOf(parseRole('r1', json, noSecrets), 'routing:queue:edit'), 'conditional')
  })

  it("legacy single-word permissions come from the role's permissions list", () => {
    assert.equal(grantOf(role('r1', [], ['admin']), 'admin'), 'plain')
    assert.equal(grantOf(role('r1', [], []), 'admin'), undefined)
  })
})

describe('Grants', () => {
  const roles = new Map([
    ['everywhere', role('everywhere', [['routing', 'wrapupCode', ['*']]])],
    ['home', role('home', [['routing', 'queue', ['add', 'edit']]])],
    ['cond', role('cond', [['routing', 'queue', ['delete'], { conditional: true }]])]
  ])
  const grants = new Grants(
    [
      { roleId: 'everywhere', divisionId: '*' },
      { roleId: 'home', divisionId: 'home-div' },
      { roleId: 'cond', divisionId: 'home-div' },
      // A role tokens/me names but which was not read: grants nothing.
      { roleId: 'unread', divisionId: '*' }
    ],
    roles
  )

  it('a grant in all divisions (*) covers every division, known or not', () => {
    assert.equal(grants.verdict('routing:wrapupCode:add', { division: 'any-div' }), 'granted')
    assert.equal(grants.verdict('routing:wrapupCode:add', { unknownDivision: true }), 'granted')
    assert.equal(grants.verdict('routing:wrapupCode:add', undefined), 'granted')
  })

  it('a grant in the home division only: granted there, missing in another division', () => {
    assert.equal(grants.verdict('routing:queue:add', { division: 'home-div' }), 'granted')
    assert.equal(grants.verdict('routing:queue:add', { division: 'other-div' }), 'missing')
    assert.equal(grants.verdict('routing:queue:add', undefined), 'granted')
    assert.equal(grants.verdict('routing:queue:add', { unknownDivision: true }), 'division-unknown')
  })

  it('conditional grants cannot be judged; nothing anywhere is missing', () => {
    assert.equal(grants.verdict('routing:queue:delete', { division: 'home-div' }), 'conditional')
    assert.equal(grants.verdict('routing:queue:delete', { division: 'other-div' }), 'missing')
    assert.equal(grants.verdict('routing:queue:delete', undefined), 'conditional')
    assert.equal(grants.verdict('routing:schedule:add', undefined), 'missing')
    assert.equal(grants.verdict('routing:schedule:add', { unknownDivision: true }), 'missing')
  })
})

describe('tokens/me OAuthClient.roleDivisions', () => {
  const info = (client: unknown) =>
    parseTokenInfo({ organization: { id: 'o1' }, OAuthClient: client }, noSecrets)

  it('keeps the role-division pairs; an empty list is a client with no roles', () => {
    assert.deepEqual(
      info({
        roleDivisions: [
          { roleId: 'r-1', divisionId: '*' },
          { roleId: 'r-2', divisionId: 'd-1' }
        ]
      }).roleDivisions,
      [
        { roleId: 'r-1', divisionId: '*' },
        { roleId: 'r-2', divisionId: 'd-1' }
      ]
    )
    assert.deepEqual(info({ roleDivisions: [] }).roleDivisions, [])
  })

  it('an absent or unreadable list is unknown, never "no roles"', () => {
    assert.equal(info({ id: 'c' }).roleDivisions, undefined)
    assert.equal(info(undefined).roleDivisions, undefined)
    assert.equal(
      info({ roleDivisions: [{ roleId: '../../x', divisionId: '*' }] }).roleDivisions,
      undefined
    )
    assert.equal(info({ roleDivisions: [{ roleId: 'r' }] }).roleDivisions, undefined)
  })
})
