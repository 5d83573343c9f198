// One post on screen: author, content, time, and the reply / repost / like / explain / delete actions.
import { h, relativeTime, toast } from './dom.js';
import { renderContent } from './content.js';
import { statuses } from './api.js';
import { session } from './session.js';
import { openAuth } from './auth-dialog.js';
import { renderAttachments } from './media.js';

const hooks = { reply: () => {}, explain: () => {}, removed: () => {} };

/** Wires the actions that belong to other panels: reply (compose), explain (chat), removed (timelines). */
export function setStatusHooks(next) {
  Object.assign(hooks, next);
}

/** The in-app path of a status's thread. */
export function threadPath(status) {
  return `/@${status.account.acct}/${status.id}`;
}

export function avatar(account, size = 'md') {
  const initial = (account.display_name || account.username || '?').trim().charAt(0).toUpperCase();
  const picture = account.avatar && !/missing\.png$/.test(account.avatar)
    ? h('img', { src: account.avatar, alt: '', loading: 'lazy' })
    : null;
  return h('span', { class: `avatar avatar-${size}`, 'aria-hidden': 'true', dataset: { initial } }, picture);
}

function requireLogin() {
  if (session.loggedIn) return true;
  openAuth('login');
  return false;
}

function countButton({ label, icon, count, active, onclick }) {
  return h('button', {
    type: 'button', class: `action${active ? ' active' : ''}`, 'aria-pressed': active == null ? null : String(active),
    'aria-label': label, title: label, onclick,
  }, h('span', { class: 'icon', 'aria-hidden': 'true' }, icon), count ? h('span', { class: 'count' }, count) : null);
}

/** Toggles like or repost, then redraws the post from the server's answer. */
async function toggle(redraw, status, on, off, field) {
  if (!requireLogin()) return;
  try {
    const updated = await statuses.act(status.id, status[field] ? off : on);
    // Mastodon answers a reblog with the new wrapper status; the post itself is inside it.
    const fresh = updated?.reblog?.id === status.id ? updated.reblog : updated;
    const merged = { ...status, ...(fresh?.id === status.id ? fresh : {}) };
    if (fresh?.id !== status.id) merged[field] = !status[field];
    redraw(merged);
  } catch (e) {
    toast(e.message, 'error');
  }
}

function actions(redraw, status) {
  const mine = session.me?.id === status.account.id;
  return h('div', { class: 'actions' },
    countButton({
      label: 'Reply', icon: '↩', count: status.replies_count,
      onclick: () => requireLogin() && hooks.reply(status),
    }),
    countButton({
      label: status.reblogged ? 'Undo repost' : 'Repost', icon: '⟲', count: status.reblogs_count,
      active: Boolean(status.reblogged),
      onclick: () => toggle(redraw, status, 'reblog', 'unreblog', 'reblogged'),
    }),
    countButton({
      label: status.favourited ? 'Unlike' : 'Like', icon: status.favourited ? '♥' : '♡',
      count: status.favourites_count, active: Boolean(status.favourited),
      onclick: () => toggle(redraw, status, 'favourite', 'unfavourite', 'favourited'),
    }),
    h('button', { type: 'button', class: 'action explain', onclick: () => hooks.explain(status) }, 'Explain this post'),
    mine ? h('button', {
      type: 'button', class: 'action danger', title: 'Delete this post',
      onclick: async () => {
        if (!confirm('Delete this post?')) return;
        try {
          await statuses.remove(status.id);
          hooks.removed(status.id);
        } catch (e) {
          toast(e.message, 'error');
        }
      },
    }, 'Delete') : null);
}

/**
 * An <article> for a status (a repost shows the reposted post with a "reposted by" line).
 * options.focus marks the post a thread is about.
 */
export function renderStatus(entry, options = {}) {
  const status = entry.reblog ?? entry;
  const account = status.account;
  let article = null;
  const redraw = (fresh) => article.replaceWith(renderStatus(entry.reblog ? { ...entry, reblog: fresh } : fresh, options));
  // Media behind a content warning stay hidden with the text.
  const media = renderAttachments(status);
  const body = status.spoiler_text
    ? h('details', { class: 'spoiler' }, h('summary', null, status.spoiler_text),
      h('div', { class: 'content' }, renderContent(status.content, status.mentions)), media)
    : h('div', { class: 'content' }, renderContent(status.content, status.mentions));
  article = h('article', {
    class: `status${options.focus ? ' focus' : ''}`, dataset: { id: entry.id, statusId: status.id },
  },
  entry.reblog ? h('p', { class: 'reblog-line' }, '⟲ ',
    h('a', { href: `/@${entry.account.acct}`, 'data-route': true }, entry.account.display_name || entry.account.username),
    ' reposted') : null,
  h('header', { class: 'status-head' },
    h('a', { href: `/@${account.acct}`, 'data-route': true, class: 'author' },
      avatar(account),
      h('span', { class: 'names' },
        h('strong', { class: 'display-name' }, account.display_name || account.username),
        h('span', { class: 'acct' }, `@${account.acct}`))),
    h('a', {
      href: threadPath(status), 'data-route': true, class: 'time',
      title: new Date(status.created_at).toLocaleString(),
    }, h('time', { datetime: status.created_at }, relativeTime(status.created_at)))),
  status.in_reply_to_id && !options.inThread
    ? h('p', { class: 'reply-line' }, h('a', { href: `/statuses/${status.in_reply_to_id}`, 'data-route': true }, '↩ in reply to a post'))
    : null,
  body,
  status.spoiler_text ? null : media,
  actions(redraw, status));
  return article;
}
