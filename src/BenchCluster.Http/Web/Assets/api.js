// The coordinator's JSON API, called with the browser's session cookie (POST /api/session sets it).

/** The API answered 401: the visitor has to sign in. */
export class SignInRequired extends Error {
  constructor() { super('sign in required'); }
}

/** The API answered with an error; message is what the server said, or the status line. */
export class ApiError extends Error {
  constructor(status, message, path) {
    super(message);
    this.status = status;
    this.path = path;
  }
}

/** The server's message, and on a line of its own what to do about it (the API's errors carry both). */
export function withFix(message, fix) {
  return fix ? `${message}\n${fix.charAt(0).toUpperCase()}${fix.slice(1)}.` : message;
}

async function errorMessage(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    const message = body.error ?? body.detail ?? body.title ?? body.message;
    if (message) return withFix(String(message), body.fix);
  } catch { /* not JSON: the text itself */ }
  return text.trim().slice(0, 500) || `${response.status} ${response.statusText}`;
}

async function send(path, init) {
  const response = await fetch(path, { credentials: 'same-origin', ...init });
  if (response.status === 401) throw new SignInRequired();
  if (!response.ok) throw new ApiError(response.status, await errorMessage(response), path);
  return response;
}

/** GET a JSON document. */
export async function getJson(path) {
  const response = await send(path, { headers: { Accept: 'application/json' } });
  return response.json();
}

/** The list a listing endpoint returns, whether bare or wrapped ({items|runs|nodes|models: [...]}). */
export function list(body, ...names) {
  if (Array.isArray(body)) return body;
  for (const name of [...names, 'items', 'data']) if (Array.isArray(body?.[name])) return body[name];
  return [];
}

/** Trades an API token for a session cookie. */
export async function signIn(token) {
  await send('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token }),
  });
}

/** Ends the session (best effort: a coordinator without DELETE /api/session leaves the cookie to expire). */
export async function signOut() {
  try { await send('/api/session', { method: 'DELETE' }); } catch { /* see above */ }
}
