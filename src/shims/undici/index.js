// Stand-in for `undici`, put in place of the real one for @actions/http-client by the overrides
// entry of the root package.json. @actions/http-client imports undici eagerly but needs it only
// for getAgentDispatcher (fetch through a proxy), which this action never calls; the real one is
// ~95% of the bundle and ~10 ms of every start-up. Requests, proxied ones included, go through
// node:http/https and this action's own CONNECT tunnels (src/net/connections.ts).
// __tests__/shims.test.ts checks that every name @actions/http-client imports from undici is
// exported here.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with genesys-cloud-auth')
  }
}
