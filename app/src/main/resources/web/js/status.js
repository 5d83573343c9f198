// One post on screen: author, content (behind its content warning, if any), its poll (votable, or its results), time
// with the "edited" marker, and the reply / repost / like / bookmark / explain actions, plus edit / pin / delete on
// your own. Every post drawn can be redrawn from a fresher copy of it (showStatus, refreshStatus), which keeps counts
// live.
import { h, relativeTime, replace, toast } from './dom.js';
import { renderContent } from './content.js';
import { api, statuses } from './api.js';
import { session } from './session.js';
import { openAuth } from './auth-dialog.js';
import { renderAttachments } from './media.js';

const hooks = { reply: () => {}, explain: () => {}, removed: () => {} };
/** Each post on the page -> the function that redraws it from a fresher copy of the status. */
const redrawers = new WeakMap();
let spoilerIds = 0;

/**
 * Wires the actions that belong to other panels: reply(status, article) (the inline composer), explain(status)
 * (chat), removed(id) (timelines).
 */
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

/** The articles on the page that show the status `id` (itself or reposted). */
function articlesOf(id) {
  return [...document.querySelectorAll('article.status')].filter((a) => a.dataset.statusId === String(id));
}

/** Redraws every article that shows `fresh` (a status as the server now describes it). */
export function showStatus(fresh) {
  if (!fresh?.id) return;
  articlesOf(fresh.id).forEach((article) => redrawers.get(article)?.(fresh));
}

/** Fetches the status `id` again and redraws it wherever it is shown (a no-op when it is not on the page). */
export async function refreshStatus(id) {
  if (!id || !articlesOf(id).length) return;
  try {
    showStatus(await statuses.get(id));
  } catch {
    // A post that cannot be fetched (deleted, hidden) keeps its last drawing; a delete event removes it.
  }
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

/** Runs a post action (bookmark, pin...) and redraws the post from the status the server answers with. */
async function act(redraw, status, action) {
  if (!requireLogin()) return;
  try {
    const fresh = await statuses.act(status.id, action);
    redraw({ ...status, ...(fresh?.id === status.id ? fresh : {}) });
  } catch (e) {
    toast(e.message, 'error');
  }
}

function actions(redraw, status, article) {
  const mine = session.me?.id === status.account.id;
  const pinnable = mine && (status.visibility === 'public' || status.visibility === 'unlisted');
  return h('div', { class: 'actions' },
    countButton({
      label: 'Reply', icon: '↩', count: status.replies_count,
      onclick: () => requireLogin() && hooks.reply(status, article()),
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
    countButton({
      label: status.bookmarked ? 'Remove bookmark' : 'Bookmark', icon: status.bookmarked ? '★' : '☆',
      active: Boolean(status.bookmarked),
      onclick: () => act(redraw, status, status.bookmarked ? 'unbookmark' : 'bookmark'),
    }),
    h('button', { type: 'button', class: 'action explain', onclick: () => hooks.explain(status) }, 'Explain this post'),
    mine ? h('button', {
      type: 'button', class: 'action', title: 'Edit this post', onclick: () => openEditor(status, article(), redraw),
    }, 'Edit') : null,
    pinnable ? h('button', {
      type: 'button', class: 'action', 'aria-pressed': String(Boolean(status.pinned)),
      title: status.pinned ? 'Take it off your profile\'s top' : 'Show it at the top of your profile',
      onclick: () => act(redraw, status, status.pinned ? 'unpin' : 'pin'),
    }, status.pinned ? 'Unpin' : 'Pin') : null,
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
 * The text and media of a post. Behind a content warning they stay hidden until "Show more" (a button that says
 * what it controls, so keyboards and screen readers reach it like any other).
 */
function body(status, expanded, onToggle) {
  const content = h('div', { class: 'content' }, renderContent(status.content, status.mentions));
  const media = renderAttachments(status);
  if (!status.spoiler_text) return [content, media];
  const id = `spoiler-${++spoilerIds}`;
  const hidden = h('div', { class: 'spoiler-body', id, hidden: !expanded }, content, media);
  const button = h('button', {
    type: 'button', class: 'spoiler-toggle ghost', 'aria-expanded': String(expanded), 'aria-controls': id,
  }, expanded ? 'Show less' : 'Show more');
  button.addEventListener('click', () => {
    const open = hidden.hidden;
    hidden.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Show less' : 'Show more';
    onToggle(open);
  });
  return h('div', { class: 'spoiler' }, h('p', { class: 'spoiler-line' },
    h('span', { class: 'spoiler-text' }, status.spoiler_text), ' ', button), hidden);
}

/**
 * Edits a post in place: its text and warning come from GET /api/v1/statuses/ID/source, and Save sends them with the
 * post's media (PUT /api/v1/statuses/ID, which takes the whole new state); the post is redrawn from the answer.
 */
async function openEditor(status, article, redraw) {
  if (article.nextElementSibling?.classList.contains('inline-edit')) return;
  let source;
  try {
    source = await api(`/api/v1/statuses/${encodeURIComponent(status.id)}/source`);
  } catch (e) {
    toast(`This post cannot be edited: ${e.message}`, 'error');
    return;
  }
  const warning = h('input', {
    type: 'text', class: 'cw-input', value: source.spoiler_text ?? '', 'aria-label': 'Content warning',
    placeholder: 'Content warning (optional)',
  });
  const text = h('textarea', { rows: 3, 'aria-label': 'Edit your post' });
  text.value = source.text ?? '';
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const form = h('form', { class: 'composer inline-edit', 'aria-label': 'Edit your post' }, warning, text,
    h('div', { class: 'compose-actions' },
      h('button', { type: 'button', class: 'ghost', onclick: () => form.remove() }, 'Cancel'), save));
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') form.remove();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    try {
      const body = { status: text.value, spoiler_text: warning.value.trim(), sensitive: Boolean(status.sensitive) };
      const media = (status.media_attachments ?? []).map((m) => m.id);
      if (media.length) body.media_ids = media;
      const fresh = await api(`/api/v1/statuses/${encodeURIComponent(status.id)}`, { method: 'PUT', body });
      form.remove();
      redraw(fresh);
      toast('Saved.');
    } catch (e) {
      toast(e.message, 'error');
      save.disabled = false;
    }
  });
  article.after(form);
  text.focus();
}

/**
 * A poll: while the viewer may vote (not voted, not ended, not their own), its options as radio buttons (checkboxes
 * when several may be chosen) and a Vote button; else the results as bars, the viewer's choices marked.
 */
function renderPoll(status, redraw) {
  const poll = status.poll;
  if (!poll) return null;
  const mine = session.me?.id === status.account.id;
  const total = poll.multiple ? poll.voters_count ?? poll.votes_count : poll.votes_count;
  const ends = poll.expired ? 'Closed' : poll.expires_at ? `ends ${new Date(poll.expires_at).toLocaleString()}` : '';
  const footer = h('p', { class: 'poll-footer muted small' },
    `${poll.votes_count ?? 0} ${poll.votes_count === 1 ? 'vote' : 'votes'}`, ends ? ` · ${ends}` : '');
  if (session.loggedIn && !poll.voted && !poll.expired && !mine) {
    const name = `poll-${poll.id}-${++spoilerIds}`;
    const inputs = poll.options.map((option, i) => h('input', {
      type: poll.multiple ? 'checkbox' : 'radio', name, value: String(i),
    }));
    const vote = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Vote');
    const form = h('form', { class: 'poll', 'aria-label': 'Poll' },
      h('fieldset', null, h('legend', { class: 'visually-hidden' }, poll.multiple ? 'Choose one or more' : 'Choose one'),
        poll.options.map((option, i) => h('label', { class: 'poll-option' }, inputs[i], ' ', option.title))),
      h('div', { class: 'poll-actions' }, vote, footer));
    form.addEventListener('change', () => { vote.disabled = !inputs.some((input) => input.checked); });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      vote.disabled = true;
      try {
        const choices = inputs.filter((input) => input.checked).map((input) => Number(input.value));
        const fresh = await api(`/api/v1/polls/${encodeURIComponent(poll.id)}/votes`, { method: 'POST', body: { choices } });
        redraw({ ...status, poll: fresh });
      } catch (e) {
        toast(e.message, 'error');
        vote.disabled = false;
      }
    });
    return form;
  }
  const own = new Set(poll.own_votes ?? []);
  return h('div', { class: 'poll poll-results', role: 'group', 'aria-label': 'Poll results' },
    h('ul', null, poll.options.map((option, i) => {
      const count = option.votes_count;
      const share = count == null || !total ? null : Math.round((count / total) * 100);
      const bar = h('span', { class: 'poll-bar', 'aria-hidden': 'true' });
      bar.style.setProperty('--share', `${share ?? 0}%`);
      return h('li', { class: `poll-result${own.has(i) ? ' chosen' : ''}` },
        h('span', { class: 'poll-share' }, share == null ? '–' : `${share}%`),
        h('span', { class: 'poll-title' }, option.title, own.has(i) ? h('span', { class: 'poll-mine', title: 'Your choice' }, ' ✓') : null),
        bar);
    })), footer);
}

/** The versions of an edited post (GET /api/v1/statuses/ID/history, oldest first), newest shown first. */
async function showHistory(status, box, button) {
  if (!box.hidden) {
    box.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    return;
  }
  box.hidden = false;
  button.setAttribute('aria-expanded', 'true');
  replace(box, h('p', { class: 'muted' }, 'Loading the edit history…'));
  try {
    const versions = await api(`/api/v1/statuses/${encodeURIComponent(status.id)}/history`);
    replace(box, h('h3', null, 'Edit history'), h('ol', { class: 'history-list', reversed: true },
      [...versions].reverse().map((v, i) => h('li', { class: 'history-version' },
        h('p', { class: 'muted small' }, i === versions.length - 1 ? 'Original' : 'Edited', ' ',
          h('time', { datetime: v.created_at }, new Date(v.created_at).toLocaleString())),
        v.spoiler_text ? h('p', { class: 'spoiler-text' }, v.spoiler_text) : null,
        h('div', { class: 'content' }, renderContent(v.content, status.mentions))))));
  } catch (e) {
    replace(box, h('p', { class: 'form-error' }, `The edit history could not be loaded: ${e.message}`));
  }
}

/**
 * An <article> for a status (a repost shows the reposted post with a "reposted by" line).
 * options.focus marks the post a thread is about; options.inThread leaves out the "in reply to" link.
 */
export function renderStatus(entry, options = {}) {
  const status = entry.reblog ?? entry;
  const account = status.account;
  let article = null;
  let expanded = Boolean(options.expanded);
  const redraw = (fresh) => {
    const next = renderStatus(entry.reblog ? { ...entry, reblog: fresh } : fresh, { ...options, expanded });
    article.replaceWith(next);
    article = next;
  };
  const history = h('div', { class: 'history', hidden: true });
  const editedButton = status.edited_at ? h('button', {
    type: 'button', class: 'link edited', 'aria-expanded': 'false',
    title: `Edited ${new Date(status.edited_at).toLocaleString()}: show the edit history`,
  }, 'edited') : null;
  editedButton?.addEventListener('click', () => showHistory(status, history, editedButton));
  article = h('article', {
    class: `status${options.focus ? ' focus' : ''}`, dataset: { id: entry.id, statusId: status.id },
  },
  options.pinned ? h('p', { class: 'reblog-line pinned-line' }, '📌 Pinned') : null,
  entry.reblog ? h('p', { class: 'reblog-line' }, '⟲ ',
    h('a', { href: `/@${entry.account.acct}`, 'data-route': true }, entry.account.display_name || entry.account.username),
    ' reposted') : null,
  h('header', { class: 'status-head' },
    h('a', { href: `/@${account.acct}`, 'data-route': true, class: 'author' },
      avatar(account),
      h('span', { class: 'names' },
        h('strong', { class: 'display-name' }, account.display_name || account.username),
        h('span', { class: 'acct' }, `@${account.acct}`))),
    h('span', { class: 'status-meta' },
      status.visibility === 'direct' ? h('span', { class: 'badge-direct', title: 'Only the people mentioned can see this' }, 'Direct') : null,
      editedButton,
      h('a', {
        href: threadPath(status), 'data-route': true, class: 'time',
        title: new Date(status.created_at).toLocaleString(),
      }, h('time', { datetime: status.created_at }, relativeTime(status.created_at))))),
  status.in_reply_to_id && !options.inThread
    ? h('p', { class: 'reply-line' }, h('a', { href: `/statuses/${status.in_reply_to_id}`, 'data-route': true }, '↩ in reply to a post'))
    : null,
  body(status, expanded, (open) => { expanded = open; }),
  renderPoll(status, (fresh) => redraw(fresh)),
  history,
  actions((fresh) => redraw(fresh), status, () => article));
  redrawers.set(article, redraw);
  return article;
}
