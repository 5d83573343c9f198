// Accounts the way Mastodon clients do it: register an app, get tokens through /oauth/token, revoke on log out.
import { api, ApiError } from './api.js';
import { session } from './session.js';

const SCOPES = 'read write follow';

async function registerApp() {
  const app = await api('/api/v1/apps', {
    method: 'POST',
    token: null,
    body: {
      client_name: 'Colossus Web',
      redirect_uris: 'urn:ietf:wg:oauth:2.0:oob',
      scopes: SCOPES,
      website: location.origin,
    },
  });
  const stored = { client_id: app.client_id, client_secret: app.client_secret };
  session.setApp(stored);
  return stored;
}

/** Runs fn with this browser's registered app, registering it again once if the server no longer knows it. */
async function withApp(fn) {
  const known = session.app;
  if (known) {
    try {
      return await fn(known);
    } catch (e) {
      // A reset server forgets apps: Doorkeeper answers 401 invalid_client. Wrong passwords are 400 invalid_grant.
      if (!(e instanceof ApiError && (e.status === 401 || e.body?.error === 'invalid_client'))) throw e;
    }
  }
  return fn(await registerApp());
}

function tokenRequest(app, fields) {
  return api('/oauth/token', {
    method: 'POST',
    token: null,
    body: { client_id: app.client_id, client_secret: app.client_secret, scope: SCOPES, ...fields },
  });
}

async function finishLogin(accessToken) {
  const me = await api('/api/v1/accounts/verify_credentials', { token: accessToken });
  session.logIn(accessToken, me);
  return me;
}

/** Creates an account (with an app token, as Mastodon requires) and logs it in. */
export async function signUp({ username, email, password }) {
  const appToken = await withApp((app) => tokenRequest(app, { grant_type: 'client_credentials' }));
  const token = await api('/api/v1/accounts', {
    method: 'POST',
    token: appToken.access_token,
    body: {
      username,
      email,
      password,
      agreement: true,
      locale: (navigator.language || 'en').slice(0, 2),
    },
  });
  return finishLogin(token.access_token);
}

/** Logs in with the password grant; Mastodon takes the email as the username. A refusal reads as people say it. */
export async function logIn({ email, password }) {
  let token;
  try {
    token = await withApp((app) => tokenRequest(app, { grant_type: 'password', username: email, password }));
  } catch (e) {
    if (e instanceof ApiError && e.body?.error === 'invalid_grant') throw new ApiError(e.status, 'Wrong email or password.', e.body);
    throw e;
  }
  return finishLogin(token.access_token);
}

/** Revokes the token on the server, then forgets it here even if the server cannot be reached. */
export async function logOut() {
  const { app, token } = session;
  try {
    if (app && token) {
      await api('/oauth/revoke', {
        method: 'POST',
        token: null,
        body: { client_id: app.client_id, client_secret: app.client_secret, token },
      });
    }
  } finally {
    session.logOut();
  }
}

/** Refreshes the cached account; logs out locally when the token is no longer valid. */
export async function checkSession() {
  if (!session.token) return null;
  try {
    const me = await api('/api/v1/accounts/verify_credentials');
    session.updateMe(me);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) session.logOut();
    return null;
  }
}
