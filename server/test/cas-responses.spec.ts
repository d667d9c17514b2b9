import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { logoutSessionIndex, parseCasValidation } from '../src/modules/auth/sso/cas-client';

const XSD = readFileSync(join(__dirname, 'fixtures/cas/cas-protocol-3.0.xsd'), 'utf8');

async function valid(xml: string): Promise<boolean> {
  const r = await validateXML({
    xml: [{ fileName: 'r.xml', contents: xml }],
    schema: [{ fileName: 'cas.xsd', contents: XSD }],
  });
  return r.valid;
}

// Answer shapes as CAS servers in the field send them (identifiers changed).

/** Apereo CAS 6.x, /p3/serviceValidate, attributes released, memberOf multi-valued. */
const APEREO_SUCCESS = `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationSuccess>
        <cas:user>20260101</cas:user>
        <cas:attributes>
            <cas:credentialType>UsernamePasswordCredential</cas:credentialType>
            <cas:isFromNewLogin>true</cas:isFromNewLogin>
            <cas:authenticationDate>2026-09-01T08:15:30.123456Z</cas:authenticationDate>
            <cas:authenticationMethod>QueryDatabaseAuthenticationHandler</cas:authenticationMethod>
            <cas:successfulAuthenticationHandlers>QueryDatabaseAuthenticationHandler</cas:successfulAuthenticationHandlers>
            <cas:longTermAuthenticationRequestTokenUsed>false</cas:longTermAuthenticationRequestTokenUsed>
            <cas:cn>林小雨</cas:cn>
            <cas:memberOf>student</cas:memberOf>
            <cas:memberOf>xxgcxy</cas:memberOf>
            <cas:xh>0301260101</cas:xh>
            </cas:attributes>
    </cas:authenticationSuccess>
</cas:serviceResponse>`;

/** A CAS 2.0 portal that releases attributes directly under authenticationSuccess (no wrapper). */
const INLINE_ATTRIBUTES = `<?xml version="1.0" encoding="UTF-8"?>
<sso:serviceResponse xmlns:sso="http://www.yale.edu/tp/cas">
  <sso:authenticationSuccess>
    <sso:user>linxy</sso:user>
    <sso:ryh>2026010101</sso:ryh>
    <sso:xm>林小雨</sso:xm>
  </sso:authenticationSuccess>
</sso:serviceResponse>`;

/** Older servers (attribute-release plug-ins) with name/value pairs. */
const NAME_VALUE = `<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">
  <cas:authenticationSuccess>
    <cas:user>T0001</cas:user>
    <cas:attributes>
      <cas:attribute name="gh" value="T0001"/>
      <cas:attribute name="role" value="teacher"/>
      <cas:attribute name="role" value="counsellor"/>
    </cas:attributes>
  </cas:authenticationSuccess>
</cas:serviceResponse>`;

const INVALID_TICKET = `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationFailure code="INVALID_TICKET">Ticket &#39;ST-12-AbCdEf-cas01&#39; not recognized</cas:authenticationFailure>
</cas:serviceResponse>`;

const INVALID_SERVICE = `<cas:serviceResponse xmlns:cas='http://www.yale.edu/tp/cas'>
    <cas:authenticationFailure code="INVALID_SERVICE">
        Ticket &#39;ST-13-GhIjKl-cas01&#39; does not match supplied service. The original service was &#39;https://a.example.edu.cn/&#39; and the supplied service was &#39;https://b.example.edu.cn/&#39;.
    </cas:authenticationFailure>
</cas:serviceResponse>`;

/** Apereo CAS 5+, format=JSON. */
const JSON_SUCCESS = JSON.stringify({
  serviceResponse: {
    authenticationSuccess: {
      user: 'linxy',
      attributes: {
        credentialType: ['UsernamePasswordCredential'],
        isFromNewLogin: [true],
        xh: ['2026010101'],
        memberOf: ['student', 'xxgcxy'],
        idNumber: 2026010102,
      },
    },
  },
});
const JSON_FAILURE = JSON.stringify({
  serviceResponse: { authenticationFailure: { code: 'INVALID_TICKET', description: "Ticket 'ST-1-x' not recognized" } },
});

describe('CAS answers as real servers send them', () => {
  it('reads an Apereo success with multi-valued attributes, keeping 学号 as text', () => {
    // The schema wants authenticationDate, longTermAuthenticationRequestTokenUsed and isFromNewLogin
    // first; servers write attributes in their own order, so the client never relies on it.
    const result = parseCasValidation(APEREO_SUCCESS);
    expect(result).toMatchObject({
      ok: true,
      user: '20260101',
      attributes: { memberOf: ['student', 'xxgcxy'], xh: ['0301260101'], cn: ['林小雨'] },
    });
  });

  it('reads attributes placed directly under authenticationSuccess by a CAS 2.0 portal, any prefix', async () => {
    // Not CAS 3.0 (the schema says so), but such portals are common, so the client reads them.
    expect(await valid(INLINE_ATTRIBUTES)).toBe(false);
    expect(parseCasValidation(INLINE_ATTRIBUTES)).toEqual({
      ok: true,
      user: 'linxy',
      attributes: { ryh: ['2026010101'], xm: ['林小雨'] },
    });
  });

  it('reads name/value attribute pairs, repeated names becoming several values', () => {
    expect(parseCasValidation(NAME_VALUE)).toEqual({
      ok: true,
      user: 'T0001',
      attributes: { gh: ['T0001'], role: ['teacher', 'counsellor'] },
    });
  });

  it('reads the failure codes INVALID_TICKET and INVALID_SERVICE with their descriptions', async () => {
    expect(await valid(INVALID_TICKET)).toBe(true);
    expect(parseCasValidation(INVALID_TICKET)).toEqual({
      ok: false,
      code: 'INVALID_TICKET',
      description: "Ticket 'ST-12-AbCdEf-cas01' not recognized",
    });
    const service = parseCasValidation(INVALID_SERVICE);
    expect(service).toMatchObject({ ok: false, code: 'INVALID_SERVICE' });
    expect(service.ok === false && service.description.startsWith('Ticket')).toBe(true);
  });

  it('reads JSON answers (format=JSON), numbers and booleans as text', () => {
    expect(parseCasValidation(JSON_SUCCESS)).toEqual({
      ok: true,
      user: 'linxy',
      attributes: {
        credentialType: ['UsernamePasswordCredential'],
        isFromNewLogin: ['true'],
        xh: ['2026010101'],
        memberOf: ['student', 'xxgcxy'],
        idNumber: ['2026010102'],
      },
    });
    expect(parseCasValidation(JSON_FAILURE)).toEqual({
      ok: false,
      code: 'INVALID_TICKET',
      description: "Ticket 'ST-1-x' not recognized",
    });
  });

  it('refuses answers that are not validations: a DTD, an HTML error page, an empty body', () => {
    const dtd = `<!DOCTYPE x [<!ENTITY a "aaaa">]><cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas"><cas:authenticationSuccess><cas:user>&a;</cas:user></cas:authenticationSuccess></cas:serviceResponse>`;
    expect(() => parseCasValidation(dtd)).toThrow();
    expect(() => parseCasValidation('<html><body>502 Bad Gateway</body></html>')).toThrow();
    expect(() => parseCasValidation('')).toThrow();
    expect(() => parseCasValidation('{"serviceResponse":{}}')).toThrow();
  });

  it('finds the ticket of a single-logout request and nothing in anything else', () => {
    const request = `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="LR-1" Version="2.0" IssueInstant="2026-09-01T08:00:00Z">
      <saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">@NOT_USED@</saml:NameID>
      <samlp:SessionIndex>ST-12-AbCdEf-cas01</samlp:SessionIndex></samlp:LogoutRequest>`;
    expect(logoutSessionIndex(request)).toBe('ST-12-AbCdEf-cas01');
    expect(
      logoutSessionIndex(
        '<samlp:LogoutRequest><samlp:SessionIndex>not a ticket</samlp:SessionIndex></samlp:LogoutRequest>',
      ),
    ).toBeNull();
    expect(logoutSessionIndex('garbage')).toBeNull();
  });
});
