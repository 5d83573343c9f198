// Who is logged in: the access token, the registered app and the account, kept in localStorage.

const KEYS = { token: 'colossus.token', app: 'colossus.app', me: 'colossus.me' };
const listeners = new Set();

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key));
  } catch {
    return null;
  }
}

function write(key, value) {
  if (value == null) localStorage.removeItem(key);
  else localStorage.setItem(key, JSON.stringify(value));
}

export const session = {
  get token() { return read(KEYS.token); },
  get me() { return read(KEYS.me); },
  get app() { return read(KEYS.app); },
  get loggedIn() { return Boolean(read(KEYS.token)); },

  setApp(app) { write(KEYS.app, app); },

  /** Stores a fresh login and tells listeners. */
  logIn(token, me) {
    write(KEYS.token, token);
    write(KEYS.me, me);
    listeners.forEach((fn) => fn());
  },

  updateMe(me) { write(KEYS.me, me); },

  logOut() {
    write(KEYS.token, null);
    write(KEYS.me, null);
    listeners.forEach((fn) => fn());
  },

  onChange(fn) { listeners.add(fn); },
};
