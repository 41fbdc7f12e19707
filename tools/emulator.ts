// A Genesys Cloud emulator: a real HTTP(S) server on loopback that speaks the token endpoint and
// /api/v2/tokens/me as docs/genesys-cloud.md describes, records what it received, and can be told
// to misbehave (faults) one request at a time.
import { randomBytes, randomUUID } from 'node:crypto'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'

export interface EmulatedClient {
  id: string
  secret: string
  orgId?: string
  orgName?: string
  /** Token lifetime in seconds (Genesys: 300 to 172800, default 86399). */
  lifetime?: number
  /** Grant type of the OAuth client; only client_credentials may get a token. */
  grant?: string
  /** Scopes this client may be granted (JWT mode honours `scope`; Genesys ignores it). */
  allowedScopes?: string[]
  /** What tokens/me lists as authorizedScope (Genesys: unverified, possibly empty). */
  authorizedScope?: string[]
  /** Permissions held through the client's roles (permission probes). */
  permissions?: string[]
  /** tokens/me's OAuthClient.roleDivisions: the client's roles and where each is granted. */
  roleDivisions?: { roleId: string; divisionId: string }[]
}

/** A role as GET /api/v2/authorization/roles/{roleId} answers it (DomainOrganizationRole). */
export interface EmulatedRole {
  id: string
  name: string
  /** `domain:entity:action` strings (`*` parts allowed), each one policy. */
  policies: string[]
  /** Policies that grant only under conditions (allowConditions / resourceConditionNode). */
  conditional?: string[]
  /** Legacy single-word permissions (`admin`). */
  permissions?: string[]
}

/** The credentials a request carried, as a careless server might repeat them in an error. */
export interface Sent {
  /** The client secret, from the Basic header or the form. */
  secret: string
  /** The Basic header's credential (base64 of id:secret), when sent. */
  basic: string
  /** The Bearer token, when sent. */
  token: string
}

export type Fault =
  | { status: number; body?: string; headers?: Record<string, string> }
  /** An error whose JSON body is built from what the request carried (a server that echoes). */
  | { status: number; echo: (sent: Sent) => unknown }
  | { kind: 'reset' | 'hang' | 'malformed' | 'no-token' | 'huge' | 'trickle' }
  /** Answers as usual, but only after `ms` (a token still issued after the client gave up). */
  | { kind: 'delay'; ms: number }

export type Route = 'token' | 'tokens-me' | 'revoke' | 'probe' | 'role'

export interface Recorded {
  method: string
  path: string
  headers: http.IncomingHttpHeaders
  body: string
  route: Route | 'unknown'
  at: number
}

export interface EmulatorOptions {
  clients: EmulatedClient[]
  /** Issue JWT access tokens (a standard OAuth server) instead of opaque ones (Genesys). */
  jwt?: boolean | { claim: 'scope' | 'scp'; asArray?: boolean; exp?: number }
  /** Add a `scope` field to the token response. */
  responseScope?: boolean
  tls?: { key: string; cert: string }
  host?: string
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number
  /** Token POSTs admitted per second; the rest get 429 + Retry-After (load test). */
  tokenRateLimit?: number
  revokeStatus?: 200 | 204
  /** Fields merged into every successful token response (overriding or adding to it). */
  tokenResponse?: Record<string, unknown>
  /** The org's roles, for GET /api/v2/authorization/roles/{roleId}. */
  roles?: EmulatedRole[]
}

interface Issued {
  client: EmulatedClient
  scopes: string[]
}

const ORG = { id: '7f6e5d4c-0000-4000-8000-00000000a001', name: 'Emulated Org' }

export const json = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
) => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

const oauthError = (error: string, description: string) => ({
  error,
  description,
  error_description: description
})
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')

function sentIn(headers: http.IncomingHttpHeaders, body: string): Sent {
  const auth = String(headers.authorization ?? '')
  const basic = auth.startsWith('Basic ') ? auth.slice(6) : ''
  const decoded = Buffer.from(basic, 'base64').toString('utf8')
  return {
    secret: basic
      ? decoded.slice(decoded.indexOf(':') + 1)
      : (new URLSearchParams(body).get('client_secret') ?? ''),
    basic,
    token: auth.startsWith('Bearer ') ? auth.slice(7) : ''
  }
}

export class Emulator {
  readonly requests: Recorded[] = []
  readonly issued = new Map<string, Issued>()
  readonly revoked = new Set<string>()
  readonly faults: Record<Route, Fault[]> = {
    token: [],
    'tokens-me': [],
    revoke: [],
    probe: [],
    role: []
  }
  /** Role reads answer 403 (the client lacks authorization:role:view). */
  rolesForbidden = false
  /** tokens/me leaves OAuthClient.roleDivisions out (unverified for client credentials). */
  omitRoleDivisions = false
  /** Extra GET routes: path → permission the caller's roles must hold (permission probes). */
  readonly probeRoutes = new Map<string, string>()
  private readonly server: http.Server
  private readonly sockets = new Set<import('node:net').Socket>()
  private readonly inFlight = new Map<Route | 'unknown', number>()
  private readonly peak = new Map<Route | 'unknown', number>()
  private readonly waiting: { route: Route; resolve: (r: Recorded) => void }[] = []
  private windowStart = 0
  private windowCount = 0
  url = ''

  constructor(readonly options: EmulatorOptions) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.handle(req, res)
    this.server = options.tls
      ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
      : http.createServer(handler)
    this.server.on('connection', s => {
      this.sockets.add(s)
      s.on('close', () => this.sockets.delete(s))
    })
  }

  static async start(options: EmulatorOptions): Promise<Emulator> {
    const emulator = new Emulator(options)
    const host = options.host ?? '127.0.0.1'
    await new Promise<void>(resolve => emulator.server.listen(options.port ?? 0, host, resolve))
    const { port } = emulator.server.address() as AddressInfo
    emulator.url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`
    return emulator
  }

  get tokens(): string[] {
    return [...this.issued.keys()]
  }

  /** The most requests of a route that were open at the same time. */
  maxInFlight(route: Route): number {
    return this.peak.get(route) ?? 0
  }

  /** Resolves when the next request of the route arrives (read whole, not yet answered). */
  arrival(route: Route): Promise<Recorded> {
    return new Promise(resolve => this.waiting.push({ route, resolve }))
  }

  count(route: Route): number {
    return this.requests.filter(r => r.route === route).length
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private routeOf(method: string, path: string): Route | 'unknown' {
    const p = path.split('?')[0]
    if (p === '/oauth/token') return 'token'
    if (p === '/api/v2/tokens/me') return method === 'DELETE' ? 'revoke' : 'tokens-me'
    if (this.probeRoutes.has(p)) return 'probe'
    if (method === 'GET' && /^\/api\/v2\/authorization\/roles\/[^/]+$/.test(p)) return 'role'
    return 'unknown'
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    const method = req.method ?? ''
    const path = req.url ?? '/'
    const route = this.routeOf(method, path)
    const recorded = { method, path, headers: req.headers, body, route, at: Date.now() }
    this.requests.push(recorded)
    for (const w of this.waiting.filter(w => w.route === route)) {
      this.waiting.splice(this.waiting.indexOf(w), 1)
      w.resolve(recorded)
    }
    const open = (this.inFlight.get(route) ?? 0) + 1
    this.inFlight.set(route, open)
    this.peak.set(route, Math.max(open, this.peak.get(route) ?? 0))
    res.on('close', () => this.inFlight.set(route, (this.inFlight.get(route) ?? 1) - 1))
    // Probe answers take a moment, as real API calls do, so concurrency is observable.
    if (route === 'probe') await new Promise(resolve => setTimeout(resolve, 40))
    if (route !== 'unknown') {
      const fault = this.faults[route].shift()
      if (fault && 'kind' in fault && fault.kind === 'delay')
        await new Promise(resolve => setTimeout(resolve, fault.ms))
      else if (fault && this.applyFault(fault, req, res, body)) return
    }
    switch (route) {
      case 'token':
        return this.token(method, req.headers, body, res)
      case 'tokens-me':
        return this.tokensMe(method, req.headers, res)
      case 'revoke':
        return this.revoke(req.headers, res)
      case 'probe':
        return this.probe(path, req.headers, res)
      case 'role':
        return this.role(path, req.headers, res)
      default:
        return json(res, 404, {
          message: `No resource at ${path.split('?')[0]}`,
          code: 'not.found',
          status: 404
        })
    }
  }

  /** Returns true when the fault answered the request (or deliberately never will). */
  private applyFault(
    fault: Fault,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: string
  ): boolean {
    if ('echo' in fault) {
      json(res, fault.status, fault.echo(sentIn(req.headers, body)))
      return true
    }
    if ('status' in fault) {
      res.writeHead(fault.status, { 'Content-Type': 'application/json', ...fault.headers })
      res.end(
        fault.body ?? JSON.stringify({ message: `emulated ${fault.status}`, status: fault.status })
      )
      return true
    }
    switch (fault.kind) {
      case 'reset':
        req.socket.destroy()
        return true
      case 'hang':
        return true // accept, read, never answer
      case 'malformed':
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"access_token": "abc", "expires_in": ')
        return true
      case 'no-token':
        json(res, 200, { token_type: 'bearer', expires_in: 86399 })
        return true
      case 'huge':
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end(`{"padding":"${'x'.repeat(3 * 1024 * 1024)}"}`)
        return true
      case 'delay':
        return false
      case 'trickle': {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(' ')), 50)
        res.on('close', () => clearInterval(timer))
        return true
      }
    }
  }

  private rateLimited(res: http.ServerResponse): boolean {
    const limit = this.options.tokenRateLimit
    if (!limit) return false
    const now = Date.now()
    if (now - this.windowStart >= 1000) [this.windowStart, this.windowCount] = [now, 0]
    if (++this.windowCount <= limit) return false
    json(
      res,
      429,
      { message: 'Rate limit exceeded', code: 'too.many.requests.retry.after', status: 429 },
      { 'Retry-After': '1' }
    )
    return true
  }

  private token(
    method: string,
    headers: http.IncomingHttpHeaders,
    body: string,
    res: http.ServerResponse
  ): void {
    if (method !== 'POST')
      return json(res, 405, oauthError('invalid_request', 'method not allowed'))
    if (this.rateLimited(res)) return
    if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return json(res, 400, oauthError('invalid_request', 'unsupported content type'))
    const form = new URLSearchParams(body)
    let id = form.get('client_id') ?? ''
    let secret = form.get('client_secret') ?? ''
    const auth = String(headers.authorization ?? '')
    if (auth.startsWith('Basic ')) {
      const decoded = Buffer.from(auth.slice(6), 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      ;[id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)]
    }
    if (form.get('grant_type') !== 'client_credentials')
      return json(res, 400, oauthError('unsupported_grant_type', 'grant type not supported'))
    const client = this.options.clients.find(c => c.id === id)
    if (!client) return json(res, 400, oauthError('invalid_client', 'client not found'))
    if (client.secret !== secret)
      return json(res, 400, oauthError('invalid_client', 'authentication failed'))
    if ((client.grant ?? 'client_credentials') !== 'client_credentials')
      return json(
        res,
        400,
        oauthError(
          'unauthorized_client',
          'client is not authorized to use the client_credential grant type'
        )
      )
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean)
    let scopes: string[] = []
    if (this.options.jwt) {
      // A standard OAuth server: grant what was asked for, if allowed; else everything allowed.
      const allowed = client.allowedScopes ?? []
      const refused = requested.filter(s => !allowed.includes(s))
      if (refused.length)
        return json(
          res,
          400,
          oauthError('invalid_scope', `scope not allowed: ${refused.join(' ')}`)
        )
      scopes = requested.length ? requested : allowed
    }
    const lifetime = client.lifetime ?? 86399
    const token = this.options.jwt
      ? this.jwtFor(client, scopes, lifetime)
      : randomBytes(48).toString('base64url')
    this.issued.set(token, { client, scopes })
    json(res, 200, {
      access_token: token,
      token_type: 'bearer',
      expires_in: lifetime,
      ...(this.options.responseScope ? { scope: scopes.join(' ') } : {}),
      ...this.options.tokenResponse
    })
  }

  private jwtFor(client: EmulatedClient, scopes: string[], lifetime: number): string {
    const opts =
      typeof this.options.jwt === 'object' ? this.options.jwt : { claim: 'scope' as const }
    const now = Math.floor(Date.now() / 1000)
    const claims = {
      iss: this.url,
      sub: client.id,
      client_id: client.id,
      jti: randomUUID(),
      iat: now,
      exp: opts.exp ?? now + lifetime,
      [opts.claim]: opts.asArray ? scopes : scopes.join(' ')
    }
    return `${b64url({ alg: 'RS256', typ: 'at+jwt' })}.${b64url(claims)}.${randomBytes(32).toString('base64url')}`
  }

  /** The bearer token's grant, or undefined after answering 401 the way the Platform API does. */
  private authorize(
    headers: http.IncomingHttpHeaders,
    res: http.ServerResponse
  ): Issued | undefined {
    const token = String(headers.authorization ?? '').replace(/^Bearer /, '')
    const issued = this.issued.get(token)
    if (!issued || this.revoked.has(token)) {
      json(res, 401, {
        message: 'Authentication failed',
        code: 'authentication.required',
        status: 401
      })
      return undefined
    }
    return issued
  }

  private tokensMe(
    method: string,
    headers: http.IncomingHttpHeaders,
    res: http.ServerResponse
  ): void {
    const issued = this.authorize(headers, res)
    if (!issued) return
    if (method === 'HEAD') return void res.writeHead(200).end()
    const org = { id: issued.client.orgId ?? ORG.id, name: issued.client.orgName ?? ORG.name }
    json(res, 200, {
      organization: org,
      homeOrganization: org,
      authorizedScope: issued.client.authorizedScope ?? [],
      OAuthClient: {
        id: issued.client.id,
        name: `client ${issued.client.id}`,
        authorizedGrantType: 'CLIENT-CREDENTIALS',
        ...(this.omitRoleDivisions ? {} : { roleDivisions: issued.client.roleDivisions ?? [] }),
        state: 'active',
        organization: org
      }
    })
  }

  private role(path: string, headers: http.IncomingHttpHeaders, res: http.ServerResponse): void {
    if (!this.authorize(headers, res)) return
    if (this.rolesForbidden)
      return json(res, 403, {
        message:
          'Unable to perform the requested action. You are missing the following permission(s): [authorization:role:view]',
        code: 'missing.permissions',
        status: 403
      })
    const id = decodeURIComponent(path.split('?')[0].split('/').pop()!)
    const role = (this.options.roles ?? []).find(r => r.id === id)
    if (!role)
      return json(res, 404, { message: `Role ${id} not found`, code: 'not.found', status: 404 })
    const policy = (permission: string, conditional: boolean) => {
      const [domain, entityName, action] = permission.split(':')
      return {
        id: randomUUID(),
        domain,
        entityName,
        policyName: `${domain} ${entityName}`,
        policyDescription: '',
        actionSetKey: action,
        allowConditions: conditional,
        ...(conditional
          ? { resourceConditionNode: { variableName: 'queue.id', operator: 'EQ', operands: [] } }
          : {}),
        actionSet: [action]
      }
    }
    json(res, 200, {
      id: role.id,
      name: role.name,
      description: `Emulated role ${role.name}`,
      defaultRoleId: '',
      permissions: role.permissions ?? [],
      permissionPolicies: [
        ...role.policies.map(p => policy(p, false)),
        ...(role.conditional ?? []).map(p => policy(p, true))
      ],
      userCount: 0,
      roleNeedsUpdate: false,
      base: false,
      default: false,
      selfUri: `/api/v2/authorization/roles/${role.id}`
    })
  }

  private revoke(headers: http.IncomingHttpHeaders, res: http.ServerResponse): void {
    const token = String(headers.authorization ?? '').replace(/^Bearer /, '')
    if (!this.authorize(headers, res)) return
    this.revoked.add(token)
    res.writeHead(this.options.revokeStatus ?? 204).end()
  }

  private probe(path: string, headers: http.IncomingHttpHeaders, res: http.ServerResponse): void {
    const issued = this.authorize(headers, res)
    if (!issued) return
    const permission = this.probeRoutes.get(path.split('?')[0])!
    if (!(issued.client.permissions ?? []).includes(permission))
      return json(res, 403, {
        message: `Unable to perform the requested action. You are missing the following permission(s): [${permission}]`,
        code: 'missing.permissions',
        status: 403,
        messageParams: { permissions: permission }
      })
    json(res, 200, {
      entities: [{ id: randomUUID(), name: 'customer data that must never be logged' }],
      pageSize: 1
    })
  }
}
