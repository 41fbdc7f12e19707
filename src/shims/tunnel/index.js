// Stand-in for `tunnel`, put in place of the real one for @actions/http-client by the overrides
// entry of the root package.json. http-client imports it at load, and calls one of these only
// from its own proxy look-up (_getAgent, reading process.env https_proxy...), which this action
// never reaches: src/net/http.ts sends through requestRaw() with a request it builds with our
// agent, and the proxy and its tunnel are ours (src/net/connections.ts). The real package would
// add 4.5 KB to each bundle (docs/transport.md, "The stubs"). Each returns undefined, on which
// http-client would build a plain http(s).Agent. __tests__/shims.test.ts checks that every name
// http-client imports from tunnel is exported here, and that a proxied run of dist/ still works.
export function httpOverHttp() {
  return undefined
}

export function httpsOverHttp() {
  return undefined
}

export function httpOverHttps() {
  return undefined
}

export function httpsOverHttps() {
  return undefined
}
