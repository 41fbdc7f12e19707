// The floor: what any main step must do, with Node built-ins only. Start node, load
// node:http/node:https, POST one client-credentials request, parse the JSON, write GITHUB_OUTPUT.
import { appendFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'

const url = new URL('/oauth/token', process.env['INPUT_LOGIN-URL'])
const basic = Buffer.from(
  `${process.env['INPUT_CLIENT-ID']}:${process.env['INPUT_CLIENT-SECRET']}`
).toString('base64')
const body = 'grant_type=client_credentials'
const req = (url.protocol === 'https:' ? https : http).request(url, {
  method: 'POST',
  headers: {
    Authorization: `Basic ${basic}`,
    'Content-Type': 'application/x-www-form-urlencoded',
    'Content-Length': body.length
  }
})
req.on('response', res => {
  let text = ''
  res.setEncoding('utf8')
  res.on('data', chunk => (text += chunk))
  res.on('end', () => {
    const token = JSON.parse(text)
    appendFileSync(
      process.env.GITHUB_OUTPUT,
      `access-token=${token.access_token}\nexpires-in=${token.expires_in}\n`
    )
  })
})
req.end(body)
