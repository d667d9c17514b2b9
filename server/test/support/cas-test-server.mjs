// A CAS server for tests, following the CAS 3.0 protocol specification: /login (credentials form,
// SSO session cookie, renew, gateway), /serviceValidate (2.0, no attributes) and
// /p3/serviceValidate (3.0, attributes) answering XML or JSON (format=JSON), one-time service
// tickets bound to their service, and single logout by the back-channel POST of a SAML
// LogoutRequest to the service URL. Used by the server's jest tests and by the browser tests.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const CAS_NS = 'http://www.yale.edu/tp/cas';

function xmlEscape(text) {
  return String(text).replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c],
  );
}

function htmlEscape(text) {
  return xmlEscape(text);
}

/** Ticket bodies use only {A-Z a-z 0-9 -} (CAS 3.0 §3.7). */
function newTicket(prefix) {
  return `${prefix}-${randomBytes(16).toString('hex')}`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (c) => {
      size += c.length;
      if (size > 65536) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function cookieOf(req, name) {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function withTicket(service, ticket) {
  return `${service}${service.includes('?') ? '&' : '?'}ticket=${encodeURIComponent(ticket)}`;
}

/**
 * @param {{ users?: Record<string, string>, anyPassword?: string | null,
 *   attributes?: (user: string) => Record<string, string[]>, port?: number }} options
 */
export async function startCasTestServer(options = {}) {
  const users = options.users ?? {};
  const attributesOf = options.attributes ?? ((user) => ({ uid: [user] }));
  /** ticket → { user, service, fromNewLogin, used, tgt } */
  const tickets = new Map();
  /** TGT → user */
  const sessions = new Map();
  /** Every validation answer sent, as { format, body } (the tests check each against the XSD). */
  const responses = [];
  const logoutsSent = [];

  function issue(user, service, fromNewLogin, tgt = null) {
    const ticket = newTicket('ST');
    tickets.set(ticket, { user, service, fromNewLogin, used: false, tgt, at: Date.now() });
    return ticket;
  }

  function loginPage(res, { service, renew, error }) {
    res.writeHead(error ? 401 : 200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>统一身份认证（测试）</title><style>body{font-family:sans-serif;margin:0;background:#eef3fb}main{max-width:360px;margin:48px auto;background:#fff;padding:24px;border-radius:8px}
label{display:block;margin:12px 0 4px}input{width:100%;box-sizing:border-box;padding:10px;font-size:16px}button{margin-top:16px;width:100%;padding:12px;font-size:16px;background:#1f5fbf;color:#fff;border:0;border-radius:4px}.error{color:#c00}</style></head>
<body><main><h1>统一身份认证</h1><p>测试用 CAS 服务器</p>${error ? `<p class="error" id="cas-error">${htmlEscape(error)}</p>` : ''}
<form method="post" action="login"><input type="hidden" name="service" value="${htmlEscape(service ?? '')}"><input type="hidden" name="renew" value="${renew ? 'true' : ''}">
<label for="username">用户名</label><input id="username" name="username" autocomplete="username">
<label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password">
<button id="cas-submit" type="submit">登录</button></form></main></body></html>`);
  }

  function validationXml(body) {
    return `<cas:serviceResponse xmlns:cas="${CAS_NS}">\n${body}\n</cas:serviceResponse>\n`;
  }

  function answer(res, format, success, failure) {
    let body;
    if (format === 'JSON') {
      body = JSON.stringify({
        serviceResponse: success
          ? {
              authenticationSuccess: {
                user: success.user,
                ...(success.attributes ? { attributes: success.attributes } : {}),
              },
            }
          : { authenticationFailure: { code: failure.code, description: failure.description } },
      });
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
    } else {
      let inner;
      if (success) {
        const attrs = success.attributes
          ? `    <cas:attributes>\n${Object.entries(success.attributes)
              .flatMap(([name, values]) => values.map((v) => `      <cas:${name}>${xmlEscape(v)}</cas:${name}>`))
              .join('\n')}\n    </cas:attributes>\n`
          : '';
        inner = `  <cas:authenticationSuccess>\n    <cas:user>${xmlEscape(success.user)}</cas:user>\n${attrs}  </cas:authenticationSuccess>`;
      } else {
        inner = `  <cas:authenticationFailure code="${xmlEscape(failure.code)}">${xmlEscape(failure.description)}</cas:authenticationFailure>`;
      }
      body = validationXml(inner);
      res.writeHead(200, { 'content-type': 'application/xml;charset=UTF-8' });
    }
    responses.push({ format: format === 'JSON' ? 'json' : 'xml', body });
    res.end(body);
  }

  /** CAS 3.0 §2.5 / §2.6: the ticket is spent by any validation attempt, good or bad. */
  function validate(url, res, withAttributes) {
    const service = url.searchParams.get('service');
    const ticket = url.searchParams.get('ticket');
    const renew = url.searchParams.get('renew') === 'true';
    const format = (url.searchParams.get('format') ?? 'XML').toUpperCase();
    if (!service || !ticket) {
      return answer(res, format, null, {
        code: 'INVALID_REQUEST',
        description: 'service and ticket parameters are both required',
      });
    }
    if (!ticket.startsWith('ST-')) {
      return answer(res, format, null, {
        code: 'INVALID_TICKET_SPEC',
        description: `Ticket ${ticket} is not a service ticket`,
      });
    }
    const entry = tickets.get(ticket);
    if (!entry || entry.used || Date.now() - entry.at > 5 * 60_000) {
      return answer(res, format, null, { code: 'INVALID_TICKET', description: `Ticket ${ticket} not recognized` });
    }
    entry.used = true;
    if (entry.service !== service) {
      return answer(res, format, null, {
        code: 'INVALID_SERVICE',
        description: `Ticket ${ticket} does not match supplied service`,
      });
    }
    if (renew && !entry.fromNewLogin) {
      return answer(res, format, null, {
        code: 'INVALID_TICKET_SPEC',
        description: 'Ticket was not issued from a new login (renew)',
      });
    }
    const attributes = withAttributes
      ? {
          authenticationDate: [new Date().toISOString()],
          longTermAuthenticationRequestTokenUsed: ['false'],
          isFromNewLogin: [String(entry.fromNewLogin)],
          ...attributesOf(entry.user),
        }
      : null;
    return answer(res, format, { user: entry.user, attributes }, null);
  }

  function logoutRequestFor(ticket) {
    return `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="LR-${randomBytes(8).toString('hex')}" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:NameID xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">@NOT_USED@</saml:NameID><samlp:SessionIndex>${ticket}</samlp:SessionIndex></samlp:LogoutRequest>`;
  }

  /** The back-channel POST of CAS 3.0 §2.3.3 / appendix C to the service the ticket was for. */
  async function sendLogout(ticket) {
    const entry = tickets.get(ticket);
    if (!entry) throw new Error(`unknown ticket ${ticket}`);
    const response = await fetch(entry.service, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logoutRequest: logoutRequestFor(ticket) }).toString(),
    });
    logoutsSent.push({ ticket, status: response.status });
    return response.status;
  }

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://cas.invalid');
      const service = url.searchParams.get('service');
      if (req.method === 'GET' && url.pathname === '/cas/login') {
        const renew = url.searchParams.get('renew') === 'true';
        const tgt = cookieOf(req, 'CASTGC');
        const user = tgt ? sessions.get(tgt) : undefined;
        if (service && user && !renew) {
          res.writeHead(302, { location: withTicket(service, issue(user, service, false, tgt)) });
          return res.end();
        }
        if (service && url.searchParams.get('gateway') === 'true' && !renew) {
          res.writeHead(302, { location: service });
          return res.end();
        }
        return loginPage(res, { service, renew });
      }
      if (req.method === 'POST' && url.pathname === '/cas/login') {
        const form = new URLSearchParams(await readBody(req));
        const username = form.get('username') ?? '';
        const password = form.get('password') ?? '';
        const formService = form.get('service') || null;
        const ok =
          (users[username] !== undefined && users[username] === password) ||
          (options.anyPassword != null && username !== '' && password === options.anyPassword);
        if (!ok)
          return loginPage(res, {
            service: formService,
            renew: form.get('renew') === 'true',
            error: '用户名或密码错误',
          });
        const tgt = newTicket('TGT');
        sessions.set(tgt, username);
        const headers = { 'set-cookie': `CASTGC=${tgt}; Path=/cas; HttpOnly` };
        if (!formService) {
          res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
          return res.end('<p>登录成功</p>');
        }
        res.writeHead(302, { ...headers, location: withTicket(formService, issue(username, formService, true, tgt)) });
        return res.end();
      }
      if (req.method === 'GET' && url.pathname === '/cas/serviceValidate') return validate(url, res, false);
      if (req.method === 'GET' && url.pathname === '/cas/p3/serviceValidate') return validate(url, res, true);
      if (req.method === 'GET' && url.pathname === '/cas/logout') {
        const tgt = cookieOf(req, 'CASTGC');
        if (tgt) {
          sessions.delete(tgt);
          for (const [ticket, entry] of tickets) if (entry.tgt === tgt) await sendLogout(ticket).catch(() => undefined);
        }
        res.writeHead(200, {
          'set-cookie': 'CASTGC=; Path=/cas; Max-Age=0',
          'content-type': 'text/html; charset=utf-8',
        });
        return res.end('<p>已退出统一身份认证</p>');
      }
      res.writeHead(404);
      res.end();
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/cas`,
    responses,
    logoutsSent,
    tickets,
    /** A ticket as the login would issue it (fromNewLogin false: from an existing CAS session). */
    issueTicket: (user, service, fromNewLogin = true) => issue(user, service, fromNewLogin),
    logoutRequestFor,
    sendLogout,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
