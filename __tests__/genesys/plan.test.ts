// The plan reader: what it keeps of `terraform show -json` output, and what it refuses, without
// ever keeping or quoting a value of the file.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readPlan } from '../../src/genesys/plan.js'
import { plan, PLAN_SECRET } from '../../tools/plans.js'

const ok = (text: string) => {
  const read = readPlan(text)
  assert.ok(read.ok, JSON.stringify(read))
  return read.plan
}

describe('readPlan', () => {
  it('keeps address, type, mode, actions and division ids of genesyscloud_* changes only', () => {
    const p = ok(
      plan([
        { address: 'genesyscloud_routing_queue.support', actions: ['create'], after: 'div-a' },
        {
          address: 'genesyscloud_user.agent',
          actions: ['update'],
          before: 'div-a',
          after: 'div-b'
        },
        { address: 'genesyscloud_routing_wrapupcode.x', actions: ['create'], after: 'unknown' },
        {
          address: 'aws_s3_bucket.b',
          actions: ['create'],
          provider: 'registry.terraform.io/hashicorp/aws'
        },
        {
          address: 'random_id.r',
          actions: ['no-op'],
          provider: 'registry.terraform.io/hashicorp/random'
        }
      ])
    )
    assert.equal(p.formatVersion, '1.2')
    assert.equal(p.otherProviders, 2)
    assert.deepEqual(p.changes, [
      {
        address: 'genesyscloud_routing_queue.support',
        type: 'genesyscloud_routing_queue',
        mode: 'managed',
        actions: ['create'],
        divisions: { before: [], after: ['div-a'], afterUnknown: false }
      },
      {
        address: 'genesyscloud_user.agent',
        type: 'genesyscloud_user',
        mode: 'managed',
        actions: ['update'],
        divisions: { before: ['div-a'], after: ['div-b'], afterUnknown: false }
      },
      {
        address: 'genesyscloud_routing_wrapupcode.x',
        type: 'genesyscloud_routing_wrapupcode',
        mode: 'managed',
        actions: ['create'],
        divisions: { before: [], after: [], afterUnknown: true }
      }
    ])
    assert.doesNotMatch(JSON.stringify(p), new RegExp(PLAN_SECRET), 'no value of the plan is kept')
  })

  it('reads division_ids lists, and after_unknown lists with an unknown member', () => {
    const text = JSON.stringify({
      format_version: '1.2',
      resource_changes: [
        {
          address: 'genesyscloud_x.a',
          mode: 'managed',
          type: 'genesyscloud_x',
          change: {
            actions: ['update'],
            before: { division_ids: ['d1', 'd2', 'not a division id!'] },
            after: { division_ids: ['d1'] },
            after_unknown: { division_ids: [false, true] }
          }
        }
      ]
    })
    assert.deepEqual(ok(text).changes[0].divisions, {
      before: ['d1', 'd2'],
      after: ['d1'],
      afterUnknown: true
    })
  })

  it('a plan with no changes has no resource_changes: a plan with nothing to check', () => {
    assert.deepEqual(ok(plan(undefined)).changes, [])
  })

  it('refuses what is not a plan, saying where, never quoting the file', () => {
    const fault = (text: string) => {
      const read = readPlan(text)
      assert.ok(!read.ok)
      assert.doesNotMatch(JSON.stringify(read.fault), new RegExp(PLAN_SECRET))
      return read.fault
    }
    assert.deepEqual(fault(`{"format_version": "1.2", "x": "${PLAN_SECRET}`), {
      kind: 'not-json'
    })
    assert.deepEqual(fault(`{"@level":"info","@message":"Terraform 1.9.8"}\n{"@level":"info"}`), {
      kind: 'ui-log'
    })
    assert.deepEqual(fault('{"@level":"info","@message":"Terraform 1.9.8"}\n'), { kind: 'ui-log' })
    assert.equal(fault(`["${PLAN_SECRET}"]`).kind, 'not-plan')
    assert.match(JSON.stringify(fault(`{"planned_values": {}}`)), /format_version/)
    assert.deepEqual(fault('{"format_version": "2.0", "planned_values": {}}'), {
      kind: 'unsupported-version',
      version: '2.0'
    })
    assert.match(
      JSON.stringify(fault(`{"format_version": "1.0", "values": {"x": "${PLAN_SECRET}"}}`)),
      /a state/
    )
    assert.match(
      JSON.stringify(fault('{"format_version": "1.2", "resource_changes": {}}')),
      /not a list/
    )
    assert.match(
      JSON.stringify(
        fault(
          `{"format_version": "1.2", "resource_changes": [{"address": "${PLAN_SECRET}", "type": "t", "mode": "managed", "change": {"actions": "create"}}]}`
        )
      ),
      /resource_changes\[0\]/
    )
  })

  it('reads a plan that Windows tools wrote: UTF-8 with a byte order mark, and says so of UTF-16', () => {
    // PowerShell 5's `Out-File -Encoding utf8` writes a BOM before the JSON; its `>` writes UTF-16.
    const text = plan([{ address: 'genesyscloud_routing_queue.q', actions: ['create'] }])
    assert.equal(ok(`\uFEFF${text}`).changes.length, 1)
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const read = readPlan(utf16.toString('utf8'))
    assert.ok(!read.ok && read.fault.kind === 'not-plan', JSON.stringify(read))
    assert.match(read.fault.why, /UTF-16/)
  })
})
