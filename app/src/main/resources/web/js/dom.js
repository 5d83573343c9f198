// DOM building without innerHTML: every string becomes a text node or a checked attribute.

/**
 * Creates an element. attrs: `class`, `on<event>` listeners, `dataset`, or plain attributes
 * (null/false skip, true sets an empty attribute). Children: nodes, strings (as text), arrays, null.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href' || key === 'src') {
      const url = safeUrl(value);
      if (url) el.setAttribute(key, url);
    } else el.setAttribute(key, value === true ? '' : String(value));
  }
  appendAll(el, children);
  return el;
}

function appendAll(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(child instanceof Node ? child : String(child));
  }
  return parent;
}

/** Replaces all children of an element. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return appendAll(parent, children);
}

/**
 * A URL safe to put in href/src: http(s) absolute URLs, same-origin paths ("/x", not "//x") and
 * data: images for avatars. Anything else (javascript:, vbscript:, data:text/html...) gives null.
 */
export function safeUrl(value) {
  if (typeof value !== 'string' || value.length > 4096) return null;
  const text = value.trim();
  if (/^\/(?![\/\\])/.test(text)) return text;
  if (/^data:image\/(png|gif|jpeg|webp);/i.test(text)) return text;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The same-origin path of a URL (for in-app navigation), or null when it leaves this site. */
export function localPath(value) {
  const url = safeUrl(value);
  if (!url) return null;
  const parsed = new URL(url, location.origin);
  return parsed.origin === location.origin ? parsed.pathname + parsed.search : null;
}

/** "12s", "5m", "3h", "4d", or a date for older things. */
export function relativeTime(iso, now = Date.now()) {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 5) return 'now';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  if (seconds < 7 * 86400) return `${Math.floor(seconds / 86400)}d`;
  return new Date(then).toLocaleDateString(undefined, { month: 'short', day: 'numeric', year: 'numeric' });
}

/** Shows a short message at the bottom of the screen. */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const note = h('div', { class: `toast toast-${kind}` }, message);
  box.append(note);
  setTimeout(() => note.remove(), kind === 'error' ? 6000 : 3000);
}
