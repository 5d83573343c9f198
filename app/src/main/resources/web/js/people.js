// People: the Follow button, and "Who to follow" (GET /api/v2/suggestions: accounts that posted lately, not yet
// followed) with a Follow button for each, shown on Explore and on the Home of someone who follows nobody yet.
import { h, replace, toast } from './dom.js';
import { accounts, api } from './api.js';
import { session } from './session.js';
import { avatar } from './status.js';
import { excerpt } from './content.js';

/**
 * A Follow / Unfollow button for `account` (none for oneself or when logged out). Following a locked account asks
 * it: the button then reads "Requested" until the request is approved, and a click withdraws the request.
 * options.following: the known state (else it is asked with /relationships); options.id: the element id;
 * options.onChange(following) after a change (true for a pending request too).
 */
export function followButton(account, { following: known, id, onChange } = {}) {
  if (!session.loggedIn || session.me?.id === account.id) return null;
  const name = `@${account.acct}`;
  const button = h('button', { type: 'button', class: 'primary follow', disabled: true, id: id ?? null }, 'Follow');
  let state = known ? 'following' : 'none'; // none | following | requested
  const fromRelationship = (rel) => (rel?.following ? 'following' : rel?.requested ? 'requested' : 'none');
  const show = () => {
    button.textContent = { none: 'Follow', following: 'Unfollow', requested: 'Requested' }[state];
    button.setAttribute('aria-label', { none: `Follow ${name}`, following: `Unfollow ${name}`,
      requested: `Withdraw the follow request to ${name}` }[state]);
    button.title = state === 'requested' ? `${name} approves followers; click to withdraw your request` : '';
    button.classList.toggle('ghost', state !== 'none');
    button.classList.toggle('primary', state === 'none');
    button.disabled = false;
  };
  if (known === undefined) {
    accounts.relationship(account.id).then((rel) => {
      state = fromRelationship(rel);
      show();
    }).catch(show);
  } else show();
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const rel = await accounts.act(account.id, state === 'none' ? 'follow' : 'unfollow');
      state = fromRelationship(rel);
      if (state === 'requested') toast(`${name} approves followers: your request was sent.`);
      onChange?.(state !== 'none');
    } catch (e) {
      toast(e.message, 'error');
    }
    show();
  });
  return button;
}

/**
 * Approve and Reject buttons for a follow request from `account` (POST /api/v1/follow_requests/ID/authorize or
 * /reject); once one is pressed, a line says what was done. onDone(approved) afterwards.
 */
export function followRequestActions(account, onDone) {
  const name = `@${account.acct}`;
  const box = h('span', { class: 'follow-request-actions' });
  const decide = async (approve) => {
    box.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await api(`/api/v1/follow_requests/${encodeURIComponent(account.id)}/${approve ? 'authorize' : 'reject'}`, { method: 'POST' });
      replace(box, h('span', { class: 'muted' }, approve ? `${name} now follows you.` : `Request from ${name} rejected.`));
      onDone?.(approve);
    } catch (e) {
      toast(e.message, 'error');
      box.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  replace(box,
    h('button', { type: 'button', class: 'primary', 'aria-label': `Approve ${name}`, onclick: () => decide(true) }, 'Approve'),
    h('button', { type: 'button', class: 'ghost', 'aria-label': `Reject ${name}`, onclick: () => decide(false) }, 'Reject'));
  return box;
}

/** One person in a list: avatar and names linking to the profile, the start of the bio, and a Follow button. */
export function personRow(account, options = {}) {
  return h('li', { class: 'person', dataset: { accountId: account.id } },
    h('a', { href: `/@${account.acct}`, 'data-route': true, class: 'author' }, avatar(account, 'md'),
      h('span', { class: 'names' },
        h('strong', { class: 'display-name' }, account.display_name || account.username),
        h('span', { class: 'acct' }, `@${account.acct}`),
        account.note ? h('span', { class: 'bio muted small' }, excerpt(account.note, 90)) : null)),
    followButton(account, { following: false, ...options }));
}

/**
 * The "Who to follow" panel for a logged-in user; null otherwise. limit: how many people; lead: a sentence above the
 * list; onFollow(): after each follow or unfollow.
 */
export function whoToFollow({ limit = 5, lead, onFollow } = {}) {
  if (!session.loggedIn) return null;
  const list = h('ul', { class: 'people suggestions', 'aria-label': 'Who to follow' }, h('li', { class: 'muted' }, 'Loading…'));
  const panel = h('section', { class: 'panel who-to-follow', 'aria-labelledby': 'who-to-follow-title' },
    h('h2', { id: 'who-to-follow-title' }, 'Who to follow'), lead ? h('p', { class: 'muted' }, lead) : null, list);
  api(`/api/v2/suggestions?limit=${limit}`).then((suggestions) => {
    const people = (suggestions ?? []).map((s) => s.account).filter(Boolean);
    if (!people.length) replace(list, h('li', { class: 'muted' }, 'No one to suggest yet: people appear here once they post.'));
    else replace(list, people.map((account) => personRow(account, { onChange: () => onFollow?.() })));
  }).catch((e) => replace(list, h('li', { class: 'form-error' }, `Suggestions could not be loaded: ${e.message}`)));
  return panel;
}

/**
 * The "⋯" menu on someone else's profile: Mute / Unmute and Block / Unblock (POST /api/v1/accounts/ID/mute,
 * /unmute, /block, /unblock), each showing the state /relationships reports. Their posts and notifications leave
 * your timelines. None when logged out.
 */
export function accountMenu(account) {
  if (!session.loggedIn || session.me?.id === account.id) return null;
  const name = `@${account.acct}`;
  const state = { muting: false, blocking: false };
  const mute = h('button', { type: 'button', class: 'link menu-item', role: 'menuitem' });
  const block = h('button', { type: 'button', class: 'link menu-item danger', role: 'menuitem' });
  const show = () => {
    mute.textContent = state.muting ? `Unmute ${name}` : `Mute ${name}`;
    block.textContent = state.blocking ? `Unblock ${name}` : `Block ${name}`;
  };
  const run = async (action, confirmText) => {
    if (confirmText && !confirm(confirmText)) return;
    try {
      const rel = await accounts.act(account.id, action);
      state.muting = Boolean(rel?.muting);
      state.blocking = Boolean(rel?.blocking);
      toast({ mute: `${name} is muted.`, unmute: `${name} is unmuted.`, block: `${name} is blocked.`, unblock: `${name} is unblocked.` }[action]);
    } catch (e) {
      toast(e.message, 'error');
    }
    show();
  };
  mute.addEventListener('click', () => run(state.muting ? 'unmute' : 'mute'));
  block.addEventListener('click', () => run(state.blocking ? 'unblock' : 'block',
    state.blocking ? null : `Block ${name}? They can no longer follow you or see your posts, and you will not see theirs.`));
  show();
  accounts.relationship(account.id).then((rel) => {
    state.muting = Boolean(rel?.muting);
    state.blocking = Boolean(rel?.blocking);
    show();
  }).catch(() => {});
  return h('details', { class: 'account-menu' },
    h('summary', { 'aria-label': `More for ${name}`, title: `More for ${name}` }, '⋯'),
    h('div', { class: 'menu', role: 'menu' }, mute, block));
}
