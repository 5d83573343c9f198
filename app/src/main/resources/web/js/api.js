// The HTTP client for the Mastodon-compatible API: JSON in and out, bearer token, errors as ApiError.
import { session } from './session.js';

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** The message a server put into an error body: Mastodon's {"error": "..."} or OpenAI's {"error": {"message"}}. */
export function errorMessage(body, status) {
  const error = body?.error;
  if (typeof error === 'string' && error) return error;
  if (typeof error?.message === 'string' && error.message) return error.message;
  if (status === 429) return 'Too many requests: please wait a moment.';
  if (status === 401) return 'Please log in first.';
  return `The server answered ${status}.`;
}

/**
 * Calls the API. options: method, body (sent as JSON), token (default: the session's; null sends none),
 * headers, signal. Resolves to { data, headers }; rejects with ApiError on a non-2xx answer.
 */
export async function request(path, options = {}) {
  const headers = { Accept: 'application/json', ...options.headers };
  const token = options.token === undefined ? session.token : options.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, { method: options.method ?? 'GET', headers, body, signal: options.signal });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'Cannot reach the server.', null);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, errorMessage(data, response.status), data);
  return { data, headers: response.headers };
}

export async function api(path, options) {
  return (await request(path, options)).data;
}

/** The max_id of the rel="next" link in a Link header, or null. */
export function nextMaxId(linkHeader) {
  if (!linkHeader) return null;
  for (const part of linkHeader.split(',')) {
    const match = part.match(/<([^>]+)>\s*;\s*rel="?next"?/);
    if (match) {
      try {
        return new URL(match[1], location.origin).searchParams.get('max_id');
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Fetches one page of a list endpoint. Resolves to { items, next } where next is the max_id for the next page. */
export async function page(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value != null) query.set(key, value);
  const qs = query.toString();
  const { data, headers } = await request(qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path);
  const items = Array.isArray(data) ? data : [];
  const next = nextMaxId(headers.get('Link')) ?? (items.length ? items[items.length - 1].id : null);
  return { items, next };
}

export const statuses = {
  get: (id) => api(`/api/v1/statuses/${encodeURIComponent(id)}`),
  context: (id) => api(`/api/v1/statuses/${encodeURIComponent(id)}/context`),
  create: (body, idempotencyKey) =>
    api('/api/v1/statuses', { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey } }),
  remove: (id) => api(`/api/v1/statuses/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  act: (id, action) => api(`/api/v1/statuses/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
};

export const accounts = {
  lookup: (acct) => api(`/api/v1/accounts/lookup?acct=${encodeURIComponent(acct)}`),
  relationship: async (id) =>
    (await api(`/api/v1/accounts/relationships?id[]=${encodeURIComponent(id)}`))?.[0] ?? null,
  act: (id, action) => api(`/api/v1/accounts/${encodeURIComponent(id)}/${action}`, { method: 'POST' }),
};
