// The permission-table generator on small documents written for these tests in the format of the
// provider's resource docs and the SDK's API docs (the real ones are not in the repository).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  indexSdk,
  joinOperations,
  parseResourceDoc,
  parseSdkDoc,
  pathShape,
  type Declared,
  type Operation
} from '../../scripts/permissions/sources.js'

const link = (op: string) =>
  `* [${op}](https://developer.genesys.cloud/devapps/api-explorer#${op.toLowerCase().replace(/\W+/g, '-')})`

const RESOURCE_DOC = `---
page_title: "genesyscloud_widget_box Resource - terraform-provider-genesyscloud"
---
# genesyscloud_widget_box (Resource)

Genesys Cloud Widget Box

## API Usage

The following Genesys Cloud APIs are used by this resource. Ensure your OAuth Client has been granted the necessary scopes and permissions to perform these operations:

${link('POST /api/v2/widgets/boxes')}
${link('GET /api/v2/widgets/boxes/{boxId}')}
${link('DELETE /api/v2/widgets/boxes/{id}')}
* The widget also calls GET APIs of the lids it references.

## Permissions and Scopes

* \`widgets:box:add\`
${link('PUT /api/v2/not/an/api/usage/entry')}

## Schema

### Required

- \`name\` (String) Box name.

### Optional

- \`lids\` (Block List) Lids. (see [below for nested schema](#nestedblock--lids))

### Read-Only

- \`id\` (String) The ID of this resource.

<a id="nestedblock--lids"></a>
### Nested Schema for \`lids\`

Optional:

- \`division_ids\` (Set of String) Where the lid is granted.
`

describe('parseResourceDoc', () => {
  it('reads the type from the title and the operations from API Usage only', () => {
    const doc = parseResourceDoc(RESOURCE_DOC, 'other_name.md')
    assert.equal(doc.type, 'genesyscloud_widget_box')
    assert.deepEqual(doc.operations, [
      { method: 'POST', path: '/api/v2/widgets/boxes' },
      { method: 'GET', path: '/api/v2/widgets/boxes/{boxId}' },
      { method: 'DELETE', path: '/api/v2/widgets/boxes/{id}' }
    ])
  })

  it('counts a division attribute of the type itself, not one of a nested block', () => {
    assert.equal(parseResourceDoc(RESOURCE_DOC, 'x.md').division, false)
    const own = RESOURCE_DOC.replace(
      '### Read-Only',
      '- `division_id` (String) The division of the box.\n\n### Read-Only'
    )
    assert.equal(parseResourceDoc(own, 'x.md').division, true)
    const plural = own.replace('`division_id` (String)', '`division_ids` (Set of String)')
    assert.equal(parseResourceDoc(plural, 'x.md').division, true)
  })

  it('falls back to the file name, and a doc without API Usage uses nothing', () => {
    const doc = parseResourceDoc('Some text\n\n## Schema\n', 'widget_lid.md')
    assert.deepEqual(doc, { type: 'genesyscloud_widget_lid', operations: [], division: false })
  })
})

const sdkOperation = (name: string, op: string, requires: string, permissions: string[]) => `
## ${name}

> Box ${name}(boxId)


${op}

Describe the ${name} operation. Requires data in csv format.

${requires}

${permissions.map(p => `* ${p}`).join('\n')}

### Example Usage

\`\`\`{"language":"javascript"}
let apiInstance = new platformClient.WidgetsApi();
\`\`\`

### Parameters

| Name | Type | Description  | Notes |
| ------------- | ------------- | ------------- | ------------- |
 **boxId** | **String** | Box ID |  |
`

const SDK_DOC = `---
title: WidgetsApi
---
# platformClient.WidgetsApi

All URIs are relative to *https://api.mypurecloud.com*

Method | HTTP request | Description
------------- | ------------- | -------------
[**postWidgetsBoxes**](WidgetsApi#postWidgetsBoxes) | **POST** /api/v2/widgets/boxes | Create a box
[**getWidgetsBox**](WidgetsApi#getWidgetsBox) | **GET** /api/v2/widgets/boxes/{boxId} | Get a box
${sdkOperation('deleteWidgetsBox', 'DELETE /api/v2/widgets/boxes/{boxId}', 'Requires ALL permissions:', ['widgets:box:delete', 'widgets:box:view'])}
${sdkOperation('getWidgetsBox', 'GET /api/v2/widgets/boxes/{boxId}', 'Requires NO permissions:', [])}
${sdkOperation('patchWidgetsBox', 'PATCH /api/v2/widgets/boxes/{boxId}', 'Requires ANY permissions:', ['widgets:box:edit', 'admin', 'widgets:box:edit'])}
${sdkOperation('postWidgetsBoxes', 'POST /api/v2/widgets/boxes', 'Requires ANY permissions:', ['widgets:box:add'])}
`

describe('parseSdkDoc', () => {
  it('reads each operation with its ANY, ALL or NO permissions, not the summary table', () => {
    assert.deepEqual(parseSdkDoc(SDK_DOC), [
      {
        method: 'DELETE',
        path: '/api/v2/widgets/boxes/{boxId}',
        require: 'ALL',
        permissions: ['widgets:box:delete', 'widgets:box:view']
      },
      { method: 'GET', path: '/api/v2/widgets/boxes/{boxId}', require: 'NONE', permissions: [] },
      {
        method: 'PATCH',
        path: '/api/v2/widgets/boxes/{boxId}',
        require: 'ANY',
        permissions: ['admin', 'widgets:box:edit']
      },
      {
        method: 'POST',
        path: '/api/v2/widgets/boxes',
        require: 'ANY',
        permissions: ['widgets:box:add']
      }
    ])
  })

  it('takes no bullet from outside the permission list', () => {
    const later = SDK_DOC.replaceAll('### Parameters', '* not:a:permission\n\n### Parameters')
    const ops = parseSdkDoc(later)
    assert.equal(ops.length, 4)
    assert.ok(ops.every(op => !op.permissions.includes('not:a:permission')))
    assert.deepEqual(parseSdkDoc('# platformClient.EmptyApi\n\nNo operations.\n'), [])
  })
})

const op = (method: Operation['method'], path: string): Operation => ({ method, path })
const declared = (
  method: Declared['method'],
  path: string,
  require: Declared['require'],
  permissions: string[]
): Declared => ({ method, path, require, permissions })

describe('joining on the path shape', () => {
  const sdk = indexSdk([
    declared('GET', '/api/v2/routing/utilization/labels/{labelId}', 'ALL', ['label:view']),
    declared('PUT', '/api/v2/outbound/fileSpecs/{fileSpecId}', 'ANY', ['spec:edit'])
  ])

  it('makes parameter names anonymous and letters lower-case', () => {
    assert.equal(
      pathShape('/api/v2/Outbound/fileSpecs/{fileSpecId}'),
      '/api/v2/outbound/filespecs/{}'
    )
    assert.equal(pathShape('/api/v2/a/{x}/b/{y}'), pathShape('/api/v2/A/{id}/B/{Y}'))
    assert.notEqual(pathShape('/api/v2/a/{x}'), pathShape('/api/v2/a/me'))
  })

  it('finds the SDK operation despite another parameter name or letter case', () => {
    const joined = joinOperations(
      [
        op('GET', '/api/v2/routing/utilization/labels/{id}'),
        op('PUT', '/api/v2/outbound/filespecs/{filespecid}')
      ],
      sdk
    )
    assert.deepEqual(
      joined.map(j => [j.method, j.path, j.declared?.permissions, j.normalised]),
      [
        ['GET', '/api/v2/routing/utilization/labels/{labelId}', ['label:view'], true],
        ['PUT', '/api/v2/outbound/fileSpecs/{fileSpecId}', ['spec:edit'], true]
      ]
    )
  })

  it('keeps one operation where a type lists one path under two parameter names', () => {
    const joined = joinOperations(
      [
        op('GET', '/api/v2/routing/utilization/labels/{labelId}'),
        op('GET', '/api/v2/routing/utilization/labels/{id}'),
        op('DELETE', '/api/v2/routing/utilization/labels/{id}')
      ],
      sdk
    )
    assert.deepEqual(
      joined.map(j => `${j.method} ${j.path} ${j.declared ? 'declared' : 'unknown'}`),
      [
        'GET /api/v2/routing/utilization/labels/{labelId} declared',
        'DELETE /api/v2/routing/utilization/labels/{id} unknown'
      ]
    )
    assert.equal(joined[0].normalised, false)
  })

  it('merges an operation documented twice, and trusts none declared two ways', () => {
    const twice = indexSdk([
      declared('GET', '/api/v2/jobs/{jobId}', 'ANY', ['a:b:view']),
      declared('GET', '/api/v2/jobs/{id}', 'ANY', ['a:b:view']),
      declared('POST', '/api/v2/jobs', 'ANY', ['a:b:add']),
      declared('POST', '/api/v2/jobs', 'ALL', ['a:b:add'])
    ])
    assert.equal(twice.byShape.size, 2)
    assert.deepEqual(twice.conflicts, ['POST /api/v2/jobs'])
    const joined = joinOperations(
      [op('GET', '/api/v2/jobs/{x}'), op('POST', '/api/v2/jobs')],
      twice
    )
    assert.equal(joined[0].declared?.path, '/api/v2/jobs/{id}')
    assert.equal(joined[1].declared, undefined)
  })
})
