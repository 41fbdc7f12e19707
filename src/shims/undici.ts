// Stand-in for `undici`, wired in through tsconfig "paths" at bundle time. @actions/http-client
// imports undici eagerly but needs it only for getAgentDispatcher (fetch through a proxy), which
// this action never calls; the real one is ~95% of the bundle and ~10 ms of every start-up.
// Requests, proxied ones included, go through node:http/https and `tunnel`.
export class ProxyAgent {
  constructor() {
    throw new Error('undici is not bundled with genesys-cloud-auth')
  }
}
