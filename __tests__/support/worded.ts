// genesys/ raises facts and the catalogue words them (src/errors.ts worded): tests of genesys/
// that assert the user's message run the call through the same wording the steps apply.
import { worded } from '../../src/errors.js'
import { send, type HttpRequest, type HttpResponse } from '../../src/net/http.js'
import type { HttpPolicy } from '../../src/net/policy.js'

export function inWords<T>(fn: () => T): T {
  try {
    return fn()
  } catch (err) {
    throw worded(err)
  }
}

export const settledInWords = <T>(work: Promise<T>): Promise<T> =>
  work.catch((err: unknown) => {
    throw worded(err)
  })

/** send(), with a request that failed for good worded as the step shows it (errors.network). */
export const request = (req: HttpRequest, policy: HttpPolicy): Promise<HttpResponse> =>
  settledInWords(send(req, policy))
