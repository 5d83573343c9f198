// The trends panel: rising hashtags with their recent history, trending posts, and the assistant's Stories.
import { h, replace } from './dom.js';
import { api } from './api.js';
import { renderMarkdown } from './markdown.js';
import { excerpt } from './content.js';
import { threadPath } from './status.js';
import { citationLink } from './chat.js';

const REFRESH_MS = 60_000;

/** A small bar chart of daily uses, oldest first; numbers only, drawn with SVG nodes. */
function sparkline(history) {
  const uses = [...(history ?? [])].reverse().map((day) => Number(day.uses) || 0).slice(-7);
  if (uses.length < 2) return null;
  const max = Math.max(1, ...uses);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${uses.length * 6} 20`);
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('aria-hidden', 'true');
  uses.forEach((value, i) => {
    const bar = document.createElementNS(ns, 'rect');
    const height = Math.max(1, Math.round((value / max) * 20));
    bar.setAttribute('x', String(i * 6));
    bar.setAttribute('y', String(20 - height));
    bar.setAttribute('width', '4');
    bar.setAttribute('height', String(height));
    svg.append(bar);
  });
  return svg;
}

/** The trending hashtags as a numbered list, each with today's count of people and its chart. */
export function tagList(tags) {
  if (!tags.length) return h('p', { class: 'muted' }, 'Nothing is trending yet.');
  return h('ol', { class: 'trend-tags' }, tags.slice(0, 10).map((tag) => {
    const today = tag.history?.[0];
    const people = today ? Number(today.accounts) || 0 : 0;
    return h('li', null,
      h('a', { href: `/tags/${encodeURIComponent(tag.name)}`, 'data-route': true, class: 'hashtag' }, `#${tag.name}`),
      h('span', { class: 'muted small' }, people ? `${people} ${people === 1 ? 'person' : 'people'} today` : ''),
      sparkline(tag.history));
  }));
}

function postList(statuses) {
  if (!statuses.length) return null;
  return h('div', null, h('h3', null, 'Trending posts'), h('ul', { class: 'trend-posts' }, statuses.slice(0, 3).map((s) =>
    h('li', null, h('a', { href: threadPath(s), 'data-route': true },
      h('strong', null, `@${s.account.acct}`), ` ${excerpt(s.content, 100)}`)))));
}

/**
 * The `stories` of GET /api/v1/colossus/stories: {tag, text, citations: [{number, url, id, acct}], updated_at}; at
 * most `max` of them, under a "Stories" heading unless `heading` is false.
 */
export function storyList(data, { max = 5, heading = true } = {}) {
  const stories = data?.stories ?? [];
  if (!stories.length) return null;
  return h('div', { class: 'stories' }, heading ? h('h3', null, 'Stories') : null, stories.slice(0, max).map((story) =>
    h('article', { class: 'story' },
      h('a', { href: `/tags/${encodeURIComponent(story.tag)}`, 'data-route': true, class: 'hashtag' }, `#${story.tag}`),
      h('div', { class: 'story-text' }, renderMarkdown(story.text, { citations: story.citations, link: citationLink })))));
}

/** Loads the panel now and every minute. */
export function startTrends(root) {
  const load = async () => {
    const [tags, posts, stories] = await Promise.all([
      api('/api/v1/trends/tags?limit=10').catch(() => null),
      api('/api/v1/trends/statuses?limit=3').catch(() => null),
      // Stories failing to load leave the rest of the panel as it is.
      api('/api/v1/colossus/stories').catch(() => null),
    ]);
    if (!tags && !posts) {
      replace(root, h('p', { class: 'muted' }, 'Trends are not available right now.'));
      return;
    }
    replace(root, tagList(Array.isArray(tags) ? tags : []), storyList(stories),
      postList(Array.isArray(posts) ? posts : []),
      h('p', { class: 'more-link' }, h('a', { href: '/explore', 'data-route': true }, 'More on Explore')));
  };
  load();
  setInterval(load, REFRESH_MS);
}
