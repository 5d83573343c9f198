// Turns the HTML a server sends in a status's `content` (or an account's `note`) into safe DOM.
// The HTML is parsed in an inert document (no scripts run, nothing loads) and rebuilt from a small allow-list:
// text, paragraphs, line breaks, emphasis, code, lists and links; everything else keeps only its text.
import { h, localPath, safeUrl } from './dom.js';

const KEEP = new Set(['P', 'BR', 'STRONG', 'EM', 'B', 'I', 'CODE', 'PRE', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'DEL']);
const DROP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'NOSCRIPT', 'SVG', 'MATH']);
const SPAN_CLASSES = new Set(['invisible', 'ellipsis']);

/**
 * A link inside a post: a hashtag or mention opens its view in the app; other http(s) links open in a new tab.
 * mentions: the status's `mentions` (url -> acct) so that mention links find the right profile.
 */
function link(anchor, mentions, children) {
  const href = anchor.getAttribute('href') ?? '';
  const classes = (anchor.getAttribute('class') ?? '').split(/\s+/);
  const mention = mentions.find((m) => m.url && m.url === href);
  const tag = href.match(/\/tags\/([^/?#]+)\/?$/);
  if (mention || classes.includes('mention') && !classes.includes('hashtag')) {
    const acct = mention?.acct ?? anchor.textContent.replace(/^@/, '');
    return h('a', { href: `/@${acct}`, 'data-route': true, class: 'mention' }, children);
  }
  if (tag || classes.includes('hashtag')) {
    const name = tag ? decodeURIComponent(tag[1]) : anchor.textContent.replace(/^#/, '');
    return h('a', { href: `/tags/${encodeURIComponent(name)}`, 'data-route': true, class: 'hashtag' }, children);
  }
  const url = safeUrl(href);
  if (!url) return h('span', null, children);
  if (localPath(url)) return h('a', { href: url, 'data-route': true }, children);
  return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow ugc' }, children);
}

function rebuild(node, mentions) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.data);
  if (node.nodeType !== Node.ELEMENT_NODE || DROP.has(node.tagName)) return null;
  const children = [...node.childNodes].map((child) => rebuild(child, mentions));
  if (node.tagName === 'A') return link(node, mentions, children);
  if (node.tagName === 'SPAN') {
    const kept = (node.getAttribute('class') ?? '').split(/\s+/).filter((c) => SPAN_CLASSES.has(c));
    return h('span', kept.length ? { class: kept.join(' ') } : null, children);
  }
  if (KEEP.has(node.tagName)) return h(node.tagName.toLowerCase(), null, children);
  const fragment = document.createDocumentFragment();
  children.forEach((child) => child && fragment.append(child));
  return fragment;
}

/** The text of server-made HTML on one line, cut to max characters with an ellipsis. */
export function excerpt(html, max = Infinity) {
  const text = renderContent(html).textContent.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Safe DOM for server-made HTML. mentions: optional [{url, acct}] to route mention links. */
export function renderContent(html, mentions = []) {
  const doc = new DOMParser().parseFromString(String(html ?? ''), 'text/html');
  const fragment = document.createDocumentFragment();
  for (const child of doc.body.childNodes) {
    const rebuilt = rebuild(child, mentions);
    if (rebuilt) fragment.append(rebuilt);
  }
  return fragment;
}
