// The admin API client. The browser holds no key: the session cookie (HttpOnly) authenticates, and
// every change carries the session's CSRF token, which lives only in this module's memory.

let csrfToken = null;
let onSessionLost = () => {};

export function useCsrfToken(token) {
  csrfToken = token;
}

/** Called with the error when the API answers 401 (session ended, key revoked...). */
export function whenSessionLost(handler) {
  onSessionLost = handler;
}

/** An admin API refusal, in words: message, code, the first field at fault and all of them. */
export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || describeStatus(status));
    this.status = status;
    this.code = error.code || null;
    this.param = error.param || null;
    this.fields = Array.isArray(error.fields)
      ? error.fields
      : error.param ? [{ field: error.param, message: error.message }] : [];
  }
}

function describeStatus(status) {
  switch (status) {
    case 0: return 'The gateway could not be reached. Check the connection and try again.';
    case 401: return 'You are not signed in.';
    case 403: return 'Your role may not do this.';
    case 404: return 'Not found.';
    default: return status >= 500 ? 'The gateway had a problem (' + status + '). Try again.' : 'Request failed (' + status + ').';
  }
}

const SAFE = new Set(['GET', 'HEAD']);

export async function request(method, path, body, { quiet401 = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = null; }
  }
  if (!response.ok) {
    const error = new ApiError(response.status, data);
    if (response.status === 401 && !quiet401) onSessionLost(error);
    throw error;
  }
  return data;
}

export const get = (path, options) => request('GET', path, undefined, options);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const put = (path, body) => request('PUT', path, body);
export const patch = (path, body) => request('PATCH', path, body);
export const del = (path) => request('DELETE', path);

/** A query string from the non-empty entries of an object. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) search.set(name, String(value));
  }
  const text = search.toString();
  return text ? '?' + text : '';
}

export const enc = encodeURIComponent;
