// The main column's views. Each returns { title, element, timeline?, stream? } for the router to mount.
import { h, replace } from './dom.js';
import { accounts, api, page, statuses, ApiError } from './api.js';
import { session } from './session.js';
import { Timeline } from './timeline.js';
import { avatar, renderStatus } from './status.js';
import { renderContent } from './content.js';
import { openAuth } from './auth-dialog.js';
import { accountMenu, followButton, whoToFollow } from './people.js';

function heading(text, ...extra) {
  return h('div', { class: 'view-head' }, h('h1', null, text), ...extra);
}

function liveBadge() {
  return h('span', { class: 'live', id: 'live-state', dataset: { state: 'off' }, title: 'Live updates' }, 'Live');
}

function timelineView({ title, path, params = {}, stream, emptyText, lead }) {
  const timeline = new Timeline({ fetchPage: (extra) => page(path, { limit: 20, ...params, ...extra }), emptyText, label: title });
  timeline.load();
  return {
    title,
    timeline,
    stream,
    element: h('div', null, heading(title, stream ? liveBadge() : null), lead ?? null, timeline.element),
  };
}

function welcome() {
  return h('div', { class: 'panel welcome' },
    h('h1', null, 'Welcome to Colossus'),
    h('p', null, 'A microblogging network with a built-in assistant that answers from what people post right now.'),
    h('p', { class: 'welcome-actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => openAuth('signup') }, 'Sign up'),
      h('button', { type: 'button', class: 'ghost', onclick: () => openAuth('login') }, 'Log in')));
}

/**
 * Home for a logged-in user; the public timeline under a welcome for everyone else. Someone who follows nobody yet,
 * or whose Home is empty, is shown people to follow above it; each follow reloads Home with their posts.
 */
export function homeView() {
  if (!session.loggedIn) return { ...publicView(welcome()), name: 'public' };
  const lead = h('div', { class: 'home-lead' });
  const view = timelineView({
    title: 'Home', path: '/api/v1/timelines/home', stream: { kind: 'user' },
    emptyText: 'Your home timeline is empty: follow people or write your first post.', lead,
  });
  let shown = false;
  const suggest = () => {
    if (shown) return;
    shown = true;
    lead.append(whoToFollow({
      limit: 5, lead: 'Follow a few people and their posts will fill your Home.', onFollow: () => view.timeline.load(),
    }));
  };
  if (Number(session.me?.following_count ?? 0) === 0) suggest();
  view.timeline.ready.then(() => { if (!view.timeline.ids.size) suggest(); });
  return { ...view, name: 'home', showsOwnPosts: true };
}

export function publicView(lead) {
  return {
    ...timelineView({
      title: 'Public', path: '/api/v1/timelines/public', stream: { kind: 'public' },
      emptyText: 'No posts yet. Be the first!', lead,
    }),
    name: 'public',
    showsOwnPosts: true,
  };
}

export function tagView(tag) {
  return timelineView({
    title: `#${tag}`, path: `/api/v1/timelines/tag/${encodeURIComponent(tag)}`,
    stream: { kind: 'hashtag', params: { tag } }, emptyText: `No posts with #${tag} yet.`,
  });
}

function stat(count, label) {
  return h('span', { class: 'stat' }, h('strong', null, String(count ?? 0)), ` ${label}`);
}

export async function profileView(acct) {
  let account;
  try {
    account = await accounts.lookup(acct);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return notFoundView(`No account @${acct} here.`);
    throw e;
  }
  const timeline = new Timeline({
    fetchPage: (extra) => page(`/api/v1/accounts/${encodeURIComponent(account.id)}/statuses`, { limit: 20, ...extra }),
    emptyText: `@${account.acct} has not posted yet.`,
    label: `Posts by @${account.acct}`,
  });
  timeline.load();
  // Pinned posts first, marked; a server without pins leaves the section out.
  const pinned = h('div', { class: 'feed pinned', role: 'feed', 'aria-label': `Pinned posts of @${account.acct}`, hidden: true });
  page(`/api/v1/accounts/${encodeURIComponent(account.id)}/statuses`, { pinned: true }).then(({ items }) => {
    items.forEach((s) => pinned.append(renderStatus(s, { pinned: true })));
    pinned.hidden = items.length === 0;
  }).catch(() => {});
  const mine = session.me?.id === account.id;
  const header = account.header && !/missing\.png$/.test(account.header)
    ? h('img', { class: 'profile-header', src: account.header, alt: '' }) : null;
  return {
    title: `@${account.acct}`,
    timeline,
    element: h('div', null,
      h('section', { class: 'panel profile' }, header,
        h('div', { class: 'profile-top' }, avatar(account, 'lg'),
          h('div', { class: 'names' },
            h('h1', null, account.display_name || account.username),
            h('span', { class: 'acct' }, `@${account.acct}`)),
          mine ? h('a', { href: '/settings/profile', 'data-route': true, class: 'button ghost' }, 'Edit profile')
            : followButton(account, { id: 'follow-button' }),
          mine ? null : accountMenu(account)),
        account.note ? h('div', { class: 'note' }, renderContent(account.note)) : null,
        h('p', { class: 'stats' }, stat(account.statuses_count, 'posts'), stat(account.following_count, 'following'),
          stat(account.followers_count, 'followers'))),
      pinned,
      timeline.element),
  };
}

/** Your bookmarks (GET /api/v1/bookmarks), newest bookmark first. */
export function bookmarksView() {
  if (!session.loggedIn) return loginFirst('Bookmarks');
  return {
    ...timelineView({
      title: 'Bookmarks', path: '/api/v1/bookmarks',
      emptyText: 'No bookmarks yet: the ☆ under a post keeps it here.',
    }),
    name: 'bookmarks',
  };
}

/** One direct conversation: who is in it, its last post, and whether it is unread. */
function conversationItem(conversation) {
  const people = (conversation.accounts ?? []).map((a) => `@${a.acct}`).join(', ') || 'Only you';
  return h('section', { class: `conversation${conversation.unread ? ' unread' : ''}`, dataset: { id: conversation.id } },
    h('h2', { class: 'conversation-with' }, 'With ', people, conversation.unread ? h('span', { class: 'badge-direct' }, 'New') : null),
    conversation.last_status ? renderStatus(conversation.last_status) : null);
}

/** Direct messages (GET /api/v1/conversations): each conversation with its last post; a reply continues it. */
export function messagesView() {
  if (!session.loggedIn) return loginFirst('Messages');
  const list = h('div', { class: 'conversations', 'aria-busy': 'true' });
  api('/api/v1/conversations?limit=20').then((items) => {
    replace(list, items?.length ? items.map(conversationItem)
      : h('p', { class: 'muted empty' }, 'No direct messages yet. Write a post, choose "Mentioned people only" and mention whom it is for.'));
    // Opening the page reads them all.
    (items ?? []).filter((c) => c.unread).forEach((c) =>
      api(`/api/v1/conversations/${encodeURIComponent(c.id)}/read`, { method: 'POST' }).catch(() => {}));
  }).catch((e) => replace(list, h('p', { class: 'form-error' }, e.message)))
    .finally(() => list.setAttribute('aria-busy', 'false'));
  return { title: 'Messages', name: 'messages', element: h('div', null, heading('Direct messages'), list) };
}

function loginFirst(title) {
  return { title, element: h('div', { class: 'panel' }, h('h1', null, title), h('p', null, 'Log in to see this page.')) };
}

export async function threadView(id) {
  let status;
  let context;
  let contextError = null;
  try {
    // The post matters most: when only its context fails, show the post and say so.
    [status, context] = await Promise.all([statuses.get(id), statuses.context(id).catch((e) => {
      contextError = e;
      return null;
    })]);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return notFoundView('This post does not exist or was deleted.');
    throw e;
  }
  const item = (s, focus) => renderStatus(s, { focus, inThread: true });
  return {
    title: `Post by @${status.account.acct}`,
    element: h('div', { class: 'thread' }, heading('Thread'),
      (context?.ancestors ?? []).map((s) => item(s, false)),
      item(status, true),
      contextError ? h('p', { class: 'form-error context-error' }, `The rest of the thread could not be loaded: ${contextError.message}`) : null,
      h('div', { class: 'replies' }, (context?.descendants ?? []).map((s) => item(s, false)))),
  };
}

export async function searchView(query) {
  const q = query.trim();
  if (!q) return { title: 'Search', element: h('div', null, heading('Search'), h('p', { class: 'muted' }, 'Type something to search for.')) };
  const results = await api(`/api/v2/search?q=${encodeURIComponent(q)}&limit=20&resolve=false`);
  const people = results?.accounts ?? [];
  const tags = results?.hashtags ?? [];
  const posts = results?.statuses ?? [];
  return {
    title: `Search: ${q}`,
    element: h('div', { class: 'search-results' },
      heading(`Results for “${q}”`),
      people.length ? h('section', null, h('h2', null, 'People'), h('ul', { class: 'people' }, people.map((a) =>
        h('li', null, h('a', { href: `/@${a.acct}`, 'data-route': true, class: 'author' }, avatar(a, 'sm'),
          h('span', { class: 'names' }, h('strong', null, a.display_name || a.username), h('span', { class: 'acct' }, `@${a.acct}`))))))) : null,
      tags.length ? h('section', null, h('h2', null, 'Hashtags'), h('p', { class: 'tag-cloud' }, tags.map((t) =>
        h('a', { href: `/tags/${encodeURIComponent(t.name ?? t)}`, 'data-route': true, class: 'hashtag' }, `#${t.name ?? t}`)))) : null,
      h('section', null, h('h2', null, 'Posts'),
        posts.length ? h('div', { class: 'feed', role: 'feed', 'aria-label': 'Search results' }, posts.map((s) => renderStatus(s)))
          : h('p', { class: 'muted empty' }, 'No posts match.'))),
  };
}

export function notFoundView(message = 'There is nothing at this address.') {
  return { title: 'Not found', element: h('div', { class: 'panel' }, h('h1', null, 'Not found'), h('p', null, message)) };
}

/** Redraws a view's live badge for a stream state. */
export function showStreamState(state) {
  const badge = document.getElementById('live-state');
  if (!badge) return;
  badge.dataset.state = state;
  badge.title = state === 'open' ? 'Live: new posts appear as they are posted' : 'Reconnecting to live updates…';
}

