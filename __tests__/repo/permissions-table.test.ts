// The committed permission table (src/genesys/permissions-table.json): the shape the runtime
// relies on, its provenance, and facts read by hand from the provider and SDK docs it names.
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { ACTIONS, renderTable, type Need, type Table } from '../../scripts/permissions/table.js'

const ROOT = join(import.meta.dirname, '..', '..')
const FILE = 'src/genesys/permissions-table.json'
const text = readFileSync(join(ROOT, FILE), 'utf8')
const table = JSON.parse(text) as Table
const keys = (o: object) => Object.keys(o).sort()

function need(type: string, action: (typeof ACTIONS)[number], operation: string): Need {
  const found = table.resources[type]?.[action].find(n => n.operation === operation)
  assert.ok(found, `${type} ${action} lists ${operation}`)
  return found
}

describe('the permission table', () => {
  it('names its sources by repository, version and full commit', () => {
    const p = table.provenance
    assert.deepEqual(keys(table), ['provenance', 'resources'])
    assert.deepEqual(keys(p), ['generator', 'provider', 'resourceTypes', 'sdk'])
    assert.equal(p.provider.repository, 'MyPureCloud/terraform-provider-genesyscloud')
    assert.equal(p.sdk.repository, 'MyPureCloud/platform-client-sdk-javascript')
    for (const s of [p.provider, p.sdk]) {
      assert.deepEqual(keys(s), ['commit', 'repository', 'version'])
      assert.match(s.commit, /^[0-9a-f]{40}$/)
      assert.notEqual(s.version, '')
    }
    assert.match(p.provider.version, /^v\d+\.\d+\.\d+$/)
    assert.equal(p.generator, 'scripts/permissions-table.ts')
  })

  it('covers every resource type the provider version documents, and only those', () => {
    const types = Object.keys(table.resources)
    assert.equal(types.length, table.provenance.resourceTypes)
    assert.ok(types.length > 100, `${types.length} types`)
    assert.ok(types.every(t => /^genesyscloud_[a-z0-9_]+$/.test(t)))
    assert.deepEqual(types, [...types].sort())
  })

  it('has every entry and Need in the agreed format', () => {
    for (const [type, r] of Object.entries(table.resources)) {
      assert.deepEqual(keys(r), ['create', 'delete', 'division', 'note', 'read', 'update'], type)
      assert.equal(typeof r.division, 'boolean')
      assert.equal(typeof r.note, 'string')
      for (const action of ACTIONS) {
        const ops = r[action].map(n => n.operation)
        assert.equal(new Set(ops).size, ops.length, `${type} ${action} lists an operation twice`)
        for (const n of r[action]) {
          const where = `${type} ${action} ${n.operation}`
          assert.deepEqual(keys(n), ['certain', 'operation', 'permissions', 'require'], where)
          assert.match(n.operation, /^(GET|POST|PUT|PATCH|DELETE) \/api\/v2\/\S+$/, where)
          assert.equal(typeof n.certain, 'boolean', where)
          assert.ok(['ALL', 'ANY', 'NONE', 'UNKNOWN'].includes(n.require), where)
          const declares = n.require === 'ALL' || n.require === 'ANY'
          assert.equal(n.permissions.length > 0, declares, where)
          assert.ok(
            n.permissions.every(s => /^[\w*]+(:[\w*]+)*$/.test(s)),
            where
          )
        }
      }
    }
  })

  it('is the generator’s own text: one Need a line, so that an upgrade diffs line by line', () => {
    assert.equal(renderTable(table), text)
  })

  it('holds the documented examples, ANY lists kept apart from ALL', () => {
    const queue = 'genesyscloud_routing_queue'
    assert.deepEqual(need(queue, 'create', 'POST /api/v2/routing/queues'), {
      operation: 'POST /api/v2/routing/queues',
      require: 'ANY',
      permissions: ['routing:queue:add'],
      certain: true
    })
    const deleteQueue = need(queue, 'delete', 'DELETE /api/v2/routing/queues/{queueId}')
    assert.deepEqual(
      [deleteQueue.require, deleteQueue.permissions],
      ['ALL', ['routing:queue:delete']]
    )
    const members = need(queue, 'update', 'POST /api/v2/routing/queues/{queueId}/members')
    assert.deepEqual(
      [members.require, members.permissions, members.certain],
      ['ANY', ['routing:queue:edit', 'routing:queueMember:manage'], false]
    )
    assert.equal(table.resources[queue].division, true)

    const patchUser = need('genesyscloud_user', 'update', 'PATCH /api/v2/users/{userId}')
    assert.equal(patchUser.require, 'ANY')
    assert.deepEqual(
      [...patchUser.permissions].sort(),
      ['admin', 'directory:organization:admin', 'directory:user:edit'].sort()
    )
    const getUser = need('genesyscloud_user', 'read', 'GET /api/v2/users/{userId}')
    assert.deepEqual([getUser.require, getUser.permissions], ['NONE', []])

    const wrapup = table.resources.genesyscloud_routing_wrapupcode
    const certain = ACTIONS.map(a => wrapup[a].filter(n => n.certain))
    assert.deepEqual(
      certain.map(list => list.map(n => `${n.require} ${n.permissions.join(' ')}`)),
      [
        ['ALL routing:wrapupCode:add'],
        ['ALL routing:wrapupCode:view'],
        ['ALL routing:wrapupCode:edit'],
        ['ALL routing:wrapupCode:delete']
      ]
    )
    const schedule = need(
      'genesyscloud_architect_schedules',
      'create',
      'POST /api/v2/architect/schedules'
    )
    assert.deepEqual([schedule.require, schedule.permissions], ['ALL', ['routing:schedule:add']])
  })

  it('joins the operations the provider spells otherwise than the SDK', () => {
    const label = table.resources.genesyscloud_routing_utilization_label
    const item = label.read.filter(n =>
      n.operation.startsWith('GET /api/v2/routing/utilization/labels/')
    )
    assert.deepEqual(
      item.map(n => [n.operation, n.require]),
      [['GET /api/v2/routing/utilization/labels/{labelId}', 'ALL']]
    )
  })

  it('says where a preflight cannot see, and never makes a guess certain', () => {
    assert.match(table.resources.genesyscloud_flow.note, /Archy/)
    assert.match(table.resources.genesyscloud_flow.note, /architect:flow:\*/)
    const all = Object.values(table.resources).flatMap(r => ACTIONS.flatMap(a => r[a]))
    // Not in the SDK docs at all: known to be unknown, not silently dropped.
    const script = table.resources.genesyscloud_script
    assert.deepEqual(
      script.delete.map(n => [n.operation, n.require, n.certain]),
      [['DELETE /api/v2/scripts/{scriptId}', 'UNKNOWN', false]]
    )
    assert.ok(all.filter(n => n.require === 'UNKNOWN').length >= 1)
    const publish = table.resources.genesyscloud_case_management_caseplan_publish
    assert.ok(ACTIONS.every(a => publish[a].every(n => !n.certain)))
  })

  it('is data for the runtime to read, kept away from Prettier and the bundle', () => {
    assert.ok(readFileSync(join(ROOT, '.prettierignore'), 'utf8').split('\n').includes(FILE))
    const importer = (dir: string): string[] =>
      readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap(e =>
        e.isDirectory()
          ? importer(join(dir, e.name))
          : e.name.endsWith('.ts') &&
              /(\bfrom\s*|\bimport\s*\(\s*)['"][^'"]*permissions-table\.json['"]/.test(
                readFileSync(join(ROOT, dir, e.name), 'utf8')
              )
            ? [join(dir, e.name)]
            : []
      )
    assert.deepEqual(importer('src'), [])
  })
})
