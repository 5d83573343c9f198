// Media: uploads for the composer (POST /api/v2/media, PUT /api/v1/media/ID for alt text) and attachments on
// posts: images in a grid that open in a viewer, animated GIFs (gifv) as looping silent video, video and audio players.
// Descriptions are only ever text (textContent or attributes), never markup.
import { h, replace } from './dom.js';
import { ApiError, api, errorMessage } from './api.js';
import { session } from './session.js';

/** Mastodon's limit of attachments per post and of alt text. */
export const MAX_ATTACHMENTS = 4;
export const MAX_DESCRIPTION = 1500;
/** What the file picker offers; the server decides from the bytes in any case. */
export const ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,audio/wav,audio/mpeg,audio/ogg,video/mp4,video/webm';

/** Uploads a file; resolves to the attachment, rejects with ApiError (the server's message, e.g. a refused type). */
export async function uploadMedia(file, description = '') {
  const form = new FormData();
  form.append('file', file, file.name || 'upload');
  if (description) form.append('description', description);
  let response;
  try {
    response = await fetch('/api/v2/media', {
      method: 'POST', body: form, headers: { Accept: 'application/json', Authorization: `Bearer ${session.token}` },
    });
  } catch {
    throw new ApiError(0, 'Cannot reach the server.', null);
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, errorMessage(data, response.status), data);
  return data;
}

/** Sets an unattached upload's alt text. */
export function describeMedia(id, description) {
  return api(`/api/v1/media/${encodeURIComponent(id)}`, { method: 'PUT', body: { description } });
}

let viewer = null;

/** Shows an image full size in a dialog, its description as alt text and caption. */
function openViewer(attachment) {
  if (!viewer) {
    viewer = h('dialog', { class: 'media-viewer', id: 'media-viewer', 'aria-label': 'Image' });
    viewer.addEventListener('click', (event) => {
      if (event.target === viewer || event.target.closest('.media-viewer-close')) viewer.close();
    });
    document.body.append(viewer);
  }
  const description = attachment.description ?? '';
  replace(viewer,
    h('figure', null,
      h('img', { src: attachment.url, alt: description }),
      description ? h('figcaption', null, description) : null),
    h('button', { type: 'button', class: 'media-viewer-close', 'aria-label': 'Close' }, '×'));
  viewer.showModal();
}

function visual(attachment) {
  const description = attachment.description ?? '';
  if (attachment.type === 'gifv') {
    return h('video', {
      class: 'media-gifv', src: attachment.url, autoplay: true, loop: true, muted: true, playsinline: true,
      'aria-label': description || 'Animated image', title: description || null,
    });
  }
  return h('button', {
    type: 'button', class: 'media-open', title: description || null, onclick: () => openViewer(attachment),
  }, h('img', { src: attachment.preview_url ?? attachment.url, alt: description, loading: 'lazy' }));
}

function player(attachment) {
  const description = attachment.description ?? '';
  const tag = attachment.type === 'audio' ? 'audio' : 'video';
  return h('figure', { class: `media-player media-${tag}` },
    h(tag, { src: attachment.url, controls: true, preload: 'metadata', 'aria-label': description || (tag === 'audio' ? 'Audio' : 'Video') }),
    description ? h('figcaption', null, description) : null);
}

/** The attachments of a post (behind a click when it is marked sensitive), or null when it has none. */
export function renderAttachments(status) {
  const list = status.media_attachments ?? [];
  if (!list.length) return null;
  const visuals = list.filter((a) => a.type === 'image' || a.type === 'gifv');
  const players = list.filter((a) => a.type === 'video' || a.type === 'audio');
  const media = h('div', { class: 'media' },
    visuals.length ? h('div', { class: `media-grid media-count-${visuals.length}` }, visuals.map(visual)) : null,
    players.map(player));
  // A post marked sensitive without a content warning: the media wait behind a click, as Mastodon shows them.
  return status.sensitive && !status.spoiler_text
    ? h('details', { class: 'sensitive-media' }, h('summary', null, 'Sensitive media: show'), media)
    : media;
}
