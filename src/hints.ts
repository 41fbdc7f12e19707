// What to check, by cause: the advice that ends a failure's message, worded for this action's
// inputs. The causes are facts the layers below told apart (genesys/failure.ts, net/failure.ts).
import type { TokenRefusal, VerifyRefusal } from './genesys/failure.js'
import type { FailureKind } from './net/failure.js'

/** The answer to a refused address is not public: a refusal we cannot classify may be one. */
const IP_HINT =
  "Also check the organization's Allowed IP Addresses and any IP restriction of the OAuth client: a GitHub-hosted runner's address changes from job to job (see the README, Good to know)."

const SECRET_HINT =
  'The client secret was rejected: check "client-secret" (copy it again; look for trailing whitespace) and that the client was not deleted or its secret rotated.'

const TOKEN_HINTS: Record<TokenRefusal, string> = {
  'unknown-client':
    'The client ID is unknown at this login host: check "region" (each Genesys Cloud region has its own login host) and "client-id".',
  'bad-secret': SECRET_HINT,
  'bad-secret-or-address': `${SECRET_HINT} ${IP_HINT}`,
  'grant-type':
    'The OAuth client must use the "Client Credentials" grant (Admin > Integrations > OAuth).',
  scope: 'A requested scope is not allowed for this client: check "scopes".',
  'rate-limit':
    'The token endpoint is rate limiting this client; retries were used up. Fewer parallel jobs, or a higher "max-attempts", help.',
  load: 'The login host kept refusing for load (rate limit or timeout); retries were used up. Fewer parallel jobs, or a higher "max-attempts", help.',
  'no-endpoint':
    'No token endpoint at this address: check "login-url" (the token endpoint is <login-url>/oauth/token).',
  redirect:
    'The login host redirected; redirects are not followed for the token request. Check "login-url".',
  server: 'The login service is failing; retries were used up. Try again later.',
  refused: `Check the client ID, secret and region. ${IP_HINT}`,
  other: 'Check the client ID, secret and region.'
}

export const tokenHint = (refusal: TokenRefusal): string => TOKEN_HINTS[refusal]

const VERIFY_HINTS: Record<VerifyRefusal, string> = {
  'token-rejected':
    'The API rejected the new token: "api-url" may be of another region than "login-url", or the token was revoked.',
  forbidden: "The API refused this token: check the OAuth client's roles and divisions.",
  'no-api':
    'No such API at "api-url": check it points at the Genesys Cloud API host (https://api.<domain>).',
  server:
    'The Genesys Cloud API is failing; retries were used up. Try again later, or set "verify: false" to skip the check.'
}

export const verifyHint = (refusal: VerifyRefusal): string => VERIFY_HINTS[refusal]

export function networkHint(what: string, kind: FailureKind): string {
  switch (kind) {
    case 'tls':
      return "Check the runner's clock (a certificate expired or not yet valid), and whether a proxy intercepts TLS (its CA then goes in NODE_EXTRA_CA_CERTS)."
    case 'tls-untrusted':
      return "Node does not trust the CA that issued it (a private CA, or a proxy that intercepts TLS): give Node that CA with NODE_EXTRA_CA_CERTS=/path/to/ca.pem in the job's env, or on Node 24 set NODE_OPTIONS=--use-system-ca to trust the runner's system store (where a corporate CA is usually installed). Not retried."
    case 'tls-name':
      return 'The host, or a proxy that intercepts TLS, presented a certificate for other names: check "region" and the URL inputs, the host name in https_proxy, and whether a proxy intercepts TLS for the Genesys hosts. Not retried.'
    case 'proxy-auth-scheme':
      return "This action authenticates to proxies with Basic only (user:password in https_proxy). Use a local relay that speaks the proxy's scheme (cntlm or px, then https_proxy=http://127.0.0.1:3128), or, if the runner may reach the Genesys hosts directly, list them in no_proxy (e.g. no_proxy=.mypurecloud.com)."
    case 'proxy-setting':
      return 'Set https_proxy to an HTTP proxy (http://host:port or https://host:port), or list the Genesys hosts in no_proxy if the runner may reach them directly; SOCKS proxies need a local HTTP relay.'
    case 'body':
      return `The server sent far more than a ${what === 'Token request' ? 'token endpoint' : 'Platform API'} answers; check the URL inputs.`
    case 'budget':
      return 'Earlier requests and their retries used up the step\'s time budget (3 minutes, or twice "timeout" if longer): see the log for what failed, and try again later.'
    case 'dns':
      return 'Check "region" or the URL inputs for a typo, and the runner\'s DNS.'
    case 'proxy-auth':
      return 'Give the proxy its credentials in the proxy URL, e.g. https_proxy=http://user:password@proxy.example:3128 (percent-encode special characters; the password is masked in the log).'
    case 'proxy':
      return 'Check the proxy settings (https_proxy, no_proxy) and that the proxy allows CONNECT to this host on port 443.'
    default:
      return 'Check the region or URL inputs, the runner\'s network and any proxy settings (https_proxy, no_proxy); "timeout" and "max-attempts" tune the patience.'
  }
}
