// The signed-in user's keys for the OpenAI-compatible API (/v1): list, create (the key is shown once), revoke.
import { api } from './api.js';
import { h, replace } from './dom.js';

const BASE = '/api/v1/colossus/api_keys';
const dialog = () => document.getElementById('keys-dialog');

function when(time) {
  return time ? new Date(time).toLocaleString() : 'never';
}

/** Opens the API keys dialog of the signed-in user. */
export async function openApiKeys() {
  const d = dialog();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const fresh = h('div', { class: 'new-key' });
  const list = h('ul', { class: 'key-list', 'aria-label': 'Your API keys' });
  const name = h('input', { name: 'name', required: true, maxlength: 100, placeholder: 'What it is for', 'aria-label': 'Key name' });
  const create = h('form', { class: 'key-form', novalidate: true },
    name, h('button', { type: 'submit', class: 'primary' }, 'Create key'));

  async function refresh() {
    const keys = await api(BASE);
    replace(list, keys.length === 0 ? h('li', { class: 'muted' }, 'No keys yet.') : keys.map((key) => h('li', { class: 'key', dataset: { keyId: key.id } },
      h('span', { class: 'key-name' }, key.name),
      h('code', null, `${key.hint}…`),
      h('span', { class: 'muted' }, `last used ${when(key.last_used_at)}, ${key.tokens_today} tokens today`),
      h('button', {
        type: 'button', class: 'ghost', onclick: async () => {
          try {
            await api(`${BASE}/${encodeURIComponent(key.id)}`, { method: 'DELETE' });
            replace(fresh);
            await refresh();
          } catch (e) {
            error.textContent = e.message;
          }
        },
      }, 'Revoke'))));
  }

  create.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!name.value.trim()) {
      error.textContent = 'Name the key after what will use it.';
      return;
    }
    try {
      const key = await api(BASE, { method: 'POST', body: { name: name.value } });
      name.value = '';
      replace(fresh,
        h('p', null, 'Copy this key now: it is not shown again.'),
        h('input', { class: 'key-secret', readonly: true, value: key.key, 'aria-label': 'New API key', onfocus: (e) => e.target.select() }));
      await refresh();
    } catch (e) {
      error.textContent = e.message;
    }
  });

  replace(d,
    h('h2', { id: 'keys-title' }, 'API keys'),
    h('p', { class: 'muted' }, 'Keys let your programs use this server\'s OpenAI-compatible API (base URL ',
      h('code', null, `${location.origin}/v1`), ') as you: they send Authorization: Bearer KEY.'),
    create, error, fresh, list,
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'ghost', onclick: () => d.close() }, 'Close')));
  if (!d.open) d.showModal();
  try {
    await refresh();
  } catch (e) {
    error.textContent = e.message;
  }
}
