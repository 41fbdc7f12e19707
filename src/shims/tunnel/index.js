// Stand-in for `tunnel`, put in place of the real one for @actions/http-client by the overrides
// entry of the root package.json. http-client calls one of these when its own proxy look-up
// (process.env https_proxy...) finds a proxy, to build a CONNECT agent; but every request this
// action makes gets its agent replaced in a prepareRequest handler (src/net/http.ts), and the
// proxy and its tunnel are ours (src/net/connections.ts), so that agent would be built and thrown
// away. Each returns undefined, on which http-client builds a plain http(s).Agent instead (which
// is replaced just the same). __tests__/shims.test.ts checks that every name http-client imports
// from tunnel is exported here, and that a proxied run of dist/ still works.
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
