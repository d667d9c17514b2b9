// The platform's HTTP API as the browser specs use it to make their own data: through the same
// routes a client calls, never by writing to the database.
import { BASE_URL } from './browser.mjs';

/** Sends one request; JSON bodies are encoded, FormData (file uploads) is sent as it is. */
async function send(method, path, token, body, headers = {}) {
  const isForm = body instanceof FormData;
  const response = await fetch(`${BASE_URL}/api${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && body !== null && !isForm ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined || body === null ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text };
}

/** The parsed answer of a request that must succeed; a refusal fails the spec with what the server said. */
export async function api(method, path, token, body, headers) {
  const { status, text } = await send(method, path, token, body, headers);
  if (status < 200 || status > 299) throw new Error(`${method} ${path} → ${status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Status and parsed body, for specs that check refusals themselves. */
export async function apiResponse(method, path, token, body, headers) {
  const { status, text } = await send(method, path, token, body, headers);
  return { status, body: text ? JSON.parse(text) : null };
}

/** The roster template's columns, in its order. */
export const ROSTER_HEADER = '学号/工号,姓名,身份,学院,班级,入学年份,初始密码';

/** Imports roster rows (CSV lines under ROSTER_HEADER) as an admin, the way the 导入名单 page uploads them. */
export async function importRoster(token, rows) {
  const form = new FormData();
  form.append('file', new Blob([[ROSTER_HEADER, ...rows].join('\n')]), 'students.csv');
  return api('POST', '/roster/import', token, form);
}

/**
 * A person's first sign-in: the roster's initial password, then the change the platform requires
 * before anything else. Answers the session of a sign-in with the chosen password.
 */
export async function firstSignIn(username, initialPassword, chosenPassword) {
  const first = await api('POST', '/auth/login', null, { username, password: initialPassword });
  await api('POST', '/auth/password', first.token, { oldPassword: initialPassword, newPassword: chosenPassword });
  return api('POST', '/auth/login', null, { username, password: chosenPassword });
}
