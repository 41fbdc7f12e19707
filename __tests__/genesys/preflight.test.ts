// The evaluator: what each planned action needs from the table, against the client's grants, with
// the no-false-alarm rules (SCHEMA.md): only certain ALL / ANY needs fail; the rest is "not checked".
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Grants, parseRole } from '../../src/genesys/grants.js'
import { readPlan } from '../../src/genesys/plan.js'
import { evaluate, readTable, type Table } from '../../src/genesys/preflight.js'
import { plan, roleJson, TABLE, type ChangeSpec } from '../../tools/plans.js'

const table = readTable(JSON.stringify(TABLE)) as Table
const changes = (specs: ChangeSpec[]) => {
  const read = readPlan(plan(specs))
  assert.ok(read.ok)
  return read.plan.changes
}
/** A client holding `policies` in `division` ('*': all divisions). */
function grants(held: [string, string][]) {
  const roles = new Map(
    held.map(([permission], i) => {
      const [domain, entity, action] = permission.split(':')
      const r = action
        ? roleJson(`r${i}`, [[domain, entity, [action]]])
        : roleJson(`r${i}`, [], [permission])
      return [`r${i}`, parseRole(`r${i}`, r, t => t)]
    })
  )
  return new Grants(
    held.map(([, divisionId], i) => ({ roleId: `r${i}`, divisionId })),
    roles
  )
}
const Q = 'genesyscloud_routing_queue.support'
const W = 'genesyscloud_routing_wrapupcode.billing'

describe('evaluate', () => {
  it('create needs create and read-back; a missing ALL permission is a miss, named', () => {
    const e = evaluate(
      changes([{ address: W, actions: ['create'] }]),
      table,
      grants([['routing:wrapupCode:view', '*']]),
      []
    )
    assert.deepEqual(e.misses, [
      {
        address: W,
        verb: 'create',
        permissions: ['routing:wrapupCode:add'],
        any: false,
        division: undefined
      }
    ])
    assert.deepEqual(e.missing, ['routing:wrapupCode:add'])
    assert.equal(e.checkedChanges, 1)
    assert.equal(e.permissions, 2)
  })

  it('everything granted in all divisions: no miss', () => {
    const e = evaluate(
      changes([
        { address: W, actions: ['create'], after: 'd1' },
        { address: 'genesyscloud_routing_wrapupcode.kept', actions: ['no-op'], before: 'd2' }
      ]),
      table,
      grants([['routing:wrapupCode:*', '*']]),
      []
    )
    assert.deepEqual(e.misses, [])
    assert.deepEqual(e.missing, [])
  })

  it('no-op reads what the plan keeps; update and delete read it too', () => {
    const e = evaluate(
      changes([
        { address: 'genesyscloud_routing_wrapupcode.a', actions: ['no-op'] },
        { address: 'genesyscloud_routing_wrapupcode.b', actions: ['update'] },
        { address: 'genesyscloud_routing_wrapupcode.c', actions: ['delete'] }
      ]),
      table,
      grants([]),
      []
    )
    const lines = e.misses.map(m => `${m.address} ${m.verb} ${m.permissions[0]}`).sort()
    assert.deepEqual(lines, [
      'genesyscloud_routing_wrapupcode.a read routing:wrapupCode:view',
      'genesyscloud_routing_wrapupcode.b read routing:wrapupCode:view',
      'genesyscloud_routing_wrapupcode.b update routing:wrapupCode:edit',
      'genesyscloud_routing_wrapupcode.c delete routing:wrapupCode:delete',
      'genesyscloud_routing_wrapupcode.c read routing:wrapupCode:view'
    ])
  })

  it('a replace (["delete","create"], and create-before-destroy) needs both', () => {
    for (const actions of [
      ['delete', 'create'],
      ['create', 'delete']
    ] as const) {
      const e = evaluate(
        changes([{ address: W, actions: [...actions] as ['delete', 'create'] }]),
        table,
        grants([['routing:wrapupCode:view', '*']]),
        []
      )
      assert.deepEqual(e.missing.sort(), ['routing:wrapupCode:add', 'routing:wrapupCode:delete'])
    }
  })

  it('ANY: one alternative granted is enough; none granted is one miss listing them all', () => {
    const update = changes([{ address: 'genesyscloud_user.agent', actions: ['update'] }])
    assert.deepEqual(evaluate(update, table, grants([['directory:user:edit', '*']]), []).misses, [])
    assert.deepEqual(evaluate(update, table, grants([['admin', '*']]), []).misses, [])
    const e = evaluate(update, table, grants([['directory:user:view', '*']]), [])
    assert.deepEqual(e.misses, [
      {
        address: 'genesyscloud_user.agent',
        verb: 'update',
        permissions: ['admin', 'directory:user:edit', 'directory:organization:admin'],
        any: true,
        division: undefined
      }
    ])
    assert.deepEqual(e.missing, ['admin|directory:user:edit|directory:organization:admin'])
  })

  it('divisions: granted in the named division or in all; missing *there* otherwise', () => {
    const plan = changes([
      { address: Q, actions: ['create'], after: 'home' },
      { address: 'genesyscloud_routing_queue.elsewhere', actions: ['create'], after: 'sales' }
    ])
    const e = evaluate(
      plan,
      table,
      grants([
        ['routing:queue:add', 'home'],
        ['routing:queue:view', '*'],
        ['routing:queue:edit', '*']
      ]),
      []
    )
    assert.deepEqual(e.misses, [
      {
        address: 'genesyscloud_routing_queue.elsewhere',
        verb: 'create',
        permissions: ['routing:queue:add'],
        any: true,
        division: 'sales'
      }
    ])
    assert.deepEqual(e.missing, ['routing:queue:add'])
  })

  it('moving an object between divisions needs the update permission in both', () => {
    const e = evaluate(
      changes([{ address: Q, actions: ['update'], before: 'home', after: 'sales' }]),
      table,
      grants([
        ['routing:queue:edit', 'home'],
        ['routing:queue:view', '*']
      ]),
      []
    )
    assert.deepEqual(
      e.misses.map(m => `${m.verb} ${m.division}`),
      ['update sales']
    )
  })

  it('a division known only at apply: a grant in some divisions is "not checked", none is a miss', () => {
    const unknown = changes([{ address: Q, actions: ['create'], after: 'unknown' }])
    const some = evaluate(
      unknown,
      table,
      grants([
        ['routing:queue:add', 'home'],
        ['routing:queue:view', '*'],
        ['routing:queue:edit', '*']
      ]),
      []
    )
    assert.deepEqual(some.misses, [])
    assert.deepEqual(
      some.unchecked.map(u => [u.reason, u.verb, u.detail]),
      [['division-unknown', 'create', 'routing:queue:add']]
    )
    const none = evaluate(unknown, table, grants([['routing:queue:view', '*']]), [])
    assert.deepEqual(none.missing, ['routing:queue:add'])
  })

  it('conditional policies, uncertain needs, undeclared and unknown operations only warn', () => {
    const roles = new Map([
      [
        'c',
        parseRole(
          'c',
          roleJson('c', [
            ['routing', 'wrapupCode', ['add'], { conditional: true }],
            ['routing', 'wrapupCode', ['view']]
          ]),
          t => t
        )
      ]
    ])
    const conditional = evaluate(
      changes([{ address: W, actions: ['create'] }]),
      table,
      new Grants([{ roleId: 'c', divisionId: '*' }], roles),
      []
    )
    assert.deepEqual(conditional.misses, [])
    assert.deepEqual(
      conditional.unchecked.map(u => u.reason),
      ['conditional']
    )

    const e = evaluate(
      changes([
        { address: Q, actions: ['create'] },
        { address: 'genesyscloud_user.new', actions: ['create'] },
        { address: 'genesyscloud_user.gone', actions: ['delete'] },
        { address: 'genesyscloud_flow.main', actions: ['create'] }
      ]),
      table,
      grants([
        ['routing:queue:add', '*'],
        ['routing:queue:view', '*'],
        ['architect:job:create', '*']
      ]),
      []
    )
    assert.deepEqual(e.misses, [], 'the members call is uncertain: no failure')
    assert.deepEqual(e.unchecked.map(u => u.reason).sort(), [
      'note',
      'uncertain',
      'undeclared',
      'unknown-operation'
    ])
  })

  it('types missing from the table, data sources and unknown actions are not checked', () => {
    const e = evaluate(
      changes([
        { address: 'genesyscloud_new_thing.a', actions: ['create'] },
        { address: 'genesyscloud_new_thing.b', actions: ['create'] },
        { address: 'data.genesyscloud_routing_queue.q', actions: ['read'], mode: 'data' },
        { address: 'genesyscloud_routing_wrapupcode.f', actions: ['forget'] }
      ]),
      table,
      grants([]),
      []
    )
    assert.deepEqual(e.misses, [])
    const unknownType = e.unchecked.find(u => u.reason === 'type-unknown')!
    assert.equal(unknownType.count, 2)
    assert.equal(unknownType.address, 'genesyscloud_new_thing.a')
    assert.ok(e.unchecked.some(u => u.reason === 'data-source'))
    assert.equal(e.checkedChanges, 1)
  })

  it('required permissions are checked in any division; an ANY list is left out when a member is listed', () => {
    const e = evaluate(
      changes([{ address: 'genesyscloud_user.agent', actions: ['update'] }]),
      table,
      grants([['routing:queue:view', 'home']]),
      ['routing:queue:view', 'directory:user:edit']
    )
    assert.deepEqual(e.missing, ['directory:user:edit'])
    assert.equal(e.misses.length, 2)
  })
})

describe('readTable', () => {
  it('accepts the schema, refuses another shape', () => {
    assert.ok(readTable(JSON.stringify(TABLE)))
    assert.equal(readTable('{"resources": {"t": {"division": true}}}'), undefined)
    assert.equal(readTable('{"resources": []}'), undefined)
    assert.equal(readTable('not json'), undefined)
    const bad = structuredClone(TABLE) as { resources: Record<string, { read: unknown[] }> }
    bad.resources.genesyscloud_routing_queue.read = [{ operation: 'GET x', require: 'SOME' }]
    assert.equal(readTable(JSON.stringify(bad)), undefined)
  })
})
