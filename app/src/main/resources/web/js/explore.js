// The Explore page (/explore): trending hashtags, the assistant's Stories at full width, trending posts in full, and
// who to follow. Each part loads on its own; one failing leaves the others shown.
import { h, replace } from './dom.js';
import { api } from './api.js';
import { renderStatus } from './status.js';
import { storyList, tagList } from './trends.js';
import { whoToFollow } from './people.js';

function section(id, title, ...children) {
  return h('section', { class: 'explore-section', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** Fills `box` with what `load` resolves to, or a line saying what failed. */
function fill(box, load, what) {
  load().then((content) => replace(box, content))
    .catch((e) => replace(box, h('p', { class: 'form-error' }, `${what} could not be loaded: ${e.message}`)));
  return box;
}

export function exploreView() {
  const loading = () => h('div', { 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading…'));
  const tags = fill(loading(), async () => tagList(await api('/api/v1/trends/tags?limit=10') ?? []), 'Trending hashtags');
  const stories = fill(loading(), async () => storyList(await api('/api/v1/colossus/stories'), { max: 20, heading: false })
    ?? h('p', { class: 'muted' }, 'No stories yet: they are written about hashtags that trend.'), 'Stories');
  const posts = fill(loading(), async () => {
    const list = await api('/api/v1/trends/statuses?limit=20') ?? [];
    if (!list.length) return h('p', { class: 'muted' }, 'No post is trending yet.');
    return h('div', { class: 'feed', role: 'feed', 'aria-label': 'Trending posts' }, list.map((s) => renderStatus(s)));
  }, 'Trending posts');
  return {
    title: 'Explore',
    name: 'explore',
    element: h('div', { class: 'explore' },
      h('div', { class: 'view-head' }, h('h1', null, 'Explore')),
      whoToFollow({ limit: 10 }),
      h('div', { class: 'panel explore-panel' },
        section('explore-tags', 'Trending hashtags', tags),
        section('explore-stories', 'Stories', stories)),
      section('explore-posts', 'Trending posts', posts)),
  };
}
