// Notifications: the bell in the top bar with the unread count (notifications newer than the notifications marker),
// kept live from the user stream's `event: notification`, and the Notifications page, where mentions, likes and
// reposts show their post and follow requests can be approved. Opening the page marks everything shown as read.
// The Follow requests page lists the requests still waiting (for a locked account).
import { h, replace, relativeTime, toast } from './dom.js';
import { api, nextMaxId, request } from './api.js';
import { session } from './session.js';
import { openStream } from './streaming.js';
import { avatar, renderStatus } from './status.js';
import { followRequestActions, personRow } from './people.js';

const state = { count: 0, root: null, closeStream: null, pages: new Set(), listener: null };

const VERBS = {
  mention: 'mentioned you',
  reblog: 'reposted your post',
  favourite: 'liked your post',
  follow: 'followed you',
  status: 'posted',
  update: 'edited a post',
  poll: 'ended a poll',
  follow_request: 'asked to follow you',
};
const ICONS = { mention: '@', reblog: '⟲', favourite: '♥', follow: '+', follow_request: '+', poll: '☑', status: '✉', update: '✎' };

function showCount() {
  const link = state.root?.querySelector('a.bell');
  if (!link) return;
  const badge = link.querySelector('.badge');
  badge.textContent = state.count > 99 ? '99+' : String(state.count);
  badge.hidden = state.count === 0;
  link.setAttribute('aria-label', state.count ? `Notifications, ${state.count} unread` : 'Notifications');
}

async function refreshCount() {
  try {
    state.count = (await api('/api/v1/notifications/unread_count')).count;
    showCount();
  } catch {
    // The bell keeps its last count; the next notification or page visit corrects it.
  }
}

function onNotification(notification) {
  state.listener?.(notification);
  if (state.pages.size) state.pages.forEach((add) => add(notification));
  else {
    state.count += 1;
    showCount();
  }
  if (notification.type === 'mention') {
    const who = notification.account.display_name || notification.account.username;
    toast(`${who} mentioned you.`);
  }
}

/**
 * Shows the bell in `root` for a logged-in user (nothing otherwise) and listens for notifications on the user
 * stream; each is also given to `listener` (which refreshes the counts of the post it is about). Call again when the
 * session changes.
 */
export function startBell(root, listener = null) {
  state.root = root;
  state.listener = listener;
  state.closeStream?.();
  state.closeStream = null;
  if (!session.loggedIn) {
    replace(root);
    return;
  }
  replace(root, h('a', { href: '/notifications', 'data-route': true, class: 'bell', title: 'Notifications' },
    h('span', { class: 'bell-icon', 'aria-hidden': 'true' }, '🔔'),
    h('span', { class: 'badge', hidden: true }, '0')));
  showCount();
  state.closeStream = openStream('user', {}, {
    notification: onNotification,
    // After every (re)connect, count what arrived while the stream was not listening.
    state: (s) => { if (s === 'open') refreshCount(); },
  });
}

async function markRead(id) {
  state.count = 0;
  showCount();
  if (!id) return;
  try {
    await api('/api/v1/markers', { method: 'POST', body: { notifications: { last_read_id: id } } });
  } catch {
    // The count returns on the next visit; nothing else depends on the marker.
  }
}

function renderNotification(n) {
  const who = n.account.display_name || n.account.username;
  return h('article', { class: `notification notification-${n.type}`, dataset: { id: n.id, type: n.type } },
    h('p', { class: 'notification-line' },
      h('span', { class: 'notification-icon', 'aria-hidden': 'true' }, ICONS[n.type] ?? '•'),
      h('a', { href: `/@${n.account.acct}`, 'data-route': true, class: 'author' }, avatar(n.account, 'sm'),
        h('strong', null, who)),
      ` ${VERBS[n.type] ?? n.type} `,
      h('time', { datetime: n.created_at, title: new Date(n.created_at).toLocaleString() }, relativeTime(n.created_at))),
    n.type === 'follow_request' ? h('p', { class: 'notification-actions' }, followRequestActions(n.account)) : null,
    n.status ? renderStatus(n.status) : null);
}

/** The Follow requests page (/follow_requests): who asks to follow you, each with Approve and Reject. */
export function followRequestsView() {
  const title = 'Follow requests';
  if (!session.loggedIn) {
    return { title, name: 'follow-requests', element: h('div', { class: 'panel' }, h('h1', null, title), h('p', null, 'Log in to see your follow requests.')) };
  }
  const list = h('ul', { class: 'people follow-requests', 'aria-label': title, 'aria-busy': 'true' });
  const empty = h('p', { class: 'muted empty', hidden: true },
    'No one is waiting. People who ask to follow you appear here while your account approves followers (Edit profile).');
  let next = null;
  const more = h('button', { type: 'button', class: 'load-more', hidden: true, onclick: () => load(next) }, 'Load more');
  const load = async (maxId) => {
    more.disabled = true;
    try {
      const { data, headers } = await request(`/api/v1/follow_requests?limit=40${maxId ? `&max_id=${encodeURIComponent(maxId)}` : ''}`);
      for (const account of data) {
        const row = personRow(account);
        row.querySelector('button.follow')?.remove();
        row.append(followRequestActions(account));
        list.append(row);
      }
      next = data.length ? nextMaxId(headers.get('Link')) : null;
      more.hidden = !next;
      if (!maxId) empty.hidden = data.length > 0;
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      more.disabled = false;
      list.setAttribute('aria-busy', 'false');
    }
  };
  load(null);
  return {
    title, name: 'follow-requests',
    element: h('div', null, h('div', { class: 'view-head' }, h('h1', null, title)), list, empty, more),
  };
}

/** The Notifications page: newest first, "Load more" for older ones, new ones added live at the top. */
export function notificationsView() {
  const list = h('div', { class: 'feed notifications', role: 'feed', 'aria-label': 'Notifications' });
  const empty = h('p', { class: 'muted empty', hidden: true }, 'No notifications yet. When someone mentions, follows, likes or reposts you, it shows here.');
  let next = null;
  const more = h('button', { type: 'button', class: 'load-more', hidden: true, onclick: () => load(next) }, 'Load more');
  const seen = new Set();
  const add = (n, atTop) => {
    if (seen.has(n.id)) return;
    seen.add(n.id);
    const item = renderNotification(n);
    if (atTop) list.prepend(item);
    else list.append(item);
    empty.hidden = true;
  };
  const load = async (maxId) => {
    more.disabled = true;
    try {
      const { data, headers } = await request(`/api/v1/notifications?limit=20${maxId ? `&max_id=${encodeURIComponent(maxId)}` : ''}`);
      data.forEach((n) => add(n, false));
      next = data.length ? nextMaxId(headers.get('Link')) : null;
      more.hidden = !next;
      if (!maxId) {
        empty.hidden = data.length > 0;
        markRead(data[0]?.id);
      }
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      more.disabled = false;
      list.setAttribute('aria-busy', 'false');
    }
  };
  const live = (n) => {
    add(n, true);
    markRead(n.id);
  };
  if (!session.loggedIn) {
    return { title: 'Notifications', name: 'notifications', element: h('div', { class: 'panel' }, h('h1', null, 'Notifications'), h('p', null, 'Log in to see your notifications.')) };
  }
  state.pages.clear(); // one page at a time: the router replaces the previous one
  state.pages.add(live);
  list.setAttribute('aria-busy', 'true');
  load(null);
  const element = h('div', null, h('div', { class: 'view-head' }, h('h1', null, 'Notifications'),
    h('a', { href: '/follow_requests', 'data-route': true, class: 'button ghost' }, 'Follow requests'),
    h('button', {
      type: 'button', class: 'ghost',
      onclick: async () => {
        if (!confirm('Clear all notifications?')) return;
        await api('/api/v1/notifications/clear', { method: 'POST' }).catch((e) => toast(e.message, 'error'));
        replace(list);
        seen.clear();
        empty.hidden = false;
        more.hidden = true;
      },
    }, 'Clear')), list, empty, more);
  return { title: 'Notifications', name: 'notifications', element, leave: () => state.pages.delete(live) };
}
