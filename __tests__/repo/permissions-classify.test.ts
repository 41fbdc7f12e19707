// The generator's classification rule (docs/permissions-table.md) and the table's text, on
// operations made up for the tests.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Declared, Joined, Method, ResourceDoc } from '../../scripts/permissions/sources.js'
import {
  buildTable,
  classify,
  mainItem,
  renderTable,
  sharedLists,
  type Needs
} from '../../scripts/permissions/table.js'

const j = (line: string, permissions: string[] = ['x:y:z']): Joined => {
  const [method, path] = line.split(' ')
  return {
    method: method as Method,
    path,
    declared: { method: method as Method, path, require: 'ANY', permissions },
    normalised: false
  }
}

/** Each action's operations as `certain|maybe METHOD path`. */
const summary = (needs: Needs) =>
  Object.fromEntries(
    Object.entries(needs).map(([a, list]) => [
      a,
      list.map(n => `${n.certain ? 'certain' : 'maybe'} ${n.operation}`)
    ])
  )

const QUEUE = [
  'GET /api/v2/routing/queues',
  'POST /api/v2/routing/queues',
  'DELETE /api/v2/routing/queues/{queueId}',
  'GET /api/v2/routing/queues/{queueId}',
  'PUT /api/v2/routing/queues/{queueId}',
  'POST /api/v2/routing/queues/{queueId}/members',
  'POST /api/v2/routing/queues/{queueId}/wrapupcodes',
  'DELETE /api/v2/routing/queues/{queueId}/wrapupcodes/{codeId}'
].map(line => j(line))

describe('classify', () => {
  it('makes the main object’s four operations certain and files the rest where they may serve', () => {
    assert.deepEqual(summary(classify(QUEUE, 'genesyscloud_routing_queue')), {
      create: [
        'certain POST /api/v2/routing/queues',
        'maybe POST /api/v2/routing/queues/{queueId}/members',
        'maybe POST /api/v2/routing/queues/{queueId}/wrapupcodes'
      ],
      read: ['maybe GET /api/v2/routing/queues', 'certain GET /api/v2/routing/queues/{queueId}'],
      update: [
        'certain PUT /api/v2/routing/queues/{queueId}',
        'maybe POST /api/v2/routing/queues/{queueId}/members',
        'maybe POST /api/v2/routing/queues/{queueId}/wrapupcodes',
        'maybe DELETE /api/v2/routing/queues/{queueId}/wrapupcodes/{codeId}'
      ],
      delete: [
        'certain DELETE /api/v2/routing/queues/{queueId}',
        'maybe DELETE /api/v2/routing/queues/{queueId}/wrapupcodes/{codeId}'
      ]
    })
  })

  it('leaves the update uncertain when the type both PUTs and PATCHes its item', () => {
    const both = [...QUEUE, j('PATCH /api/v2/routing/queues/{queueId}')]
    const update = classify(both, 'genesyscloud_routing_queue').update
    assert.deepEqual(
      update.filter(n => n.operation.endsWith('/{queueId}')).map(n => [n.operation, n.certain]),
      [
        ['PUT /api/v2/routing/queues/{queueId}', false],
        ['PATCH /api/v2/routing/queues/{queueId}', false]
      ]
    )
  })

  it('finds no main object in a singleton, a job, or a tie it cannot break', () => {
    const singleton = ['GET', 'PUT', 'DELETE'].map(m => j(`${m} /api/v2/routing/settings`))
    assert.equal(mainItem(singleton, 'genesyscloud_routing_settings'), undefined)
    const job = [j('POST /api/v2/flows/jobs'), j('GET /api/v2/flows/jobs/{jobId}')]
    assert.equal(mainItem(job, 'genesyscloud_flow'), undefined)
    const tie = [
      j('POST /api/v2/a/things'),
      j('DELETE /api/v2/a/things/{id}'),
      j('POST /api/v2/b/stuff'),
      j('DELETE /api/v2/b/stuff/{id}')
    ]
    assert.equal(mainItem(tie, 'genesyscloud_widget'), undefined)
    assert.ok(
      Object.values(classify(tie, 'genesyscloud_widget'))
        .flat()
        .every(n => !n.certain)
    )
  })

  it('breaks a tie by the type name and prefers the shortest item', () => {
    const client = [
      j('POST /api/v2/integrations/credentials'),
      j('DELETE /api/v2/integrations/credentials/{credentialId}'),
      j('POST /api/v2/oauth/clients'),
      j('DELETE /api/v2/oauth/clients/{clientId}')
    ]
    assert.equal(mainItem(client, 'genesyscloud_oauth_client'), '/api/v2/oauth/clients/{}')
    assert.equal(mainItem(QUEUE, 'genesyscloud_routing_queue'), '/api/v2/routing/queues/{}')
  })

  it('carries ANY, ALL, NONE and an unknown operation as they are', () => {
    const all: Joined = {
      ...j('POST /api/v2/things'),
      declared: { method: 'POST', path: '/api/v2/things', require: 'ALL', permissions: ['a', 'b'] }
    }
    const none: Joined = {
      ...j('DELETE /api/v2/things/{id}'),
      declared: { method: 'DELETE', path: '/api/v2/things/{id}', require: 'NONE', permissions: [] }
    }
    const unknown: Joined = { method: 'GET', path: '/api/v2/things/{id}', normalised: false }
    const needs = classify([all, none, unknown], 'genesyscloud_thing')
    assert.deepEqual(needs.create, [
      { operation: 'POST /api/v2/things', require: 'ALL', permissions: ['a', 'b'], certain: true }
    ])
    assert.deepEqual(needs.delete[0], {
      operation: 'DELETE /api/v2/things/{id}',
      require: 'NONE',
      permissions: [],
      certain: true
    })
    assert.equal(needs.read[0].require, 'UNKNOWN')
  })
})

const doc = (type: string, lines: string[], division = false): ResourceDoc => ({
  type,
  division,
  operations: lines.map(line => {
    const [method, path] = line.split(' ')
    return { method: method as Method, path }
  })
})
const PLAN = ['POST /api/v2/plans', 'DELETE /api/v2/plans/{planId}', 'PATCH /api/v2/plans/{planId}']
const SDK: Declared[] = PLAN.map(line => {
  const [method, path] = line.split(' ')
  return { method: method as Method, path, require: 'ALL', permissions: [`plan:${method}`] }
})
const PROVENANCE = {
  provider: { repository: 'p/p', version: 'v1', commit: 'a'.repeat(40) },
  sdk: { repository: 's/s', version: '1', commit: 'b'.repeat(40) },
  generator: 'scripts/permissions-table.ts',
  resourceTypes: 3
}

describe('building and writing the table', () => {
  const docs = [
    doc('genesyscloud_plan_publish', PLAN),
    doc('genesyscloud_plan', PLAN, true),
    doc('genesyscloud_other', ['GET /api/v2/others'])
  ]

  it('keeps a shared list for the family root and makes it a guess for the others', () => {
    assert.deepEqual([...sharedLists(docs)], [['genesyscloud_plan_publish', ['genesyscloud_plan']]])
    const table = buildTable(docs, SDK, PROVENANCE)
    const plan = table.resources.genesyscloud_plan
    assert.equal(plan.note, '')
    assert.equal(plan.division, true)
    assert.deepEqual(plan.delete, [
      {
        operation: 'DELETE /api/v2/plans/{planId}',
        require: 'ALL',
        permissions: ['plan:DELETE'],
        certain: true
      }
    ])
    const publish = table.resources.genesyscloud_plan_publish
    assert.match(publish.note, /same operations as genesyscloud_plan:/)
    assert.ok(
      Object.values(publish)
        .flat()
        .every(n => typeof n !== 'object' || !n.certain)
    )
  })

  it('writes the same bytes whatever the input order, one Need a line, as valid JSON', () => {
    const text = renderTable(buildTable(docs, SDK, PROVENANCE))
    const reordered = renderTable(buildTable([...docs].reverse(), [...SDK].reverse(), PROVENANCE))
    assert.equal(reordered, text)
    assert.deepEqual(JSON.parse(text), buildTable(docs, SDK, PROVENANCE))
    const needLines = text.split('\n').filter(line => line.includes('"operation"'))
    assert.equal(needLines.length, 3 + 6 + 1)
    assert.ok(
      needLines.every(line => /^ {8}\{ "operation": .*"certain": (true|false) \},?$/.test(line))
    )
    assert.ok(text.endsWith('}\n'))
  })

  it('refuses a type documented twice', () => {
    assert.throws(() => buildTable([...docs, docs[2]], SDK, PROVENANCE), /genesyscloud_other/)
  })
})
