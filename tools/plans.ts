// Terraform plans in the real `terraform show -json` shape (format_version 1.2), and a permission
// table fixture in the SCHEMA.md format with the declared permissions of four real resource types
// (docs/permissions-preflight.md, from the SDK docs). Each plan carries a secret in its variables
// and attribute values, which no output may ever show.
export const PLAN_SECRET = 'pl4n-Secret-VALUE-that-must-never-appear-7731'

export type Actions =
  | ['no-op']
  | ['create']
  | ['read']
  | ['update']
  | ['delete']
  | ['delete', 'create']
  | ['create', 'delete']
  | ['forget']

export interface ChangeSpec {
  address: string
  actions: Actions
  /** division_id before / after; 'unknown' puts it under after_unknown. */
  before?: string
  after?: string | 'unknown'
  mode?: 'managed' | 'data'
  provider?: string
}

const typeOf = (address: string) => address.replace(/^data\./, '').split('.')[0]

export function change(spec: ChangeSpec): Record<string, unknown> {
  const type = typeOf(spec.address)
  const exists = !(spec.actions.length === 1 && spec.actions[0] === 'create')
  const gone = spec.actions.length === 1 && spec.actions[0] === 'delete'
  const values = (division?: string) => ({
    name: `${spec.address} name`,
    description: `token ${PLAN_SECRET}`,
    ...(division && division !== 'unknown' ? { division_id: division } : {})
  })
  return {
    address: spec.address,
    mode: spec.mode ?? 'managed',
    type,
    name: spec.address.split('.').pop(),
    provider_name: spec.provider ?? 'registry.terraform.io/mypurecloud/genesyscloud',
    change: {
      actions: spec.actions,
      before: exists ? values(spec.before) : null,
      after: gone ? null : values(spec.after),
      after_unknown: spec.after === 'unknown' ? { division_id: true, id: true } : { id: true },
      before_sensitive: exists ? { description: true } : false,
      after_sensitive: gone ? false : { description: true }
    }
  }
}

export function plan(changes: ChangeSpec[] | undefined): string {
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.8',
    variables: { client_secret: { value: PLAN_SECRET } },
    planned_values: { root_module: {} },
    ...(changes ? { resource_changes: changes.map(change) } : {}),
    configuration: { root_module: {} },
    timestamp: '2026-12-07T05:00:00Z',
    applyable: true,
    complete: true,
    errored: false
  })
}

const need = (operation: string, require: string, permissions: string[], certain = true) => ({
  operation,
  require,
  permissions,
  certain
})

export const TABLE = {
  provenance: {
    provider: { repository: 'fixture', version: 'fixture', commit: 'fixture' },
    sdk: { repository: 'fixture', version: 'fixture', commit: 'fixture' },
    generator: 'fixture',
    resourceTypes: 5
  },
  resources: {
    genesyscloud_routing_wrapupcode: {
      division: true,
      create: [need('POST /api/v2/routing/wrapupcodes', 'ALL', ['routing:wrapupCode:add'])],
      read: [need('GET /api/v2/routing/wrapupcodes/{codeId}', 'ALL', ['routing:wrapupCode:view'])],
      update: [
        need('PUT /api/v2/routing/wrapupcodes/{codeId}', 'ALL', ['routing:wrapupCode:edit'])
      ],
      delete: [
        need('DELETE /api/v2/routing/wrapupcodes/{codeId}', 'ALL', ['routing:wrapupCode:delete'])
      ]
    },
    genesyscloud_routing_queue: {
      division: true,
      create: [
        need('POST /api/v2/routing/queues', 'ANY', ['routing:queue:add']),
        need(
          'POST /api/v2/routing/queues/{queueId}/members',
          'ANY',
          ['routing:queue:edit', 'routing:queueMember:manage'],
          false
        )
      ],
      read: [need('GET /api/v2/routing/queues/{queueId}', 'ALL', ['routing:queue:view'])],
      update: [need('PUT /api/v2/routing/queues/{queueId}', 'ANY', ['routing:queue:edit'])],
      delete: [need('DELETE /api/v2/routing/queues/{queueId}', 'ALL', ['routing:queue:delete'])]
    },
    genesyscloud_architect_schedules: {
      division: true,
      create: [need('POST /api/v2/architect/schedules', 'ALL', ['routing:schedule:add'])],
      read: [],
      update: [],
      delete: []
    },
    genesyscloud_user: {
      division: true,
      create: [need('POST /api/v2/users', 'UNKNOWN', [])],
      read: [need('GET /api/v2/users/{userId}', 'NONE', [])],
      update: [
        need('PATCH /api/v2/users/{userId}', 'ANY', [
          'admin',
          'directory:user:edit',
          'directory:organization:admin'
        ])
      ],
      delete: [need('POST /api/v2/groups/{groupId}/members', 'NONE', [])]
    },
    genesyscloud_flow: {
      division: false,
      note: 'publishing runs in an Archy job, whose architect:flow permissions are checked inside it',
      create: [need('POST /api/v2/flows/jobs', 'ALL', ['architect:job:create'])],
      read: [],
      update: [],
      delete: []
    }
  }
}

/** A DomainOrganizationRole as the API answers it. */
export function roleJson(
  id: string,
  policies: [string, string, string[], { conditional?: boolean }?][],
  permissions: string[] = []
) {
  return {
    id,
    name: `role ${id}`,
    description: '',
    permissions,
    permissionPolicies: policies.map(([domain, entityName, actionSet, o]) => ({
      id: `${id}-${domain}-${entityName}`,
      domain,
      entityName,
      policyName: `${domain} ${entityName}`,
      actionSet,
      allowConditions: o?.conditional ?? false,
      ...(o?.conditional ? { resourceConditionNode: { variableName: 'queue.id' } } : {})
    })),
    userCount: 0
  }
}
