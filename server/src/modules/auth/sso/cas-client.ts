import { XMLParser } from 'fast-xml-parser';
import type { SsoSettings } from '../../../config/app-config';

/** What the CAS server said about a ticket. Attribute values are always lists (CAS 3.0 allows many). */
export type CasValidation =
  { ok: true; user: string; attributes: Record<string, string[]> } | { ok: false; code: string; description: string };

/** A CAS answer larger than this is not a ticket validation (real ones are a few KB). */
const MAX_RESPONSE_BYTES = 256 * 1024;
const TIMEOUT_MS = 10_000;

/** Elements of cas:authenticationSuccess that are not person attributes. */
const SUCCESS_ELEMENTS = new Set(['user', 'attributes', 'proxyGrantingTicket', 'proxies']);

/**
 * Service tickets are `ST-` + at most 256 characters of {A–Z a–z 0–9 -} (CAS 3.0 §3.1.1, §3.7);
 * real servers add `.` and `_` (cluster suffixes). Anything else is refused before the CAS server
 * is asked.
 */
export function isServiceTicket(ticket: string): boolean {
  return ticket.length <= 256 && /^ST-[A-Za-z0-9._-]+$/.test(ticket);
}

/**
 * The CAS protocol (2.0 and 3.0) as a client: the login address and ticket validation. The service
 * URL is given by the caller, who builds it from the configured public address only.
 */
export class CasClient {
  constructor(
    private readonly settings: Pick<SsoSettings, 'casUrl' | 'casVersion' | 'casFormat'>,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  private get base(): string {
    if (!this.settings.casUrl) throw new Error('CAS is not configured');
    return this.settings.casUrl;
  }

  loginUrl(service: string, renew: boolean): string {
    const query = new URLSearchParams({ service });
    if (renew) query.set('renew', 'true');
    return `${this.base}/login?${query.toString()}`;
  }

  /** Asks the CAS server whether `ticket` was issued for `service` (and, with renew, from a fresh login). */
  async validate(service: string, ticket: string, renew: boolean): Promise<CasValidation> {
    const path = this.settings.casVersion === 3 ? '/p3/serviceValidate' : '/serviceValidate';
    const query = new URLSearchParams({ service, ticket });
    if (renew) query.set('renew', 'true');
    if (this.settings.casFormat === 'json') query.set('format', 'JSON');
    const response = await this.fetchImpl(`${this.base}${path}?${query.toString()}`, {
      headers: { accept: this.settings.casFormat === 'json' ? 'application/json' : 'application/xml, text/xml' },
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await readLimited(response);
    if (!response.ok) throw new Error(`CAS validation answered HTTP ${response.status}`);
    return parseCasValidation(body);
  }
}

async function readLimited(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_RESPONSE_BYTES) throw new Error('CAS answer too large');
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_RESPONSE_BYTES) throw new Error('CAS answer too large');
  return text;
}

/**
 * Reads a serviceValidate answer, XML or JSON (detected from the text: some servers answer XML
 * although JSON was asked for). Accepts the shapes seen in the field: CAS 3.0 `cas:attributes` with
 * one element per value, the older `<cas:attribute name= value=>` form, and attributes placed
 * directly under `cas:authenticationSuccess` by CAS 2.0 servers that release them anyway.
 */
export function parseCasValidation(body: string): CasValidation {
  const text = body.trim();
  if (text.startsWith('{')) return fromJson(text);
  return fromXml(text);
}

function fromJson(text: string): CasValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('CAS answer is not valid JSON');
  }
  const response = record(record(parsed)?.serviceResponse);
  const success = record(response?.authenticationSuccess);
  if (success) {
    const user = scalar(success.user);
    if (!user) throw new Error('CAS success without a user');
    const attributes: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(record(success.attributes) ?? {})) {
      const values = (Array.isArray(value) ? value : [value]).map(scalar).filter((v): v is string => v !== null);
      if (values.length > 0) attributes[name] = values;
    }
    return { ok: true, user, attributes };
  }
  const failure = record(response?.authenticationFailure);
  if (failure)
    return { ok: false, code: scalar(failure.code) ?? 'UNKNOWN', description: scalar(failure.description) ?? '' };
  throw new Error('CAS answer has neither authenticationSuccess nor authenticationFailure');
}

function fromXml(text: string): CasValidation {
  // A validation answer never needs a DTD; refusing one rules out entity expansion attacks.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('CAS answer carries a DTD');
  const parser = new XMLParser({
    removeNSPrefix: true,
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    // 学号 such as 0301 must stay text, not become the number 301.
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Servers escape quotes in descriptions as &#39; and names may carry any character reference.
    htmlEntities: true,
    // Every attribute may repeat (multi-valued); only the user is single.
    isArray: (_name, jpath, _leaf, isAttribute) => {
      if (isAttribute) return false;
      const path = String(jpath);
      return (
        path.startsWith('serviceResponse.authenticationSuccess.') &&
        path !== 'serviceResponse.authenticationSuccess.user'
      );
    },
  });
  let doc: unknown;
  try {
    doc = parser.parse(text);
  } catch {
    throw new Error('CAS answer is not valid XML');
  }
  const response = record(record(doc)?.serviceResponse);
  const success = record(response?.authenticationSuccess);
  if (success) {
    const user = scalar(success.user);
    if (!user) throw new Error('CAS success without a user');
    const attributes: Record<string, string[]> = {};
    const add = (name: string, value: unknown) => {
      const v = scalar(value);
      if (v === null) return;
      (attributes[name] ??= []).push(v);
    };
    for (const block of list(success.attributes)) {
      for (const [name, values] of Object.entries(record(block) ?? {})) {
        for (const value of list(values)) {
          // <cas:attribute name="xh" value="2026010101"/>
          const named = record(value);
          if (name === 'attribute' && named && typeof named['@name'] === 'string') add(named['@name'], named['@value']);
          else add(name, value);
        }
      }
    }
    for (const [name, values] of Object.entries(success)) {
      if (SUCCESS_ELEMENTS.has(name) || name.startsWith('@')) continue;
      for (const value of list(values)) add(name, value);
    }
    return { ok: true, user, attributes };
  }
  const failure = response?.authenticationFailure;
  if (failure !== undefined) {
    const f = record(failure);
    const code = f ? scalar(f['@code']) : null;
    const description = f ? (scalar(f['#text']) ?? '') : (scalar(failure) ?? '');
    return { ok: false, code: code ?? 'UNKNOWN', description };
  }
  throw new Error('CAS answer has neither authenticationSuccess nor authenticationFailure');
}

/**
 * The session a CAS single-logout request ends: the service ticket in its `samlp:SessionIndex`
 * (CAS 3.0 appendix C). Null when the body is not such a request.
 */
export function logoutSessionIndex(logoutRequest: string): string | null {
  if (logoutRequest.length > 16_384 || /<!DOCTYPE|<!ENTITY/i.test(logoutRequest)) return null;
  try {
    const doc = record(
      new XMLParser({
        removeNSPrefix: true,
        ignoreAttributes: true,
        parseTagValue: false,
        trimValues: true,
        htmlEntities: true,
      }).parse(logoutRequest),
    );
    const index = scalar(record(doc?.LogoutRequest)?.SessionIndex);
    return index && isServiceTicket(index) ? index : null;
  } catch {
    return null;
  }
}

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of a value: strings and numbers as they are; an element with only text; else null. */
function scalar(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const r = record(value);
  if (r && '#text' in r) return scalar(r['#text']);
  return null;
}
