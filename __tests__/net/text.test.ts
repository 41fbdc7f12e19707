import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { noLegacyCommands, oneLine, serverText as redactedText } from '../../src/net/text.js'
import { noSecrets } from '../support/loopback.js'

const serverText = (value: unknown, max?: number) => redactedText(value, noSecrets, max)

const C0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i))
const C1 = Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)) // DEL and C1

describe('serverText', () => {
  it('turns every C0 and C1 control, DEL, U+2028 and U+2029 into a space', () => {
    for (const c of [...C0, ...C1, '\u2028', '\u2029'])
      assert.equal(
        serverText(`a${c}b`),
        'a b',
        `U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`
      )
  })

  it('a line break cannot start a workflow command', () => {
    assert.equal(serverText('Forbidden\n::add-path::/tmp/x'), 'Forbidden ::add-path::/tmp/x')
    assert.equal(serverText('x\r\n::error::y'), 'x ::error::y')
    assert.ok(!/[\r\n]/.test(serverText('\n'.repeat(5) + 'a' + '\r'.repeat(5))))
  })

  it('collapses runs of spaces and trims', () => {
    assert.equal(serverText('  a \t\n  b   c  '), 'a b c')
    assert.equal(serverText('\n\n'), '')
  })

  it('keeps ordinary Unicode: accents, emoji, non-breaking space', () => {
    assert.equal(serverText('Zoë ✓ 🚀\u00a0Org'), 'Zoë ✓ 🚀\u00a0Org')
  })

  it('caps at max characters, marking the cut with …', () => {
    assert.equal(serverText('x'.repeat(300)), 'x'.repeat(300))
    assert.equal(serverText('x'.repeat(301)), `${'x'.repeat(300)}…`)
    assert.equal(serverText('abcdef', 3), 'abc…')
    assert.equal(serverText('abc', 3), 'abc')
    // The cap applies after flattening: spaces collapsed first.
    assert.equal(serverText('a     b', 3), 'a b')
  })

  it('redacts first, so a secret near the cut or with runs of spaces goes whole', () => {
    const secret = 'pa  ss-Word_0123456789xyz'
    const redact = (t: string) => t.split(secret).join('***')
    const near = `${'x'.repeat(290)} ${secret} tail`
    assert.equal(redactedText(near, redact), `${'x'.repeat(290)} *** tail`)
    assert.equal(redactedText(`x\n${secret}`, redact, 3), 'x *…')
    assert.equal(redactedText(`said: ${secret}`, redact), 'said: ***')
    // Collapsing spaces first would have printed it with one: 'pa ss-Word…', which no longer matches.
    assert.ok(!redactedText(`a ${secret}`, redact).includes('ss-Word'))
  })

  it("breaks the runner's legacy `##[` command form wherever it is, after the cut too", () => {
    for (const [text, shown] of [
      [
        'Acme ##[set-output name=api-url]https://evil.example/',
        'Acme ##\\[set-output name=api-url]https://evil.example/'
      ],
      ['##[add-mask]x', '##\\[add-mask]x'],
      ['a###[b ##[[c', 'a###\\[b ##\\[[c'],
      ['#[ok] # [ok]', '#[ok] # [ok]']
    ])
      assert.equal(serverText(text), shown)
    assert.equal(serverText(`${'y'.repeat(10)}##[error]x`, 13), 'yyyyyyyyyy##\\[…')
    assert.ok(!serverText('##\n##[\r\n[').includes('##['))
  })

  it('gives an empty string for anything that is not a string', () => {
    for (const v of [undefined, null, 0, 42, true, [], ['a'], {}, { toString: () => 'x' }])
      assert.equal(serverText(v), '', String(v))
  })
})

describe('oneLine', () => {
  it('replaces controls and line separators with a space, without trimming or capping', () => {
    assert.equal(oneLine('a\n::add-path::x'), 'a ::add-path::x')
    assert.equal(oneLine(' a\u2029b\u0085c '), ' a b c ')
    assert.equal(oneLine('x'.repeat(5000)).length, 5000)
    for (const c of [...C0, ...C1, '\u2028', '\u2029']) assert.equal(oneLine(c), ' ')
  })

  it("breaks `##[` too, so nothing printed is one of the runner's legacy commands", () => {
    assert.equal(oneLine('x ##[stop-commands]t\n##[error]y'), 'x ##\\[stop-commands]t ##\\[error]y')
    for (const text of ['##[', '###[[', '##[##[', '#\u0000#[', '##\u2028['])
      assert.ok(!oneLine(text).includes('##['), JSON.stringify(text))
    assert.equal(noLegacyCommands('####[[##['), '####\\[[##\\[')
  })

  it('leaves a clean line as it is', () => {
    const line = 'Token request: attempt 1/5 failed (HTTP 503); retrying in 0.6 s'
    assert.equal(oneLine(line), line)
  })
})
