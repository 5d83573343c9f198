// The compose box: a 500-character counter counted as Mastodon counts (content warning included), a content warning,
// visibility (direct: mentioned people only), Idempotency-Key, and up to four media attachments (file picker, paste or
// drop) with alt text. The same box, built for a post, is the inline reply composer under it.
import { h, replace, toast } from './dom.js';
import { statuses } from './api.js';
import { session } from './session.js';
import { ACCEPT, MAX_ATTACHMENTS, MAX_DESCRIPTION, describeMedia, uploadMedia } from './media.js';

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

/** The mentions a reply starts with: the author's, then the other people the post mentions (never oneself). */
export function replyMentions(status) {
  const me = session.me?.acct;
  const accts = [status.account.acct, ...(status.mentions ?? []).map((m) => m.acct)];
  return [...new Set(accts)].filter((acct) => acct && acct !== me).map((acct) => `@${acct} `).join('');
}

const NARROWER = ['public', 'unlisted', 'private', 'direct'];

/**
 * Builds a compose box. onPosted(status) is called after a post is accepted. With replyTo (a status) it is an inline
 * reply: the mentions prefilled, the reply's visibility no wider than the post's, a Cancel button calling onCancel;
 * without, it is the page's one compose box (with the element ids the rest of the page and the tests know).
 */
export function createComposer({ maxChars = 500, onPosted, replyTo = null, onCancel }) {
  const main = !replyTo;
  const ids = (name) => (main ? name : null);
  let idempotencyKey = crypto.randomUUID();
  const text = h('textarea', {
    id: ids('compose-text'), name: 'status', rows: 3,
    placeholder: main ? 'What is happening?' : `Reply to @${replyTo.account.acct}`,
    'aria-label': main ? 'New post' : `Reply to @${replyTo.account.acct}`,
  });
  const counter = h('span', { class: 'counter', 'aria-live': 'polite', id: ids('compose-counter') }, String(maxChars));
  const visibility = h('select', { name: 'visibility', 'aria-label': 'Who can see this post' },
    h('option', { value: 'public' }, 'Public'),
    h('option', { value: 'unlisted' }, 'Unlisted'),
    h('option', { value: 'private' }, 'Followers only'),
    h('option', { value: 'direct' }, 'Mentioned people only'));
  const warning = h('input', {
    type: 'text', class: 'cw-input', name: 'spoiler_text', maxlength: maxChars, hidden: true,
    placeholder: 'Write your warning here', 'aria-label': 'Content warning',
  });
  const warningToggle = h('button', {
    type: 'button', class: 'ghost cw-toggle', 'aria-pressed': 'false', title: 'Hide the text behind a warning',
  }, 'CW');
  const submit = h('button', { type: 'submit', class: 'primary', disabled: true }, main ? 'Post' : 'Reply');
  // A poll: 2 to 4 options, how long it runs, one choice or several (Mastodon's poll[...] fields).
  const optionInput = (n) => h('input', { type: 'text', class: 'poll-choice', maxlength: 50, 'aria-label': `Option ${n}`, placeholder: `Option ${n}` });
  const pollOptions = h('div', { class: 'poll-choices' }, optionInput(1), optionInput(2));
  const addOption = h('button', { type: 'button', class: 'link' }, 'Add an option');
  const duration = h('select', { 'aria-label': 'Poll duration' },
    [['300', '5 minutes'], ['3600', '1 hour'], ['86400', '1 day'], ['259200', '3 days'], ['604800', '7 days']]
      .map(([value, label]) => h('option', { value, selected: value === '86400' }, label)));
  const multiple = h('input', { type: 'checkbox' });
  const pollBox = h('fieldset', { class: 'compose-poll', hidden: true }, h('legend', null, 'Poll'), pollOptions,
    h('div', { class: 'compose-poll-settings' }, addOption, duration, h('label', null, multiple, ' Several choices')));
  const pollToggle = h('button', { type: 'button', class: 'ghost poll-toggle', 'aria-pressed': 'false', title: 'Add a poll' }, 'Poll');
  const choices = () => [...pollOptions.querySelectorAll('input')].map((input) => input.value.trim());
  // Uploaded attachments, in order: { attachment, alt (its alt-text input) }; uploads still running are counted.
  let attachments = [];
  let uploading = 0;
  const mediaList = h('ul', { class: 'compose-media', 'aria-label': 'Attachments' });
  const fileInput = h('input', { type: 'file', accept: ACCEPT, multiple: true, hidden: true, id: ids('compose-file') });
  const attach = h('button', {
    type: 'button', class: 'ghost attach', title: 'Add images, audio or video', 'aria-label': 'Add media',
    onclick: () => fileInput.click(),
  }, '🖼 Media');

  const warned = () => !warning.hidden && warning.value.trim() !== '';
  const update = () => {
    const left = maxChars - countableLength(text.value) - (warning.hidden ? 0 : countableLength(warning.value));
    counter.textContent = String(left);
    counter.classList.toggle('over', left < 0);
    counter.classList.toggle('near', left >= 0 && left < 20);
    const pollIncomplete = !pollBox.hidden && (choices().filter(Boolean).length < 2 || text.value.trim() === '');
    submit.disabled = left < 0 || uploading > 0 || pollIncomplete || (text.value.trim() === '' && attachments.length === 0);
    // A post has media or a poll, never both.
    attach.disabled = !pollBox.hidden || attachments.length + uploading >= MAX_ATTACHMENTS;
    pollToggle.disabled = attachments.length + uploading > 0;
    addOption.hidden = pollOptions.children.length >= 4;
  };
  pollBox.addEventListener('input', () => update());
  addOption.addEventListener('click', () => {
    const input = optionInput(pollOptions.children.length + 1);
    pollOptions.append(input);
    input.focus();
    update();
  });
  pollToggle.addEventListener('click', () => {
    pollBox.hidden = !pollBox.hidden;
    pollToggle.setAttribute('aria-pressed', String(!pollBox.hidden));
    if (!pollBox.hidden) pollOptions.querySelector('input').focus();
    update();
  });
  const resetPoll = () => {
    replace(pollOptions, optionInput(1), optionInput(2));
    multiple.checked = false;
    if (!pollBox.hidden) pollToggle.click();
  };
  text.addEventListener('input', update);
  warning.addEventListener('input', update);
  warningToggle.addEventListener('click', () => {
    warning.hidden = !warning.hidden;
    warningToggle.setAttribute('aria-pressed', String(!warning.hidden));
    if (!warning.hidden) warning.focus();
    update();
  });

  const drawMedia = () => {
    replace(mediaList, attachments.map((entry) => {
      const a = entry.attachment;
      const thumb = a.preview_url
        ? h('img', { src: a.preview_url, alt: entry.alt.value })
        : h('span', { class: 'media-kind' }, a.type === 'audio' ? '♪ Audio' : '▶ Video');
      return h('li', { class: 'compose-attachment', dataset: { mediaId: a.id } }, thumb, entry.alt,
        h('button', {
          type: 'button', class: 'link', 'aria-label': 'Remove attachment',
          onclick: () => { attachments = attachments.filter((x) => x !== entry); drawMedia(); },
        }, 'Remove'));
    }));
    mediaList.hidden = attachments.length === 0;
    update();
  };
  drawMedia();

  const addFiles = async (files) => {
    const room = MAX_ATTACHMENTS - attachments.length - uploading;
    const chosen = [...files].slice(0, Math.max(0, room));
    if (files.length > chosen.length) toast(`A post can have at most ${MAX_ATTACHMENTS} attachments.`, 'error');
    await Promise.all(chosen.map(async (file) => {
      uploading += 1;
      update();
      try {
        const attachment = await uploadMedia(file);
        const alt = h('input', {
          type: 'text', class: 'alt-text', maxlength: MAX_DESCRIPTION, placeholder: 'Describe this for people who cannot see it',
          'aria-label': 'Alt text', value: attachment.description ?? '',
        });
        attachments.push({ attachment, alt });
      } catch (e) {
        toast(`${file.name || 'File'}: ${e.message}`, 'error');
      } finally {
        uploading -= 1;
        drawMedia();
      }
    }));
  };
  fileInput.addEventListener('change', () => {
    addFiles(fileInput.files);
    fileInput.value = '';
  });
  text.addEventListener('paste', (event) => {
    const files = event.clipboardData?.files;
    if (files?.length) {
      event.preventDefault();
      addFiles(files);
    }
  });

  const cancel = main ? null : h('button', { type: 'button', class: 'ghost', onclick: () => onCancel?.() }, 'Cancel');
  const form = h('form', {
    class: main ? 'composer panel' : 'composer inline-reply', id: ids('composer'),
    'aria-label': main ? 'New post' : `Reply to @${replyTo.account.acct}`,
  }, warning, text, mediaList, pollBox, fileInput,
  h('div', { class: 'compose-actions' }, attach, pollToggle, warningToggle, visibility, counter, cancel, submit));
  // A new post starts with the account's default visibility (Preferences: Edit profile).
  if (!replyTo && NARROWER.includes(session.me?.source?.privacy)) visibility.value = session.me.source.privacy;
  if (replyTo) {
    text.value = replyMentions(replyTo);
    // A reply is seen by no more people than the post it answers.
    const parent = NARROWER.indexOf(replyTo.visibility);
    if (parent > 0) visibility.value = replyTo.visibility;
    if (replyTo.spoiler_text) {
      warning.value = replyTo.spoiler_text;
      warningToggle.click();
    }
  }
  form.addEventListener('dragover', (event) => {
    if ([...(event.dataTransfer?.types ?? [])].includes('Files')) {
      event.preventDefault();
      form.classList.add('dropping');
    }
  });
  form.addEventListener('dragleave', () => form.classList.remove('dropping'));
  form.addEventListener('drop', (event) => {
    form.classList.remove('dropping');
    if (event.dataTransfer?.files?.length) {
      event.preventDefault();
      addFiles(event.dataTransfer.files);
    }
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    if (event.key === 'Escape' && cancel) onCancel?.();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    try {
      for (const entry of attachments) {
        const alt = entry.alt.value.trim();
        if (alt !== (entry.attachment.description ?? '')) entry.attachment = await describeMedia(entry.attachment.id, alt);
      }
      const status = await statuses.create({
        status: text.value,
        visibility: visibility.value,
        spoiler_text: warned() ? warning.value.trim() : undefined,
        in_reply_to_id: replyTo?.id ?? undefined,
        media_ids: attachments.length ? attachments.map((entry) => entry.attachment.id) : undefined,
        poll: pollBox.hidden ? undefined
          : { options: choices().filter(Boolean), expires_in: Number(duration.value), multiple: multiple.checked },
      }, idempotencyKey);
      // A new key only after success: a retried submit of the same draft is not posted twice.
      idempotencyKey = crypto.randomUUID();
      text.value = '';
      warning.value = '';
      if (!warning.hidden) warningToggle.click();
      resetPoll();
      attachments = [];
      drawMedia();
      update();
      onPosted?.(status);
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      update();
    }
  });
  update();

  return {
    element: form,
    /** Puts the caret at the end of the text, ready to type. */
    focus() {
      text.focus();
      text.setSelectionRange(text.value.length, text.value.length);
    },
  };
}
