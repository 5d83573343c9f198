// Media, polls, streaming, bookmarks, direct conversations and follow requests through masto.js (a widely used
// Mastodon client library), used as its documentation shows, against a running Colossus server: upload with
// v2.media.create, post with mediaIds, read the attachment back; post a poll and vote on it; createStreamingAPIClient
// on the WebSocket the instance advertises; bookmark and list; a direct status's conversation; a locked account's
// follow request approved; block and mute with their lists; updateCredentials with an avatar upload; a report.
// Usage: COLOSSUS_URL=http://localhost:PORT node --test masto.test.mjs   (./run starts the server for you)
import assert from 'node:assert/strict';
import test from 'node:test';
import { createRestAPIClient, createStreamingAPIClient } from 'masto';
import WebSocket from 'ws';

// masto.js's streaming client uses Promise.withResolvers and a global WebSocket, which Node.js has from version 22 on.
globalThis.WebSocket ??= WebSocket;
Promise.withResolvers ??= () => {
  let resolve, reject;
  const promise = new Promise((yes, no) => { resolve = yes; reject = no; });
  return { promise, resolve, reject };
};

const base = (process.env.COLOSSUS_URL ?? '').replace(/\/$/, '');
if (!base) throw new Error('COLOSSUS_URL is not set (tests/masto/run sets it)');
const tag = Math.random().toString(36).slice(2, 8);
// A 12x8 red PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAE0lEQVR4nGP4y8BAEBFWMewVAQA8wV7hj4GBHQAAAABJRU5ErkJggg==', 'base64');

async function post(path, body, token) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const data = await response.json();
  assert.equal(response.status, 200, `${path}: ${JSON.stringify(data)}`);
  return data;
}

/** Signs up a user the way a client app does and returns its access token. */
async function register(username) {
  const app = await post('/api/v1/apps', { client_name: 'masto test', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' });
  const appToken = (await post('/oauth/token', {
    grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write',
  })).access_token;
  const user = await post('/api/v1/accounts', {
    username, email: `${username}@example.org`, password: 'correct horse battery', agreement: true, locale: 'en',
  }, appToken);
  return user.access_token;
}

const token = await register(`masto_${tag}`);
const masto = createRestAPIClient({ url: base, accessToken: token });

test('the instance advertises media limits', async () => {
  const instance = await masto.v2.instance.fetch();
  assert.equal(instance.configuration.statuses.maxMediaAttachments, 4);
  assert.ok(instance.configuration.mediaAttachments.supportedMimeTypes.includes('image/png'));
  assert.ok(instance.configuration.mediaAttachments.imageSizeLimit > 0);
});

test('v2.media.create uploads a picture and a status with mediaIds shows it', async () => {
  const attachment = await masto.v2.media.create({ file: new Blob([PNG]), description: 'A red rectangle' });
  assert.equal(attachment.type, 'image');
  assert.equal(attachment.description, 'A red rectangle');
  assert.equal(attachment.meta.original.width, 12);
  assert.equal(attachment.meta.original.height, 8);
  assert.match(attachment.blurhash, /^.{6,}$/);

  const file = await fetch(attachment.url);
  assert.equal(file.status, 200);
  assert.equal(file.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await file.arrayBuffer()), PNG);

  const status = await masto.v1.statuses.create({ status: `A picture ${tag}`, mediaIds: [attachment.id] });
  assert.equal(status.mediaAttachments.length, 1);
  assert.equal(status.mediaAttachments[0].id, attachment.id);
  const fetched = await masto.v1.statuses.$select(status.id).fetch();
  assert.equal(fetched.mediaAttachments[0].url, attachment.url);
  assert.equal(fetched.mediaAttachments[0].previewUrl, attachment.previewUrl);
});

test('an upload can be described before it is posted, and a status may be media alone', async () => {
  const attachment = await masto.v2.media.create({ file: new Blob([PNG]) });
  assert.equal(attachment.description, null);
  const described = await masto.v1.media.$select(attachment.id).update({ description: 'Now described', focus: '0.25,-0.5' });
  assert.equal(described.description, 'Now described');
  assert.equal(described.meta.focus.x, 0.25);
  const status = await masto.v1.statuses.create({ status: '', mediaIds: [attachment.id] });
  assert.equal(status.mediaAttachments[0].description, 'Now described');
});

test('a file that is not media is refused with 422 whatever its name', async () => {
  const fake = new File(['<html>not a picture</html>'], 'picture.png', { type: 'image/png' });
  await assert.rejects(masto.v2.media.create({ file: fake }), (error) => {
    assert.equal(error.statusCode, 422);
    assert.match(error.message, /not an accepted type/);
    return true;
  });
});

/** The first event of a masto.js subscription that passes `wanted`, or a rejection after `ms` milliseconds. */
async function firstEvent(subscription, wanted, ms) {
  let timer;
  const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms); });
  const arrived = (async () => {
    for await (const event of subscription) if (wanted(event)) return event;
  })();
  try {
    return await Promise.race([arrived, late]);
  } finally {
    clearTimeout(timer);
  }
}

test('statuses.create makes a poll, polls.$select().votes.create votes once, and results show after the vote', async () => {
  const instance = await masto.v2.instance.fetch();
  assert.equal(instance.configuration.polls.maxOptions, 4);
  const status = await masto.v1.statuses.create({
    status: `Tea or coffee? ${tag}`, poll: { options: ['tea', 'coffee'], expiresIn: 3600 },
  });
  assert.deepEqual(status.poll.options.map((o) => o.title), ['tea', 'coffee']);
  assert.equal(status.poll.expired, false);
  const voter = createRestAPIClient({ url: base, accessToken: await register(`voter_${tag}`) });
  const before = await voter.v1.polls.$select(status.poll.id).fetch();
  assert.equal(before.voted, false);
  assert.deepEqual(before.options.map((o) => o.votesCount), [null, null]);
  const poll = await voter.v1.polls.$select(status.poll.id).votes.create({ choices: [1] });
  assert.equal(poll.voted, true);
  assert.deepEqual(poll.ownVotes, [1]);
  assert.deepEqual(poll.options.map((o) => o.votesCount), [0, 1]);
  await assert.rejects(voter.v1.polls.$select(status.poll.id).votes.create({ choices: [0] }),
    (error) => error.statusCode === 422);
  await assert.rejects(masto.v1.polls.$select(status.poll.id).votes.create({ choices: [0] }),
    (error) => error.statusCode === 422);
});

test('createStreamingAPIClient receives a new post on the public and user streams within 1 s', async (t) => {
  const instance = await masto.v2.instance.fetch();
  assert.match(instance.configuration.urls.streaming, /^wss?:\/\//);
  const streaming = createStreamingAPIClient({
    streamingApiUrl: instance.configuration.urls.streaming, accessToken: token, implementation: WebSocket, retry: false,
  });
  try {
    await streaming.prepare();
    const text = `Streamed ${tag}`;
    const isOurs = (event) => event.event === 'update' && event.payload.content.includes(text);
    const onPublic = firstEvent(streaming.public.subscribe(), isOurs, 5000);
    const onUser = firstEvent(streaming.user.subscribe(), isOurs, 5000);
    // The server does not acknowledge a subscription: give the two subscribe messages a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const start = Date.now();
    const status = await masto.v1.statuses.create({ status: text, visibility: 'public' });
    const [publicEvent, userEvent] = await Promise.all([onPublic, onUser]);
    const elapsed = Date.now() - start;
    assert.deepEqual(publicEvent.stream, ['public']);
    assert.deepEqual(userEvent.stream, ['user']);
    assert.equal(publicEvent.payload.id, status.id);
    assert.equal(userEvent.payload.id, status.id);
    t.diagnostic(`the post arrived on both streams ${elapsed} ms after it was sent`);
    assert.ok(elapsed < 1000, `the post arrived on both streams after ${elapsed} ms`);
  } finally {
    streaming.close();
  }
});

test('statuses.$select().bookmark() keeps a post and bookmarks.list() lists it until unbookmark()', async () => {
  const status = await masto.v1.statuses.create({ status: `Keep this ${tag}` });
  const marked = await masto.v1.statuses.$select(status.id).bookmark();
  assert.equal(marked.bookmarked, true);
  const bookmarks = await masto.v1.bookmarks.list({ limit: 40 });
  assert.equal(bookmarks[0].id, status.id);
  const unmarked = await masto.v1.statuses.$select(status.id).unbookmark();
  assert.equal(unmarked.bookmarked, false);
  assert.ok(!(await masto.v1.bookmarks.list({ limit: 40 })).some((s) => s.id === status.id));
});

test('a direct status makes a conversation that conversations.list() shows, read() marks read and remove() drops', async () => {
  const friendToken = await register(`friend_${tag}`);
  const friend = createRestAPIClient({ url: base, accessToken: friendToken });
  const friendAccount = await friend.v1.accounts.verifyCredentials();
  const me = await masto.v1.accounts.verifyCredentials();
  const status = await masto.v1.statuses.create({ status: `@${friendAccount.username} just us ${tag}`, visibility: 'direct' });
  assert.equal(status.visibility, 'direct');

  const [conversation] = await friend.v1.conversations.list();
  assert.equal(conversation.unread, true);
  assert.equal(conversation.lastStatus.id, status.id);
  assert.deepEqual(conversation.accounts.map((a) => a.id), [me.id]);
  const read = await friend.v1.conversations.$select(conversation.id).read();
  assert.equal(read.unread, false);
  await friend.v1.conversations.$select(conversation.id).remove();
  assert.equal((await friend.v1.conversations.list()).length, 0);

  const outsider = createRestAPIClient({ url: base, accessToken: await register(`outsider_${tag}`) });
  assert.equal((await outsider.v1.conversations.list()).length, 0);
  await assert.rejects(outsider.v1.statuses.$select(status.id).fetch(), (error) => error.statusCode === 404);
});

test('following a locked account makes a follow request that followRequests.$select().authorize() approves', async () => {
  const lockedToken = await register(`locked_${tag}`);
  const locked = createRestAPIClient({ url: base, accessToken: lockedToken });
  const account = await locked.v1.accounts.updateCredentials({ locked: true });
  assert.equal(account.locked, true);
  const me = await masto.v1.accounts.verifyCredentials();

  const asked = await masto.v1.accounts.$select(account.id).follow({ notify: true });
  assert.equal(asked.following, false);
  assert.equal(asked.requested, true);
  const requests = await locked.v1.followRequests.list();
  assert.deepEqual(requests.map((a) => a.id), [me.id]);
  const [notification] = await locked.v1.notifications.list({ types: ['follow_request'] });
  assert.equal(notification.type, 'follow_request');

  const approved = await locked.v1.followRequests.$select(me.id).authorize();
  assert.equal(approved.followedBy, true);
  const [relationship] = await masto.v1.accounts.relationships.fetch({ id: [account.id] });
  assert.equal(relationship.following, true);
  assert.equal(relationship.notifying, true);
  assert.equal((await locked.v1.followRequests.list()).length, 0);
  await assert.rejects(locked.v1.followRequests.$select(me.id).reject(), (error) => error.statusCode === 404);
});

test('statuses.$select().update() edits a post in place, history.list() shows each version, source.fetch() the text', async () => {
  const picture = await masto.v2.media.create({ file: new Blob([PNG]), description: 'Before' });
  const status = await masto.v1.statuses.create({ status: `First draft ${tag}`, mediaIds: [picture.id] });
  const edited = await masto.v1.statuses.$select(status.id).update({
    status: `Second draft ${tag}`, spoilerText: 'drafts', mediaIds: [picture.id],
    mediaAttributes: [{ id: picture.id, description: 'After' }],
  });
  assert.equal(edited.id, status.id);
  assert.ok(edited.editedAt);
  assert.match(edited.content, /Second draft/);
  assert.equal(edited.spoilerText, 'drafts');
  assert.equal(edited.sensitive, true);
  assert.equal(edited.mediaAttachments[0].description, 'After');

  const history = await masto.v1.statuses.$select(status.id).history.list();
  assert.equal(history.length, 2);
  assert.match(history[0].content, /First draft/);
  assert.equal(history[0].mediaAttachments[0].description, 'Before');
  assert.match(history[1].content, /Second draft/);
  assert.equal(history[1].spoilerText, 'drafts');
  assert.equal(history[1].createdAt, edited.editedAt);

  const source = await masto.v1.statuses.$select(status.id).source.fetch();
  assert.deepEqual({ ...source }, { id: status.id, text: `Second draft ${tag}`, spoilerText: 'drafts' });
});

test('accounts.$select().block()/mute() answer relationships, blocks.list()/mutes.list() list, unblock()/unmute() undo', async () => {
  const other = createRestAPIClient({ url: base, accessToken: await register(`blocked_${tag}`) });
  const them = await other.v1.accounts.verifyCredentials();
  await other.v1.statuses.create({ status: `Blocked words ${tag}` });

  const blocked = await masto.v1.accounts.$select(them.id).block();
  assert.equal(blocked.blocking, true);
  assert.deepEqual((await masto.v1.blocks.list()).map((a) => a.id), [them.id]);
  const timeline = await masto.v1.timelines.public.list({ limit: 40 });
  assert.ok(timeline.every((s) => s.account.id !== them.id));
  await assert.rejects(other.v1.accounts.$select((await masto.v1.accounts.verifyCredentials()).id).follow(),
    (error) => error.statusCode === 403);
  assert.equal((await masto.v1.accounts.$select(them.id).unblock()).blocking, false);

  const muted = await masto.v1.accounts.$select(them.id).mute({ notifications: false, duration: 3600 });
  assert.equal(muted.muting, true);
  assert.equal(muted.mutingNotifications, false);
  const [mute] = await masto.v1.mutes.list();
  assert.equal(mute.id, them.id);
  assert.ok(mute.muteExpiresAt);
  assert.equal((await masto.v1.accounts.$select(them.id).unmute()).muting, false);
  assert.equal((await masto.v1.mutes.list()).length, 0);
});

test('accounts.updateCredentials() sets the profile with an avatar upload, verifyCredentials() shows it', async () => {
  const updated = await masto.v1.accounts.updateCredentials({
    displayName: `Masto ${tag}`, note: 'Testing profiles', avatar: new Blob([PNG], { type: 'image/png' }),
    fieldsAttributes: [{ name: 'Site', value: 'https://example.org' }], source: { privacy: 'unlisted' },
  });
  assert.equal(updated.displayName, `Masto ${tag}`);
  assert.match(updated.avatar, /\/media\//);
  assert.equal(updated.fields[0].name, 'Site');
  assert.equal(updated.source.privacy, 'unlisted');
  const avatar = await fetch(updated.avatar);
  assert.equal(avatar.status, 200);
  const me = await masto.v1.accounts.verifyCredentials();
  assert.equal(me.avatar, updated.avatar);
  assert.equal(me.source.note, 'Testing profiles');
});

test('reports.create() stores a report about an account and its post', async () => {
  const other = createRestAPIClient({ url: base, accessToken: await register(`reported_${tag}`) });
  const them = await other.v1.accounts.verifyCredentials();
  const status = await other.v1.statuses.create({ status: `Reportable ${tag}` });
  const report = await masto.v1.reports.create({ accountId: them.id, statusIds: [status.id], comment: 'spam', category: 'spam' });
  assert.equal(report.category, 'spam');
  assert.deepEqual(report.statusIds, [status.id]);
  assert.equal(report.targetAccount.id, them.id);
});
