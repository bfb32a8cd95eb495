import { describe, expect, it } from 'vitest'
import { signatureHeader, verifySignature } from '../../../../core/notifications/webhook-signature.js'

describe('the X-Vigil-Signature of json webhooks', () => {
  const body = '{"a":1}'

  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test -hex
    expect(signatureHeader(body, 'whsec_test', 1_700_000_000)).toBe('t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789')
  })

  it('verifies what it signed, within the tolerance', () => {
    const header = signatureHeader(body, 'whsec_test', 1_700_000_000)
    expect(verifySignature(body, header, 'whsec_test', 1_700_000_100)).toEqual({ ok: true })
  })

  it('refuses another body, another secret, an old timestamp and a malformed header, saying which', () => {
    const header = signatureHeader(body, 'whsec_test', 1_700_000_000)
    expect(verifySignature('{"a":2}', header, 'whsec_test', 1_700_000_000)).toEqual({ ok: false, reason: 'signature does not match the body' })
    expect(verifySignature(body, header, 'whsec_other', 1_700_000_000)).toEqual({ ok: false, reason: 'signature does not match the body' })
    expect(verifySignature(body, header, 'whsec_test', 1_700_000_301)).toEqual({ ok: false, reason: 'timestamp 1700000000 is more than 300 s from now' })
    expect(verifySignature(body, 't=1,v1=zz', 'whsec_test', 1)).toMatchObject({ ok: false, reason: expect.stringContaining('malformed') as unknown })
    expect(verifySignature(body, undefined, 'whsec_test', 1)).toEqual({ ok: false, reason: 'no x-vigil-signature header' })
  })
})
