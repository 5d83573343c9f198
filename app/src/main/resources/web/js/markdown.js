// A tiny, escaping markdown renderer for model output: paragraphs, **bold**, *italics*, `code`, fenced code,
// lists, http(s) links, [n] citation markers, and media the assistant made: ![alt](url) pictures and links to audio or
// video, shown inline only when they are this server's media files (/media/...). It builds DOM nodes; text never
// becomes markup.
import { h } from './dom.js';

const INLINE = new RegExp([
  '`([^`\\n]+)`', // 1 code
  '!\\[([^\\]\\n]*)\\]\\(([^)\\s]+)\\)', // 2, 3 image
  '\\*\\*([^*\\n]+?)\\*\\*', // 4 bold
  '__([^_\\n]+?)__', // 5 bold
  '\\*([^*\\s][^*\\n]*?)\\*', // 6 italics
  '(?<![\\w])_([^_\\s][^_\\n]*?)_(?![\\w])', // 7 italics, not inside snake_case
  '\\[([^\\]\\n]+)\\]\\(([^)\\s]+)\\)', // 8, 9 link
  '\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\]', // 10 citation markers: [2] or [1, 3]
  '(https?:\\/\\/[^\\s<>()]*[^\\s<>().,;:!?\'"])', // 11 bare link
].join('|'), 'g');

function httpUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The path of a media file of this server (/media/ab/cd/HASH.EXT) that `url` points at, whatever origin it names
 * (the server may not know the address it is reached at); null for anything else, which is never loaded.
 */
export function mediaPath(url) {
  let parsed;
  try {
    parsed = new URL(url, 'http://localhost');
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return /^\/media\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.[a-z0-9]{2,5}$/.test(parsed.pathname) ? parsed.pathname : null;
}

/** An audio or video player with its caption for a link to this server's sound or clip; null for other links. */
function mediaPlayer(url, caption) {
  const path = mediaPath(url);
  const kind = path && (/\.(wav|mp3|ogg)$/.test(path) ? 'audio' : /\.(mp4|webm)$/.test(path) ? 'video' : null);
  if (!kind) return null;
  return h('figure', { class: `chat-media ${kind}` },
    h(kind, { src: path, controls: true, preload: 'metadata', 'aria-label': caption }),
    h('figcaption', null, h('a', { href: path, target: '_blank', rel: 'noopener' }, caption)));
}

const MARKERS = /\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]/g;

/**
 * Which URL each [n] marker of an answer points at. An OpenAI-style `citations` list holds the cited posts in the
 * order the answer first cites them ("[3] ... [1]" gives the posts of sources 3 and 1), so the markers' first uses
 * give the mapping. Entries may also be objects {url, number}: then the number says it directly. When the
 * markers do not match the list one to one, no marker is linked (the sources list still is): never a wrong link.
 */
export function citationMap(text, citations) {
  const map = new Map();
  const list = (citations ?? []).filter(Boolean);
  if (list.length && list.every((c) => typeof c === 'object' && Number.isInteger(c.number) && c.url)) {
    list.forEach((c) => map.set(c.number, c.url));
    return map;
  }
  const urls = list.map((c) => (typeof c === 'string' ? c : c.url));
  const order = [];
  for (const match of String(text ?? '').matchAll(MARKERS)) {
    for (const n of match[1].split(',').map(Number)) if (n > 0 && !order.includes(n)) order.push(n);
  }
  if (order.length !== urls.length) return map;
  order.forEach((n, i) => map.set(n, urls[i]));
  return map;
}

/** Inline markup to nodes. options.cited: Map from marker number to URL (see citationMap). */
function inline(text, options) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) nodes.push(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, code, imageAlt, imageUrl, bold1, bold2, em1, em2, linkText, linkUrl, citation, bare] = match;
    if (code !== undefined) nodes.push(h('code', null, code));
    else if (imageUrl !== undefined) {
      const path = mediaPath(imageUrl);
      nodes.push(path && !/\.(wav|mp3|ogg|mp4|webm)$/.test(path)
        ? h('img', { src: path, alt: imageAlt, class: 'chat-media', loading: 'lazy' })
        : imageAlt || whole);
    }
    else if (bold1 !== undefined || bold2 !== undefined) nodes.push(h('strong', null, inline(bold1 ?? bold2, options)));
    else if (em1 !== undefined || em2 !== undefined) nodes.push(h('em', null, inline(em1 ?? em2, options)));
    else if (linkText !== undefined) {
      const player = mediaPlayer(linkUrl, linkText);
      const url = httpUrl(linkUrl);
      nodes.push(player ?? (url ? options.link(url, linkText) : whole));
    } else if (citation !== undefined) {
      const numbers = citation.split(',').map((n) => Number(n.trim()));
      if (numbers.every((n) => options.cited.get(n))) {
        numbers.forEach((n) => nodes.push(options.link(options.cited.get(n), `[${n}]`, 'cite')));
      } else nodes.push(whole);
    } else if (bare !== undefined) {
      const url = httpUrl(bare);
      nodes.push(url ? options.link(url, bare) : bare);
    }
  }
  if (last < text.length) nodes.push(text.slice(last));
  return nodes;
}

const LIST_ITEM = /^\s*([-*+]|\d{1,3}[.)])\s+(.*)$/;

function defaultLink(url, text, kind) {
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow', class: kind ?? null }, text);
}

/**
 * Renders markdown text into a DocumentFragment.
 * options.citations: the answer's `citations` (see citationMap) for [n] markers; options.link(url, text, kind):
 * builds a link element (default: opens in a new tab). Only http(s) URLs ever become links.
 */
export function renderMarkdown(source, options = {}) {
  const opts = { link: defaultLink, ...options, cited: citationMap(source, options.citations) };
  const fragment = document.createDocumentFragment();
  const lines = String(source ?? '').replace(/\r\n?/g, '\n').split('\n');
  let paragraph = [];
  let list = null;

  const flushParagraph = () => {
    if (!paragraph.length) return;
    const p = h('p');
    paragraph.forEach((line, i) => {
      if (i) p.append(h('br'));
      p.append(...inline(line, opts).map((n) => (n instanceof Node ? n : document.createTextNode(n))));
    });
    fragment.append(p);
    paragraph = [];
  };
  const flushList = () => {
    if (list) fragment.append(list);
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*```/.test(line)) {
      flushParagraph();
      flushList();
      const code = [];
      for (i++; i < lines.length && !/^\s*```/.test(lines[i]); i++) code.push(lines[i]);
      fragment.append(h('pre', null, h('code', null, code.join('\n'))));
      continue;
    }
    const item = line.match(LIST_ITEM);
    if (item) {
      flushParagraph();
      const ordered = /\d/.test(item[1]);
      if (!list || (list.tagName === 'OL') !== ordered) {
        flushList();
        list = h(ordered ? 'ol' : 'ul');
      }
      list.append(h('li', null, inline(item[2], opts)));
    } else if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else {
      flushList();
      // Headings are shown as bold lines: enough structure for chat answers.
      const heading = line.match(/^\s{0,3}#{1,6}\s+(.*)$/);
      paragraph.push(heading ? `**${heading[1].replace(/\*/g, '')}**` : line);
    }
  }
  flushParagraph();
  flushList();
  return fragment;
}
