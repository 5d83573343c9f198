// Editing your profile (/settings/profile): display name, bio, avatar and header images, whether new followers need
// your approval (locked), and the defaults for new posts (visibility, sensitive media), sent as one multipart
// PATCH /api/v1/accounts/update_credentials, as Mastodon's own settings page does.
import { h, toast } from './dom.js';
import { ApiError, api, errorMessage } from './api.js';
import { session } from './session.js';
import { avatar } from './status.js';

const IMAGES = 'image/png,image/jpeg,image/gif,image/webp';

function field(label, input, hint) {
  return h('label', { class: 'field' }, label, input, hint ? h('span', { class: 'muted small' }, hint) : null);
}

export async function profileEditView() {
  if (!session.loggedIn) {
    return { title: 'Edit profile', element: h('div', { class: 'panel' }, h('h1', null, 'Edit profile'), h('p', null, 'Log in to edit your profile.')) };
  }
  const me = await api('/api/v1/accounts/verify_credentials');
  const displayName = h('input', { type: 'text', name: 'display_name', maxlength: 30, value: me.display_name ?? '' });
  const note = h('textarea', { name: 'note', rows: 4, maxlength: 500 });
  note.value = me.source?.note ?? '';
  const avatarFile = h('input', { type: 'file', name: 'avatar', accept: IMAGES });
  const headerFile = h('input', { type: 'file', name: 'header', accept: IMAGES });
  const locked = h('input', { type: 'checkbox', name: 'locked', checked: Boolean(me.locked) });
  const privacy = h('select', { name: 'source[privacy]' },
    h('option', { value: 'public' }, 'Public'),
    h('option', { value: 'unlisted' }, 'Unlisted'),
    h('option', { value: 'private' }, 'Followers only'));
  privacy.value = ['public', 'unlisted', 'private'].includes(me.source?.privacy) ? me.source.privacy : 'public';
  const sensitive = h('input', { type: 'checkbox', name: 'source[sensitive]', checked: Boolean(me.source?.sensitive) });
  const check = (input, label, hint) => h('label', { class: 'field check' }, h('span', null, input, ` ${label}`),
    hint ? h('span', { class: 'muted small' }, hint) : null);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { type: 'submit', class: 'primary' }, 'Save profile');
  const preview = h('div', { class: 'profile-preview' }, avatar(me, 'lg'));
  const form = h('form', { class: 'panel auth-form profile-form', 'aria-labelledby': 'profile-edit-title' },
    h('h1', { id: 'profile-edit-title' }, 'Edit profile'), preview,
    field('Display name', displayName),
    field('Bio', note, 'Up to 500 characters; links, @mentions and #hashtags work.'),
    field('Avatar', avatarFile, 'PNG, JPEG, GIF or WebP; shown square.'),
    field('Header', headerFile, 'PNG, JPEG, GIF or WebP; shown wide above your profile.'),
    check(locked, 'Approve followers', 'People ask to follow you; you approve them under Notifications, Follow requests.'),
    field('Who sees new posts by default', privacy),
    check(sensitive, 'Mark my media sensitive by default'),
    error, h('div', { class: 'form-actions' },
      h('a', { href: `/@${me.acct}`, 'data-route': true, class: 'button ghost' }, 'Back to profile'), save));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    save.disabled = true;
    error.textContent = '';
    const body = new FormData();
    body.append('display_name', displayName.value);
    body.append('note', note.value);
    body.append('locked', String(locked.checked));
    body.append('source[privacy]', privacy.value);
    body.append('source[sensitive]', String(sensitive.checked));
    if (avatarFile.files[0]) body.append('avatar', avatarFile.files[0]);
    if (headerFile.files[0]) body.append('header', headerFile.files[0]);
    try {
      const response = await fetch('/api/v1/accounts/update_credentials', {
        method: 'PATCH', body, headers: { Accept: 'application/json', Authorization: `Bearer ${session.token}` },
      }).catch(() => { throw new ApiError(0, 'Cannot reach the server.', null); });
      const data = await response.json().catch(() => null);
      if (!response.ok) throw new ApiError(response.status, errorMessage(data, response.status), data);
      session.updateMe(data);
      preview.replaceChildren(avatar(data, 'lg'));
      avatarFile.value = '';
      headerFile.value = '';
      toast('Profile saved.');
    } catch (e) {
      error.textContent = e.message;
    } finally {
      save.disabled = false;
    }
  });
  return { title: 'Edit profile', name: 'profile-edit', element: form };
}
