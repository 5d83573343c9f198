// Starts the web UI: the router (History API paths, so a post's URL opens its thread), the top bar,
// the compose box and inline replies, live streams (new posts, and fresh counts for the posts shown), the trends panel
// and the chat panel.
import { h, localPath, replace, toast } from './dom.js';
import { api } from './api.js';
import { session } from './session.js';
import { checkSession } from './auth.js';
import { renderUserBox } from './auth-dialog.js';
import { createComposer } from './compose.js';
import { refreshStatus, renderStatus, setStatusHooks, showStatus } from './status.js';
import { openStream } from './streaming.js';
import { startTrends } from './trends.js';
import { createChat } from './chat.js';
import { followRequestsView, notificationsView, startBell } from './notifications.js';
import { exploreView } from './explore.js';
import { profileEditView } from './profile-edit.js';
import {
  bookmarksView, homeView, messagesView, notFoundView, profileView, publicView, searchView, showStreamState, tagView,
  threadView,
} from './views.js';

const viewRoot = document.getElementById('view');
const composeSlot = document.getElementById('compose-slot');
let current = null;
let closeStream = null;
let routeSeq = 0;
let composer = null;
let maxChars = 500;

function decode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function resolve(pathname, search) {
  let m;
  if (pathname === '/' || pathname === '') return homeView();
  if (pathname === '/public') return publicView();
  if (pathname === '/notifications') return notificationsView();
  if (pathname === '/follow_requests') return followRequestsView();
  if (pathname === '/explore') return exploreView();
  if (pathname === '/bookmarks') return bookmarksView();
  if (pathname === '/messages') return messagesView();
  if (pathname === '/settings/profile') return profileEditView();
  if ((m = pathname.match(/^\/tags\/([^/]+)\/?$/))) return tagView(decode(m[1]));
  if (pathname === '/search') return searchView(new URLSearchParams(search).get('q') ?? '');
  if ((m = pathname.match(/^\/@([^/]+)\/?$/))) return profileView(decode(m[1]));
  // A post: /@alice/123 (its URL), /statuses/123, or Mastodon's /users/alice/statuses/123.
  if ((m = pathname.match(/^\/(?:@[^/]+|statuses|users\/[^/]+\/statuses)\/([^/]+)\/?$/))) return threadView(decode(m[1]));
  return notFoundView();
}

async function route() {
  const seq = ++routeSeq;
  closeStream?.();
  closeStream = null;
  current?.leave?.();
  viewRoot.setAttribute('aria-busy', 'true');
  let view;
  try {
    view = await resolve(location.pathname, location.search);
  } catch (e) {
    view = { title: 'Error', element: h('div', { class: 'panel' }, h('h1', null, 'Something went wrong'), h('p', null, e.message)) };
  }
  if (seq !== routeSeq) return;
  current = view;
  replace(viewRoot, view.element);
  viewRoot.setAttribute('aria-busy', 'false');
  document.title = `${view.title} · Colossus`;
  document.querySelectorAll('[data-nav]').forEach((a) => {
    a.classList.toggle('active', a.dataset.nav === view.name);
    if (a.dataset.nav === view.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const searchInput = document.getElementById('search-input');
  if (location.pathname === '/search') searchInput.value = new URLSearchParams(location.search).get('q') ?? '';
  if (view.stream && view.timeline) {
    const { timeline } = view;
    closeStream = openStream(view.stream.kind, view.stream.params, {
      update: (status) => {
        timeline.prepend(status);
        refreshCountsAfter(status);
      },
      'status.update': showStatus,
      delete: (id) => timeline.remove(id),
      state: (state) => {
        showStreamState(state);
        // After every (re)connect, fetch what was posted while the stream was not listening.
        if (state === 'open') timeline.catchUp();
      },
    });
  }
}

/**
 * A new post changes the counts of the post it replies to or reposts: that post is fetched again wherever it is
 * shown (Mastodon's streams send no event for counts).
 */
function refreshCountsAfter(status) {
  if (status?.in_reply_to_id) refreshStatus(status.in_reply_to_id);
  if (status?.reblog) refreshStatus(status.reblog.id);
}

/**
 * Opens the inline reply composer under a post (or focuses the one already open). The reply, once posted, takes
 * the composer's place, so it shows at once under its post, in a thread as on Home; a timeline then counts it as
 * shown, so the stream does not add it a second time.
 */
function openReply(status, article) {
  const open = article.nextElementSibling;
  if (open?.classList.contains('inline-reply')) {
    open.querySelector('textarea')?.focus();
    return;
  }
  const close = () => {
    reply.element.remove();
    article.querySelector('.actions button[aria-label="Reply"]')?.focus();
  };
  const reply = createComposer({
    maxChars,
    replyTo: status,
    onCancel: close,
    onPosted: (posted) => {
      toast('Reply posted.');
      // The stream may have brought the reply first: it moves here, under its post.
      current?.timeline?.remove(posted.id);
      current?.timeline?.ids.add(posted.id);
      reply.element.replaceWith(renderStatus(posted, { inThread: true }));
      refreshStatus(status.id);
    },
  });
  article.after(reply.element);
  reply.focus();
}

/** Goes to an in-app path without reloading the page. */
function navigate(path) {
  if (path !== location.pathname + location.search) history.pushState(null, '', path);
  window.scrollTo(0, 0);
  document.getElementById('side').classList.remove('open');
  route();
}

function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const anchor = event.target.closest('a');
  if (!anchor) return;
  const path = localPath(anchor.getAttribute('href') ?? '');
  const statusId = anchor.dataset.statusId;
  if (anchor.hasAttribute('data-route') && path) {
    event.preventDefault();
    navigate(path);
  } else if (statusId) {
    // A cited post: open its thread here, whichever host its URL names.
    event.preventDefault();
    navigate(path ?? `/statuses/${encodeURIComponent(statusId)}`);
  }
}

function renderComposer() {
  replace(composeSlot, session.loggedIn && composer ? composer.element : null);
  // The tabs only a logged-in user has (Bookmarks, Messages) show with the composer.
  document.body.classList.toggle('logged-in', session.loggedIn);
}

async function start() {
  document.addEventListener('click', onLinkClick);
  window.addEventListener('popstate', route);
  document.getElementById('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const q = document.getElementById('search-input').value.trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  });
  const side = document.getElementById('side');
  const toggle = document.getElementById('chat-toggle');
  // On narrow screens the side column is a sheet; the button opens and closes it.
  const showSheet = () => {
    const open = side.classList.contains('open');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Close' : 'Ask Colossus';
    document.body.classList.toggle('sheet-open', open);
  };
  toggle.addEventListener('click', () => {
    side.classList.toggle('open');
    showSheet();
  });
  new MutationObserver(showSheet).observe(side, { attributes: true, attributeFilter: ['class'] });

  const chat = createChat(document.getElementById('chat'));
  startTrends(document.getElementById('trends-body'));

  const instance = await api('/api/v1/instance').catch(() => null);
  maxChars = Number(instance?.configuration?.statuses?.max_characters ?? instance?.max_toot_chars) || 500;
  composer = createComposer({
    maxChars,
    onPosted: (status) => {
      toast('Posted.');
      if (current?.showsOwnPosts && current.timeline) current.timeline.prepend(status);
    },
  });
  setStatusHooks({
    reply: openReply,
    explain: (status) => chat.explain(status),
    removed: (id) => {
      document.querySelectorAll('article.status').forEach((a) => {
        if (a.dataset.id === id || a.dataset.statusId === id) a.remove();
      });
      toast('Deleted.');
    },
  });

  session.onChange(() => {
    renderUserBox();
    startBell(document.getElementById('bell-slot'), onNotification);
    renderComposer();
    route();
  });
  renderUserBox();
  renderComposer();
  await checkSession();
  renderUserBox();
  startBell(document.getElementById('bell-slot'), onNotification);
  renderComposer();
  route();
}

/** A like, repost, reply or edit of one of your posts: the post shown anywhere on the page gets fresh counts. */
function onNotification(notification) {
  if (!notification.status) return;
  if (notification.type === 'mention') refreshCountsAfter(notification.status);
  else refreshStatus(notification.status.id);
}

start();
