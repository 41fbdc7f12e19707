import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ActionError, FORK_HINT } from '../../src/errors.js'
import {
  parseBoolean,
  parseInputs,
  parseInteger,
  parseOrganizationIds,
  parseSeconds
} from '../../src/action/inputs.js'

const BASE: Record<string, string> = {
  'client-id': 'id-1',
  'client-secret': 'secret-value-1',
  region: 'us-east-1'
}
/** A read function as the runner gives it: unset inputs are "". */
const read =
  (extra: Record<string, string> = {}) =>
  (name: string) =>
    ({ ...BASE, ...extra })[name] ?? ''

/** parseInputs must fail with an ActionError matching every pattern; returns the message. */
function fails(extra: Record<string, string>, ...patterns: RegExp[]): string {
  let message = ''
  assert.throws(
    () => parseInputs(read(extra)),
    (e: unknown) => {
      assert.ok(e instanceof ActionError, `expected an ActionError, got ${String(e)}`)
      message = e.message
      return true
    },
    JSON.stringify(extra)
  )
  for (const p of patterns) assert.match(message, p, JSON.stringify(extra))
  return message
}

const BOOLEANS: [name: string, fallback: boolean, key: string][] = [
  ['export-env', false, 'exportEnv'],
  ['verify', true, 'verify'],
  ['revoke', true, 'revoke'],
  ['summary', true, 'summary']
]

describe('parseInputs: defaults', () => {
  it('applies the defaults of action.yml when optional inputs are empty', () => {
    const { settings, warnings } = parseInputs(read())
    assert.deepEqual(warnings, [])
    assert.equal(settings.clientId, 'id-1')
    assert.equal(settings.clientSecret, 'secret-value-1')
    assert.equal(settings.authMethod, 'basic')
    assert.equal(settings.minValidity, 300)
    assert.equal(settings.exportEnv, false)
    assert.equal(settings.verify, true)
    assert.equal(settings.revoke, true)
    assert.equal(settings.summary, true)
    assert.equal(settings.maxAttempts, 5)
    assert.equal(settings.timeoutMs, 10_000)
    assert.deepEqual(settings.scopes, [])
    assert.deepEqual(settings.requiredScopes, [])
    assert.deepEqual(settings.expectedOrganizationIds, [])
    assert.deepEqual(settings.probes, [])
    assert.equal(settings.endpoints.region, 'us-east-1')
    assert.equal(settings.endpoints.tokenUrl, 'https://login.mypurecloud.com/oauth/token')
  })

  it('says where the credentials and the region came from, never their values', () => {
    const { sources } = parseInputs(read())
    assert.equal(
      sources,
      'Credentials from the inputs (client-id, client-secret); region from input "region"'
    )
  })

  it('an empty region means us-east-1', () => {
    assert.equal(parseInputs(read({ region: '' })).settings.endpoints.region, 'us-east-1')
    assert.equal(parseInputs(read({ region: '  ' })).settings.endpoints.region, 'us-east-1')
  })
})

describe('parseInputs: client-id and client-secret', () => {
  for (const [name, secretName, variable] of [
    ['client-id', 'GENESYS_CLOUD_CLIENT_ID', 'GENESYSCLOUD_OAUTHCLIENT_ID'],
    ['client-secret', 'GENESYS_CLOUD_CLIENT_SECRET', 'GENESYSCLOUD_OAUTHCLIENT_SECRET']
  ]) {
    it(`${name}: empty or whitespace-only, without ${variable}, is "required", naming both`, () => {
      for (const value of ['', ' ', '\n', ' \t\r\n ']) {
        const message = fails(
          { [name]: value },
          new RegExp(
            `^Input "${name}" is required and was empty, and ${variable} is not set either\\.`
          ),
          new RegExp(`\\$\\{\\{ secrets\\.${secretName} \\}\\}`),
          new RegExp(`or set ${variable} from one in the job's env`),
          /forks/,
          /Dependabot/
        )
        assert.ok(message.endsWith(FORK_HINT))
      }
    })

    it(`${name}: surrounding whitespace is trimmed, with a warning that does not quote it`, () => {
      const value = `  ${BASE[name]}\n`
      const { settings, warnings } = parseInputs(read({ [name]: value }))
      assert.equal(name === 'client-id' ? settings.clientId : settings.clientSecret, BASE[name])
      assert.equal(warnings.length, 1)
      assert.match(
        warnings[0],
        new RegExp(`^Input "${name}" had leading or trailing whitespace .* it was trimmed`)
      )
      assert.ok(!warnings[0].includes(BASE[name]))
    })

    it(`${name}: a control character or line break inside is refused, without quoting it`, () => {
      for (const cc of ['\n', '\r', '\t', '\u0000', '\u0007', '\u001b', '\u001f', '\u007f']) {
        const value = `abcdef${cc}ghijkl`
        const message = fails(
          { [name]: value },
          new RegExp(
            `^Input "${name}" holds a line break or control character; it must be a single line$`
          )
        )
        assert.ok(!message.includes('abcdef') && !message.includes('ghijkl'), message)
      }
    })
  }

  it('a secret with spaces inside is kept as is, without a warning', () => {
    const { settings, warnings } = parseInputs(read({ 'client-secret': 'pass word' }))
    assert.equal(settings.clientSecret, 'pass word')
    assert.deepEqual(warnings, [])
  })

  it('warns once per trimmed input', () => {
    const { warnings } = parseInputs(
      read({ 'client-id': ' id-1', 'client-secret': 'secret-value-1 ' })
    )
    assert.equal(warnings.length, 2)
    assert.match(warnings[0], /^Input "client-id"/)
    assert.match(warnings[1], /^Input "client-secret"/)
  })

  it('the client-id is checked before the secret', () => {
    fails({ 'client-id': '', 'client-secret': '' }, /^Input "client-id" is required/)
  })
})

describe('parseInputs: the environment of a CX-as-Code job (GENESYSCLOUD_*)', () => {
  const ENV_ONLY = {
    GENESYSCLOUD_OAUTHCLIENT_ID: 'env-id',
    GENESYSCLOUD_OAUTHCLIENT_SECRET: 'env-secret-value',
    GENESYSCLOUD_REGION: 'eu-west-1'
  }
  const noInputs = read({ 'client-id': '', 'client-secret': '', region: '' })

  it('with empty inputs, takes credentials and region from the variables, and says so', () => {
    const { settings, warnings, sources } = parseInputs(noInputs, ENV_ONLY)
    assert.equal(settings.clientId, 'env-id')
    assert.equal(settings.clientSecret, 'env-secret-value')
    assert.equal(settings.endpoints.region, 'eu-west-1')
    assert.equal(settings.endpoints.tokenUrl, 'https://login.mypurecloud.ie/oauth/token')
    assert.deepEqual(warnings, [])
    assert.equal(
      sources,
      'Credentials from the environment (GENESYSCLOUD_OAUTHCLIENT_ID, GENESYSCLOUD_OAUTHCLIENT_SECRET); region from GENESYSCLOUD_REGION (eu-west-1)'
    )
    assert.ok(!sources.includes('env-id') && !sources.includes('env-secret-value'))
  })

  it('GENESYSCLOUD_REGION takes a key in any spelling or a domain', () => {
    for (const [value, key] of [
      ['eu-west-1', 'eu-west-1'],
      ['mypurecloud.ie', 'eu-west-1'],
      ['me_central_1', 'me-central-1'],
      ['AP-NORTHEAST-3', 'ap-northeast-3'],
      ['euc2.pure.cloud', 'eu-central-2'],
      [' mypurecloud.com.au\n', 'ap-southeast-2']
    ]) {
      const e = parseInputs(noInputs, { ...ENV_ONLY, GENESYSCLOUD_REGION: value }).settings
        .endpoints
      assert.equal(e.region, key, value)
    }
  })

  it('inputs always win over the variables', () => {
    const { settings, sources } = parseInputs(read({ region: 'mypurecloud.de' }), ENV_ONLY)
    assert.equal(settings.clientId, 'id-1')
    assert.equal(settings.clientSecret, 'secret-value-1')
    assert.equal(settings.endpoints.region, 'eu-central-1')
    assert.equal(
      sources,
      'Credentials from the inputs (client-id, client-secret); region from input "region"'
    )
  })

  it('each input falls back on its own variable; the log line names each source', () => {
    const secretOnly = parseInputs(read({ 'client-secret': '' }), ENV_ONLY)
    assert.equal(secretOnly.settings.clientId, 'id-1')
    assert.equal(secretOnly.settings.clientSecret, 'env-secret-value')
    assert.equal(
      secretOnly.sources,
      'Client ID from input "client-id", client secret from GENESYSCLOUD_OAUTHCLIENT_SECRET; region from input "region"'
    )
    const idOnly = parseInputs(read({ 'client-id': ' ', region: '' }), ENV_ONLY)
    assert.equal(idOnly.settings.clientId, 'env-id')
    assert.equal(idOnly.settings.clientSecret, 'secret-value-1')
    assert.equal(idOnly.settings.endpoints.region, 'eu-west-1')
    assert.equal(
      idOnly.sources,
      'Client ID from GENESYSCLOUD_OAUTHCLIENT_ID, client secret from input "client-secret"; region from GENESYSCLOUD_REGION (eu-west-1)'
    )
  })

  it('without input or variable the region is us-east-1, and the log says it is the default', () => {
    const { settings, sources } = parseInputs(noInputs, {
      GENESYSCLOUD_OAUTHCLIENT_ID: 'env-id',
      GENESYSCLOUD_OAUTHCLIENT_SECRET: 'env-secret-value',
      GENESYSCLOUD_REGION: '  '
    })
    assert.equal(settings.endpoints.region, 'us-east-1')
    assert.match(
      sources,
      /; region us-east-1 \(the default: neither input "region" nor GENESYSCLOUD_REGION is set\)$/
    )
  })

  it('a custom login-url ignores GENESYSCLOUD_REGION, even an unknown one', () => {
    const { settings, sources } = parseInputs(
      read({ region: '', 'login-url': 'https://login.example.com' }),
      { ...ENV_ONLY, GENESYSCLOUD_REGION: 'nowhere-1' }
    )
    assert.equal(settings.endpoints.tokenUrl, 'https://login.example.com/oauth/token')
    assert.equal(settings.endpoints.region, '')
    assert.match(sources, /; hosts from input "login-url"$/)
  })

  it('an unknown GENESYSCLOUD_REGION is refused naming the variable, not the input', () => {
    let message = ''
    assert.throws(
      () => parseInputs(noInputs, { ...ENV_ONLY, GENESYSCLOUD_REGION: 'moon-1' }),
      (e: unknown) => e instanceof ActionError && Boolean((message = e.message))
    )
    assert.match(
      message,
      /^Environment variable GENESYSCLOUD_REGION is "moon-1", which is not a Genesys Cloud region\./
    )
    // An unknown variable does not matter when the input is given.
    assert.equal(
      parseInputs(read({ region: 'eu-west-1' }), { GENESYSCLOUD_REGION: 'moon-1' }).settings
        .endpoints.region,
      'eu-west-1'
    )
  })

  it('a variable with surrounding whitespace is trimmed, with a warning naming it, not quoting it', () => {
    const { settings, warnings } = parseInputs(noInputs, {
      ...ENV_ONLY,
      GENESYSCLOUD_OAUTHCLIENT_SECRET: ' env-secret-value\n'
    })
    assert.equal(settings.clientSecret, 'env-secret-value')
    assert.equal(warnings.length, 1)
    assert.match(
      warnings[0],
      /^Environment variable GENESYSCLOUD_OAUTHCLIENT_SECRET had leading or trailing whitespace .* it was trimmed/
    )
    assert.ok(!warnings[0].includes('env-secret-value'))
  })

  it('a variable with a control character inside is refused naming it, not quoting it', () => {
    for (const cc of ['\n', '\r', '\u0000', '\u001b']) {
      let message = ''
      assert.throws(
        () =>
          parseInputs(noInputs, {
            ...ENV_ONLY,
            GENESYSCLOUD_OAUTHCLIENT_SECRET: `abcdef${cc}ghijkl`
          }),
        (e: unknown) => e instanceof ActionError && Boolean((message = e.message))
      )
      assert.equal(
        message,
        'Environment variable GENESYSCLOUD_OAUTHCLIENT_SECRET holds a line break or control character; it must be a single line'
      )
    }
  })

  it('neither input nor variable: one error naming both, client ID first', () => {
    const message = fails(
      { 'client-id': '', 'client-secret': '' },
      /^Input "client-id" is required and was empty, and GENESYSCLOUD_OAUTHCLIENT_ID is not set either\./
    )
    assert.ok(message.endsWith(FORK_HINT))
    let secretMessage = ''
    assert.throws(
      () =>
        parseInputs(read({ 'client-secret': '' }), {
          GENESYSCLOUD_OAUTHCLIENT_ID: 'env-id',
          GENESYSCLOUD_OAUTHCLIENT_SECRET: '\n'
        }),
      (e: unknown) => e instanceof ActionError && Boolean((secretMessage = e.message))
    )
    assert.match(
      secretMessage,
      /^Input "client-secret" is required and was empty, and GENESYSCLOUD_OAUTHCLIENT_SECRET is not set either\./
    )
  })

  it("other variables are not read: the SDK tutorials' names are not a fallback", () => {
    assert.throws(
      () =>
        parseInputs(noInputs, {
          GENESYS_CLOUD_CLIENT_ID: 'x-id',
          GENESYS_CLOUD_CLIENT_SECRET: 'x-secret',
          GENESYSCLOUD_ACCESS_TOKEN: 'token'
        }),
      /Input "client-id" is required/
    )
  })
})

describe('parseInputs: booleans (YAML 1.2 core schema only)', () => {
  for (const [name, fallback, key] of BOOLEANS) {
    const get = (value: string) =>
      (parseInputs(read({ [name]: value })).settings as unknown as Record<string, boolean>)[key]

    it(`${name}: true/True/TRUE and false/False/FALSE; empty gives ${fallback}`, () => {
      for (const t of ['true', 'True', 'TRUE', ' true\n']) assert.equal(get(t), true, t)
      for (const f of ['false', 'False', 'FALSE', ' FALSE ']) assert.equal(get(f), false, f)
      assert.equal(get(''), fallback)
      assert.equal(get('  '), fallback)
    })

    it(`${name}: anything else is refused, naming the input and quoting the value`, () => {
      for (const bad of [
        'yes',
        'no',
        'on',
        'off',
        'y',
        'n',
        '1',
        '0',
        'tRUE',
        'fAlse',
        'truee',
        '"true"',
        'true false'
      ])
        fails(
          { [name]: bad },
          new RegExp(
            `^Input "${name}" is ${escape(JSON.stringify(bad.trim()))}: accepted: true or false$`
          )
        )
    })
  }
})

describe('parseInputs: numbers', () => {
  it('min-validity: a whole number of seconds from 0 to 172800', () => {
    const get = (v: string) => parseInputs(read({ 'min-validity': v })).settings.minValidity
    assert.equal(get('0'), 0)
    assert.equal(get('600'), 600)
    assert.equal(get(' 172800 '), 172800)
    for (const bad of [
      'abc',
      '-1',
      '1.5',
      '172801',
      '1e3',
      '0x10',
      '12 a',
      '+5',
      '99999999999999999999'
    ])
      fails(
        { 'min-validity': bad },
        new RegExp(
          `^Input "min-validity" is ${escape(JSON.stringify(bad))}: accepted: a whole number from 0 to 172800$`
        )
      )
  })

  it('max-attempts: a whole number from 1 to 10', () => {
    const get = (v: string) => parseInputs(read({ 'max-attempts': v })).settings.maxAttempts
    assert.equal(get('1'), 1)
    assert.equal(get('10'), 10)
    for (const bad of ['0', '11', '-1', 'two', '2.0', '3 '.repeat(2)])
      fails(
        { 'max-attempts': bad },
        new RegExp(
          `^Input "max-attempts" is ${escape(JSON.stringify(bad.trim()))}: accepted: a whole number from 1 to 10$`
        )
      )
  })

  it('timeout: seconds above 0, at most 300, fractions allowed; stored in ms', () => {
    const get = (v: string) => parseInputs(read({ timeout: v })).settings.timeoutMs
    assert.equal(get('0.5'), 500)
    assert.equal(get(' 7 '), 7000)
    assert.equal(get('300'), 300_000)
    for (const bad of ['0', '0.0', '-1', '301', '300.5', 'abc', '1e2', '.5', '5.', '10s'])
      fails(
        { timeout: bad },
        new RegExp(
          `^Input "timeout" is ${escape(JSON.stringify(bad))}: accepted: a number of seconds above 0, at most 300$`
        )
      )
  })
})

describe('parseInputs: auth-method', () => {
  it('basic (default) or post, in any case', () => {
    assert.equal(parseInputs(read({ 'auth-method': '' })).settings.authMethod, 'basic')
    assert.equal(parseInputs(read({ 'auth-method': 'BASIC' })).settings.authMethod, 'basic')
    assert.equal(parseInputs(read({ 'auth-method': ' post ' })).settings.authMethod, 'post')
  })

  it('anything else is refused, naming the input', () => {
    for (const bad of ['jwt', 'client_secret_basic', 'bearer', 'basic post'])
      fails(
        { 'auth-method': bad },
        new RegExp(
          `^Input "auth-method" is ${escape(JSON.stringify(bad))}: accepted: basic \\(HTTP Basic header.*\\) or post \\(secret in the form body\\)$`
        )
      )
  })
})

describe('parseInputs: scopes', () => {
  it('parses scopes, and required-scopes default to them', () => {
    const { settings } = parseInputs(read({ scopes: 'a, b\na' }))
    assert.deepEqual(settings.scopes, ['a', 'b'])
    assert.deepEqual(settings.requiredScopes, ['a', 'b'])
  })

  it('explicit required-scopes win', () => {
    const { settings } = parseInputs(read({ scopes: 'a,b', 'required-scopes': 'c c' }))
    assert.deepEqual(settings.scopes, ['a', 'b'])
    assert.deepEqual(settings.requiredScopes, ['c'])
  })
})

describe('parseInputs: expected-organization-id', () => {
  it('reads ids separated by commas, spaces or newlines, lower-cased, without duplicates', () => {
    const { settings } = parseInputs(
      read({ 'expected-organization-id': 'ABC-1, def-2\nabc-1 8f2c_9' })
    )
    assert.deepEqual(settings.expectedOrganizationIds, ['abc-1', 'def-2', '8f2c_9'])
  })

  it('is refused without verify, naming both inputs', () => {
    for (const off of ['false', 'False', 'FALSE'])
      fails(
        { verify: off, 'expected-organization-id': '2b7c3e1a-0000-4000-8000-000000000000' },
        /^Input "verify" is "false": "expected-organization-id" needs "verify: true", which reads the organization from the API$/
      )
    assert.deepEqual(
      parseInputs(read({ verify: 'true', 'expected-organization-id': 'org-1' })).settings
        .expectedOrganizationIds,
      ['org-1']
    )
  })

  it('an id that is not an id is refused, naming the input', () => {
    for (const bad of ['not/an-id', 'org;1', 'x'.repeat(65), 'ü'])
      fails(
        { 'expected-organization-id': `ok-1, ${bad}` },
        /^Input "expected-organization-id" is ".*": accepted: organization ids \(UUIDs\), space-, comma- or newline-separated$/
      )
  })
})

describe('parseInputs: endpoints and probes', () => {
  it('takes the region in any spelling', () => {
    const e = parseInputs(read({ region: ' EU_WEST_1 ' })).settings.endpoints
    assert.equal(e.tokenUrl, 'https://login.mypurecloud.ie/oauth/token')
    assert.equal(e.apiUrl, 'https://api.mypurecloud.ie')
  })

  it('takes trimmed URL overrides', () => {
    const e = parseInputs(read({ 'login-url': ' https://login.example.com/ \n' })).settings
      .endpoints
    assert.equal(e.tokenUrl, 'https://login.example.com/oauth/token')
    assert.equal(e.apiUrl, 'https://api.example.com')
  })

  it('each bad endpoint value is reported under its own input name', () => {
    fails({ region: 'nowhere' }, /^Input "region" is "nowhere"/)
    fails({ 'login-url': 'http://login.example.com' }, /^Input "login-url"/)
    fails({ 'login-url': 'not a url' }, /^Input "login-url"/)
    fails({ 'api-url': 'https://api.example.com/?q' }, /^Input "api-url"/)
    fails({ 'api-url': 'ftp://api.example.com' }, /^Input "api-url"/)
  })

  it('check-endpoints lines become probes; bad ones are reported under that input', () => {
    assert.deepEqual(
      parseInputs(read({ 'check-endpoints': '/api/v2/users?pageSize=1\nHEAD /api/v2/flows' }))
        .settings.probes,
      [
        { method: 'GET', path: '/api/v2/users?pageSize=1' },
        { method: 'HEAD', path: '/api/v2/flows' }
      ]
    )
    fails({ 'check-endpoints': 'https://evil.example/api/v2/x' }, /^Input "check-endpoints"/)
    fails({ 'check-endpoints': 'DELETE /api/v2/users/1' }, /^Input "check-endpoints"/)
  })
})

describe('scalar parsers', () => {
  it('parseBoolean: YAML 1.2 core schema, fallback when empty, error names the input', () => {
    for (const t of ['true', 'True', 'TRUE']) assert.equal(parseBoolean('x', t, false), true)
    for (const f of ['false', 'False', 'FALSE']) assert.equal(parseBoolean('x', f, true), false)
    assert.equal(parseBoolean('x', '', true), true)
    assert.equal(parseBoolean('x', '', false), false)
    assert.throws(
      () => parseBoolean('my-flag', 'yes', true),
      /^ActionError: Input "my-flag" is "yes"/
    )
  })

  it('parseInteger: bounds are inclusive', () => {
    assert.equal(parseInteger('n', '0', 5, 0, 10), 0)
    assert.equal(parseInteger('n', '10', 5, 0, 10), 10)
    assert.equal(parseInteger('n', '', 5, 0, 10), 5)
    assert.throws(() => parseInteger('n', '11', 5, 0, 10), ActionError)
    assert.throws(() => parseInteger('n', '2', 5, 3, 10), /a whole number from 3 to 10/)
  })

  it('parseSeconds: above 0, at most max', () => {
    assert.equal(parseSeconds('t', '0.25', 10, 300), 0.25)
    assert.equal(parseSeconds('t', '', 10, 300), 10)
    assert.throws(() => parseSeconds('t', '0', 10, 300), ActionError)
    assert.throws(() => parseSeconds('t', '60.5', 10, 60), /at most 60/)
  })

  it('parseOrganizationIds: empty is none; only separators fail closed, naming the input', () => {
    assert.deepEqual(parseOrganizationIds(''), [])
    for (const raw of [',', ' ,\n', '   ', ' , , ', '\n'])
      assert.throws(
        () => parseOrganizationIds(raw),
        (e: unknown) =>
          e instanceof ActionError &&
          /^Input "expected-organization-id" .*only separators.*organization ids \(UUIDs\)/.test(
            e.message
          ),
        JSON.stringify(raw)
      )
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
