// A list of posts with "Load more" paging (max_id) and live insertion at the top.
import { h, replace, toast } from './dom.js';
import { renderStatus } from './status.js';

/**
 * fetchPage(params) resolves to { items, next } (see api.page); params carry max_id or since_id.
 * emptyText is shown when the first page is empty.
 */
export class Timeline {
  constructor({ fetchPage, emptyText = 'Nothing here yet.', label = 'Posts' }) {
    this.fetchPage = fetchPage;
    this.emptyText = emptyText;
    this.ids = new Set();
    this.next = null;
    this.list = h('div', { class: 'feed', role: 'feed', 'aria-label': label, 'aria-busy': 'true' });
    this.empty = h('p', { class: 'muted empty', hidden: true }, emptyText);
    this.moreButton = h('button', { type: 'button', class: 'load-more', hidden: true, onclick: () => this.more() }, 'Load more');
    this.element = h('div', { class: 'timeline' }, this.list, this.empty, this.moreButton);
  }

  get newestId() {
    return this.list.querySelector('article.status')?.dataset.id ?? null;
  }

  add(entry, atTop) {
    if (this.ids.has(entry.id)) return null;
    this.ids.add(entry.id);
    const article = renderStatus(entry);
    if (atTop) this.list.prepend(article);
    else this.list.append(article);
    this.empty.hidden = true;
    return article;
  }

  /** Loads the first page; `ready` settles when it is shown. */
  load() {
    this.ready = this.loadFirstPage();
    return this.ready;
  }

  async loadFirstPage() {
    this.list.setAttribute('aria-busy', 'true');
    try {
      const { items, next } = await this.fetchPage({});
      replace(this.list);
      this.ids.clear();
      items.forEach((item) => this.add(item, false));
      this.setNext(items.length ? next : null);
      this.empty.hidden = items.length > 0;
    } catch (e) {
      replace(this.list, h('p', { class: 'form-error' }, e.message));
    } finally {
      this.list.setAttribute('aria-busy', 'false');
    }
  }

  async more() {
    if (!this.next) return;
    this.moreButton.disabled = true;
    try {
      const { items, next } = await this.fetchPage({ max_id: this.next });
      items.forEach((item) => this.add(item, false));
      this.setNext(items.length ? next : null);
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      this.moreButton.disabled = false;
    }
  }

  setNext(next) {
    this.next = next;
    this.moreButton.hidden = !next;
  }

  /** Inserts a post that arrived live, once. */
  prepend(entry) {
    const article = this.add(entry, true);
    if (article) {
      article.classList.add('fresh');
      setTimeout(() => article.classList.remove('fresh'), 4000);
    }
  }

  /** Fetches what was posted since the newest post shown (after a stream (re)connects). */
  async catchUp() {
    await this.ready;
    const since = this.newestId;
    if (!since) return this.load();
    try {
      const { items } = await this.fetchPage({ since_id: since });
      [...items].reverse().forEach((item) => this.prepend(item));
    } catch {
      // The stream still delivers new posts; a failed catch-up only leaves a gap that "Load more" cannot fill.
    }
  }

  remove(id) {
    this.list.querySelectorAll(`article.status`).forEach((article) => {
      if (article.dataset.id === id || article.dataset.statusId === id) article.remove();
    });
  }
}
