// The compose box: a 500-character counter counted as Mastodon counts, replies, visibility, Idempotency-Key.
import { h, replace, toast } from './dom.js';
import { statuses } from './api.js';
import { session } from './session.js';

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;
const MENTION_DOMAIN = /(^|[^\w/])@(\w+)@[\w.-]+\w/g;
const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/**
 * The length Mastodon counts: every link as 23 characters, a mention's domain not at all, and user-perceived
 * characters (an emoji with modifiers counts once).
 */
export function countableLength(text) {
  const countable = text.replace(URL_PATTERN, 'x'.repeat(23)).replace(MENTION_DOMAIN, '$1@$2');
  return segmenter ? [...segmenter.segment(countable)].length : [...countable].length;
}

/** Builds the compose box. onPosted(status) is called after a post is accepted. */
export function createComposer({ maxChars = 500, onPosted }) {
  let replyTo = null;
  let idempotencyKey = crypto.randomUUID();
  const text = h('textarea', {
    id: 'compose-text', name: 'status', rows: 3, placeholder: 'What is happening?', 'aria-label': 'New post',
  });
  const counter = h('span', { class: 'counter', 'aria-live': 'polite', id: 'compose-counter' }, String(maxChars));
  const visibility = h('select', { name: 'visibility', 'aria-label': 'Who can see this post' },
    h('option', { value: 'public' }, 'Public'),
    h('option', { value: 'unlisted' }, 'Unlisted'),
    h('option', { value: 'private' }, 'Followers only'));
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, 'Post');
  const replyBar = h('div', { class: 'reply-bar', hidden: true });

  const update = () => {
    const left = maxChars - countableLength(text.value);
    counter.textContent = String(left);
    counter.classList.toggle('over', left < 0);
    counter.classList.toggle('near', left >= 0 && left < 20);
    submit.disabled = left < 0 || text.value.trim() === '';
  };
  text.addEventListener('input', update);

  const clearReply = () => {
    replyTo = null;
    replyBar.hidden = true;
    replace(replyBar);
  };

  const form = h('form', { class: 'composer panel', id: 'composer' }, replyBar, text,
    h('div', { class: 'compose-actions' }, visibility, counter, submit));
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    try {
      const status = await statuses.create({
        status: text.value,
        visibility: visibility.value,
        in_reply_to_id: replyTo?.id ?? undefined,
      }, idempotencyKey);
      // A new key only after success: a retried submit of the same draft is not posted twice.
      idempotencyKey = crypto.randomUUID();
      text.value = '';
      clearReply();
      update();
      onPosted?.(status);
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      update();
    }
  });

  return {
    element: form,
    /** Starts a reply to a status: mentions its author and shows what is being replied to. */
    replyTo(status) {
      replyTo = status;
      replace(replyBar, `Replying to @${status.account.acct} `,
        h('button', { type: 'button', class: 'link', onclick: clearReply }, 'Cancel'));
      replyBar.hidden = false;
      const mention = `@${status.account.acct} `;
      if (status.account.id !== session.me?.id && !text.value.startsWith(mention)) text.value = mention + text.value;
      update();
      text.focus();
      form.scrollIntoView({ block: 'nearest' });
    },
  };
}
