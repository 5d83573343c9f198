// The sign-up / log-in dialog and the user box in the top bar.
import { h, replace, toast } from './dom.js';
import { session } from './session.js';
import { logIn, logOut, signUp } from './auth.js';
import { openApiKeys } from './api-keys.js';
import { openPasswordChange } from './password.js';

const dialog = () => document.getElementById('auth-dialog');

function field(label, attrs) {
  return h('label', { class: 'field' }, h('span', null, label), h('input', attrs));
}

function form(mode) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const signingUp = mode === 'signup';
  const submit = h('button', { type: 'submit', class: 'primary' }, signingUp ? 'Create account' : 'Log in');
  const el = h('form', { class: 'auth-form', novalidate: true },
    signingUp ? field('Username', {
      name: 'username', required: true, maxlength: 30, pattern: '[A-Za-z0-9_]+', autocomplete: 'username',
    }) : null,
    field('Email', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'email' }),
    field('Password', {
      name: 'password', type: 'password', required: true, minlength: signingUp ? 8 : 1, maxlength: 128,
      autocomplete: signingUp ? 'new-password' : 'current-password',
    }),
    error,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'ghost', onclick: () => dialog().close() }, 'Cancel'),
      submit));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(el));
    if (!el.checkValidity()) {
      error.textContent = signingUp
        ? 'Choose a username (letters, digits, _), a valid email and a password of at least 8 characters.'
        : 'Enter your email and password.';
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    try {
      const me = signingUp ? await signUp(values) : await logIn(values);
      dialog().close();
      toast(`Welcome, @${me.acct ?? me.username}!`);
    } catch (e) {
      error.textContent = e.message;
    } finally {
      submit.disabled = false;
    }
  });
  return el;
}

/** Opens the dialog on the sign-up or log-in tab. */
export function openAuth(mode = 'signup') {
  const d = dialog();
  const tab = (name, label) => h('button', {
    type: 'button', role: 'tab', class: 'tab', 'aria-selected': String(mode === name),
    onclick: () => openAuth(name),
  }, label);
  replace(d,
    h('h2', { id: 'auth-title' }, mode === 'signup' ? 'Join Colossus' : 'Welcome back'),
    h('div', { class: 'tab-row', role: 'tablist' }, tab('signup', 'Sign up'), tab('login', 'Log in')),
    form(mode));
  if (!d.open) d.showModal();
  d.querySelector('input')?.focus();
}

/** Draws the top-bar user box for the current session. */
export function renderUserBox() {
  const box = document.getElementById('user-box');
  const me = session.me;
  if (!session.loggedIn || !me) {
    replace(box,
      h('button', { type: 'button', class: 'ghost', onclick: () => openAuth('login') }, 'Log in'),
      h('button', { type: 'button', class: 'primary', onclick: () => openAuth('signup') }, 'Sign up'));
    return;
  }
  replace(box,
    h('a', { href: `/@${me.acct}`, 'data-route': true, class: 'me', title: 'Your profile' }, `@${me.acct}`),
    h('button', { type: 'button', class: 'ghost', onclick: () => openApiKeys() }, 'API keys'),
    h('button', { type: 'button', class: 'ghost', onclick: () => openPasswordChange() }, 'Change password'),
    h('button', {
      type: 'button', class: 'ghost', onclick: async () => {
        await logOut().catch(() => {});
        toast('Logged out.');
      },
    }, 'Log out'));
}
