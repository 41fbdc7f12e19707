// The permission preflight's cost: a plan of 5,000 resource changes, checked by dist/ against the
// emulator's roles. Paired runs of the same step with that plan and with a plan of one change (the
// roles are read in both), in alternating order: the difference is what the size of the plan
// costs (reading, parsing and judging it). The check alone (readPlan + evaluate, in-process) is
// printed beside it. The role grants everything (`*:*:*`), so that the step passes whatever table
// ships beside the bundle.
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Grants, parseRole } from '../src/genesys/grants.js'
import { readPlan } from '../src/genesys/plan.js'
import { evaluate, readTable, type Table } from '../src/genesys/preflight.js'
import type { EmulatedRole } from '../tools/emulator.js'
import { CLIENT, inputsFor, run, startEmulator } from '../tools/harness.js'
import { plan, roleJson, type ChangeSpec } from '../tools/plans.js'
import { median, ROOT, round, type PreflightResults } from './results.js'

export const BENCH_ROLE: EmulatedRole = {
  id: 'bench-role',
  name: 'Everything',
  policies: ['*:*:*'],
  permissions: ['admin']
}

const TYPES = [
  'genesyscloud_routing_queue',
  'genesyscloud_routing_wrapupcode',
  'genesyscloud_architect_schedules',
  'genesyscloud_user'
]
const ACTIONS: ChangeSpec['actions'][] = [['create'], ['update'], ['no-op'], ['delete', 'create']]

/** A plan file of `n` changes across four types, in two divisions; remove() deletes it. */
export function benchPlan(n: number): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-plan-'))
  const file = join(dir, 'plan.json')
  const changes = Array.from({ length: n }, (_, i) => ({
    address: `${TYPES[i % 4]}.r${i}`,
    actions: ACTIONS[(i >> 2) % 4],
    before: `division-${i % 2}`,
    after: `division-${i % 2}`
  }))
  writeFileSync(file, plan(changes))
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

export async function measurePreflight(changes: number, runs: number): Promise<PreflightResults> {
  const big = benchPlan(changes)
  const small = benchPlan(1)
  const emu = await startEmulator({
    clients: [{ ...CLIENT, roleDivisions: [{ roleId: BENCH_ROLE.id, divisionId: '*' }] }],
    roles: [BENCH_ROLE]
  })
  const once = async (file: string, count: number) => {
    const r = await run(
      emu,
      'main',
      inputsFor(emu, { 'terraform-plan': file, 'output-token': 'false' })
    )
    assert.equal(r.code, 0, r.stdout)
    assert.match(r.stdout, new RegExp(`Permission check passed: \\d+ of ${count} resource change`))
    return r.ms
  }
  try {
    await once(big.file, changes) // warm the page cache
    const pairs: { big: number; small: number }[] = []
    for (let i = 0; i < runs; i++) {
      const pair = { big: 0, small: 0 }
      for (const which of i % 2 ? (['small', 'big'] as const) : (['big', 'small'] as const))
        pair[which] = await once(
          which === 'big' ? big.file : small.file,
          which === 'big' ? changes : 1
        )
      pairs.push(pair)
    }
    const text = readFileSync(big.file, 'utf8')
    const table = readTable(
      readFileSync(join(ROOT, 'dist', 'main', 'permissions-table.json'), 'utf8')
    ) as Table
    const grants = () =>
      new Grants(
        [{ roleId: BENCH_ROLE.id, divisionId: '*' }],
        new Map([
          [
            BENCH_ROLE.id,
            parseRole(
              BENCH_ROLE.id,
              roleJson(BENCH_ROLE.id, [['*', '*', ['*']]], ['admin']),
              t => t
            )
          ]
        ])
      )
    const inProcess: number[] = []
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      const read = readPlan(text)
      assert.ok(read.ok)
      const e = evaluate(read.plan.changes, table, grants(), [])
      assert.equal(e.misses.length, 0)
      inProcess.push(performance.now() - started)
    }
    return {
      changes,
      runs,
      planBytes: Buffer.byteLength(text),
      msBig: round(median(pairs.map(p => p.big))),
      msSmall: round(median(pairs.map(p => p.small))),
      msCheck: round(median(pairs.map(p => p.big - p.small))),
      msInProcess: round(median(inProcess))
    }
  } finally {
    await emu.stop()
    big.remove()
    small.remove()
  }
}

export function printPreflight(r: PreflightResults): void {
  console.log(
    `\nPermission preflight: a plan of ${r.changes} resource changes (${(r.planBytes / 1e6).toFixed(1)} MB), ${r.runs} paired runs\n`
  )
  console.log(
    '| step with the plan | with a 1-change plan | cost of the plan | readPlan + evaluate in-process |'
  )
  console.log('|---|---|---|---|')
  console.log(
    `| ${r.msBig.toFixed(0)} ms | ${r.msSmall.toFixed(0)} ms | ${r.msCheck.toFixed(0)} ms | ${r.msInProcess.toFixed(0)} ms |`
  )
}
