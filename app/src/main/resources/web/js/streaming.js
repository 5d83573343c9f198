// Live updates over Server-Sent Events, the way Mastodon serves them: `event: update` carries a status,
// `event: delete` a status id, `event: status.update` an edited status, `event: notification` (user stream) a
// notification. EventSource reconnects by itself after a network error.
import { session } from './session.js';

/**
 * Opens /api/v1/streaming/{kind} (public, user, hashtag...). params: extra query parameters (e.g. {tag}).
 * handlers: update(status), delete(id), 'status.update'(status), notification(notification),
 * state('connecting' | 'open' | 'error').
 * Returns a function that closes the stream.
 */
export function openStream(kind, params, handlers) {
  const url = new URL(`/api/v1/streaming/${kind}`, location.origin);
  for (const [key, value] of Object.entries(params ?? {})) url.searchParams.set(key, value);
  // EventSource cannot send headers: Mastodon takes the token as a query parameter on streams.
  if (session.token) url.searchParams.set('access_token', session.token);
  const source = new EventSource(url);
  handlers.state?.('connecting');
  source.addEventListener('open', () => handlers.state?.('open'));
  source.addEventListener('error', () => handlers.state?.(source.readyState === EventSource.CLOSED ? 'closed' : 'error'));
  source.addEventListener('update', (event) => {
    try {
      handlers.update?.(JSON.parse(event.data));
    } catch {
      // A malformed event is skipped; the next one still arrives.
    }
  });
  source.addEventListener('delete', (event) => handlers.delete?.(String(event.data).trim()));
  // JSON events: a notification (user stream), status.update (an edited post, in full).
  for (const name of ['notification', 'status.update']) {
    source.addEventListener(name, (event) => {
      try {
        handlers[name]?.(JSON.parse(event.data));
      } catch {
        // A malformed event is skipped, as for updates.
      }
    });
  }
  return () => source.close();
}
