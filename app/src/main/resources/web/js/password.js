// Changing the signed-in user's password; the server then signs out every other session (its other tokens).
import { api } from './api.js';
import { h, replace, toast } from './dom.js';

const dialog = () => document.getElementById('auth-dialog');

function field(label, name, autocomplete) {
  return h('label', { class: 'field' }, h('span', null, label),
    h('input', { name, type: 'password', required: true, minlength: name === 'new_password' ? 8 : 1, maxlength: 72, autocomplete }));
}

/** The first field error of a 422 answer ("Current password is invalid"), else the error itself. */
function explain(e) {
  const details = e.body?.details;
  if (details?.current_password) return 'The current password is wrong.';
  if (details?.password) return `The new password ${details.password[0].description}.`;
  return e.message;
}

/** Opens the password dialog in the auth dialog's place. */
export function openPasswordChange() {
  const d = dialog();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Change password');
  const form = h('form', { class: 'auth-form', novalidate: true },
    field('Current password', 'current_password', 'current-password'),
    field('New password', 'new_password', 'new-password'),
    h('p', { class: 'muted' }, 'Every other device signed in to this account will be signed out.'),
    error,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'ghost', onclick: () => d.close() }, 'Cancel'),
      submit));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!form.checkValidity()) {
      error.textContent = 'Enter your current password and a new one of 8 to 72 characters.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      const result = await api('/api/v1/colossus/password', { method: 'POST', body: Object.fromEntries(new FormData(form)) });
      d.close();
      const others = result.revoked_tokens;
      toast(others === 1 ? 'Password changed; 1 other session was signed out.' : `Password changed; ${others} other sessions were signed out.`);
    } catch (e) {
      error.textContent = explain(e);
    } finally {
      submit.disabled = false;
    }
  });
  replace(d, h('h2', { id: 'auth-title' }, 'Change password'), form);
  if (!d.open) d.showModal();
  d.querySelector('input')?.focus();
}
