// End-to-end test of the web UI in headless Chromium against a running Colossus server.
// Usage: COLOSSUS_URL=http://localhost:PORT node web-ui.test.mjs   (tests/browser/run starts the server for you)
// Environment: CHROMIUM (default /usr/bin/chromium), COLOSSUS_BROWSER_ARTIFACTS (folder for failure screenshots).
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = (process.env.COLOSSUS_URL ?? '').replace(/\/$/, '');
if (!base) {
  console.error('COLOSSUS_URL is not set (tests/browser/run sets it)');
  process.exit(2);
}
const WAIT = 15_000;
/** A 12x8 red PNG. */
const RED_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAwAAAAICAIAAABChommAAAACXBIWXMAAAABAAAAAQBPJcTWAAAAE0lEQVR4nGP4y8BAEBFWMewVAQA8wV7hj4GBHQAAAABJRU5ErkJggg==';
const CHAT_WAIT = 120_000;
const tag = Math.random().toString(36).slice(2, 8);

// ---- the API, as a second client would use it ----

async function call(method, urlPath, { token, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/json';
  const response = await fetch(base + urlPath, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  let data = null;
  try {
    data = JSON.parse(text);
  } catch {
    data = text;
  }
  return { status: response.status, data };
}

async function ok(method, urlPath, options) {
  const { status, data } = await call(method, urlPath, options);
  assert.ok(status >= 200 && status < 300, `${method} ${urlPath} answered ${status}: ${JSON.stringify(data)}`);
  return data;
}

/** Signs a user up the way Mastodon clients do: app, app token, account. Returns the user's access token. */
async function signUpOverApi(username) {
  const app = await ok('POST', '/api/v1/apps', {
    body: { client_name: 'browser test', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write follow' },
  });
  const appToken = await ok('POST', '/oauth/token', {
    body: { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret, scope: 'read write follow' },
  });
  const token = await ok('POST', '/api/v1/accounts', {
    token: appToken.access_token,
    body: { username, email: `${username}@example.com`, password: 'correct horse battery', agreement: true, locale: 'en' },
  });
  return token.access_token;
}

// ---- a tiny step runner ----

const results = [];
/** Runs one step; a failed step is reported and the next runs, unless the step is critical (later ones need it). */
async function step(name, fn, { critical = false } = {}) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}\n     ${String(e.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
    const error = await page.locator('#view h1', { hasText: 'Something went wrong' }).locator('xpath=..').textContent({ timeout: 500 }).catch(() => null);
    if (error) console.log(`     the page shows: ${error}`);
    if (critical) throw e;
  }
}

/** Reloads the page until `locator` shows (the trends panel refreshes itself only once a minute). */
async function reloadUntil(locator, what, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.reload();
    if (await locator.first().waitFor({ timeout: WAIT }).then(() => true, () => false)) return;
    assert.ok(Date.now() < deadline, `${what} did not show within ${timeout / 1000} s`);
  }
}

/** Waits until search finds all of `ids` for `query` (search is near real time). */
async function untilSearchFinds(query, ids, token) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const found = await ok('GET', `/api/v2/search?type=statuses&limit=40&q=${encodeURIComponent(query)}`, { token });
    const seen = new Set(found.statuses.map((s) => s.id));
    if (ids.every((id) => seen.has(id))) return;
    assert.ok(Date.now() < deadline, `search did not find ${ids.filter((id) => !seen.has(id))} for "${query}" within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

// ---- the test ----

const userDataDir = await mkdtemp(path.join(tmpdir(), 'colossus-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] ?? await context.newPage();
page.setDefaultTimeout(WAIT);
const pageErrors = [];
page.on('pageerror', (error) => pageErrors.push(String(error)));
// The server sends a Content-Security-Policy header; anything it blocks shows up as a console error.
const policyViolations = [];
page.on('console', (message) => {
  if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
});
page.on('dialog', (dialog) => dialog.accept());

const alice = `alice_${tag}`;
const bob = `bob_${tag}`;
const aliceEmail = `${alice}@example.com`;
const password = 'correct horse battery';
const aliceWord = `zebra${tag}`;
const bobWord = `quokka${tag}`;
const feed = page.locator('#view [role=feed]');
const post = (text) => page.locator('#view article.status', { hasText: text });
let alicePostId;
let bobPostId;
let bobToken;

try {
  await step('the server speaks the Mastodon API', async () => {
    const { status } = await call('GET', '/api/v1/timelines/public');
    assert.equal(status, 200, `GET /api/v1/timelines/public answered ${status}: the Mastodon-compatible API is missing`);
  }, { critical: true });

  await step('the UI loads at / without errors', async () => {
    await page.goto(base + '/');
    await page.getByRole('button', { name: 'Sign up' }).first().waitFor();
    assert.equal(await page.title(), 'Public · Colossus');
  }, { critical: true });

  await step('a visitor signs up in the dialog and is logged in', async () => {
    await page.locator('#user-box').getByRole('button', { name: 'Sign up' }).click();
    const dialog = page.locator('#auth-dialog');
    await dialog.getByLabel('Username').fill(alice);
    await dialog.getByLabel('Email').fill(aliceEmail);
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Create account' }).click();
    const loggedIn = page.locator('#user-box').getByText(`@${alice}`);
    await loggedIn.or(dialog.locator('.form-error').filter({ hasText: /./ })).waitFor();
    assert.ok(await loggedIn.isVisible(), `sign-up failed: ${await dialog.locator('.form-error').textContent()}`);
    assert.equal(await dialog.isVisible(), false);
    await page.locator('#compose-text').waitFor();
  }, { critical: true });

  await step('the compose counter counts down from 500', async () => {
    await page.locator('#compose-text').fill('12345');
    assert.equal(await page.locator('#compose-counter').textContent(), '495');
    // A link counts as 23 characters however long it is, as Mastodon counts.
    await page.locator('#compose-text').fill(`see https://example.com/${'a'.repeat(100)}`);
    assert.equal(await page.locator('#compose-counter').textContent(), String(500 - 4 - 23));
    await page.locator('#compose-text').fill('x'.repeat(501));
    assert.equal(await page.locator('#compose-counter').textContent(), '-1');
    assert.equal(await page.getByRole('button', { name: 'Post', exact: true }).isDisabled(), true);
  });

  await step('a post appears in the home timeline', async () => {
    await page.locator('#compose-text').fill(`Hello from the browser, a ${aliceWord} says hi #browsertest`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await post(aliceWord).waitFor();
    alicePostId = await post(aliceWord).first().getAttribute('data-status-id');
    assert.ok(alicePostId, 'the post carries its id');
    assert.equal(await page.locator('#compose-text').inputValue(), '', 'the compose box is cleared');
    // Reloading shows it again: it came from the server, not only from the page's memory.
    await page.reload();
    await post(aliceWord).waitFor();
  }, { critical: true });

  await step('a picture uploaded in the composer is posted and shown with its alt text', async () => {
    const word = `picture${tag}`;
    const description = `A red square <b>${word}</b>`;
    // Chosen with the file picker.
    const png = Buffer.from(RED_PNG, 'base64');
    await page.locator('#compose-file').setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: png });
    await page.locator('#composer .compose-attachment img').waitFor();
    await page.locator('#composer .alt-text').fill(description);
    await page.locator('#compose-text').fill(`A picture ${word}`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const image = post(word).first().locator('.media-grid img');
    await image.waitFor();
    assert.equal(await image.getAttribute('alt'), description, 'the alt text is the description, as text');
    await page.waitForFunction((el) => el.complete && el.naturalWidth === 12, await image.elementHandle());
    assert.equal(await page.locator('#composer .compose-attachment').count(), 0, 'the composer forgets the attachment');
    // Shown after a reload too (from the server), and it opens full size with the description as caption.
    await page.reload();
    await post(word).first().locator('.media-open').click();
    await page.locator('#media-viewer figcaption', { hasText: description }).waitFor();
    assert.equal(await page.locator('#media-viewer img').getAttribute('alt'), description);
    await page.locator('#media-viewer .media-viewer-close').click();
    await page.locator('#media-viewer').waitFor({ state: 'hidden' });
  });

  await step('media of a post marked sensitive wait behind a click', async () => {
    const word = `hidden${tag}`;
    const token = await signUpOverApi(`mia_${tag}`);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from(RED_PNG, 'base64')]), 'red.png');
    form.append('description', 'A red rectangle');
    const upload = await fetch(`${base}/api/v2/media`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
    assert.equal(upload.status, 200, await upload.clone().text());
    const media = await upload.json();
    await ok('POST', '/api/v1/statuses', { token, body: { status: `Careful ${word}`, sensitive: true, media_ids: [media.id] } });
    await page.goto(base + '/public');
    const hidden = post(word).first().locator('details.sensitive-media');
    await hidden.waitFor();
    assert.equal(await hidden.locator('img').isVisible(), false, 'the image is hidden at first');
    await hidden.locator('summary').click();
    await hidden.locator('img[alt="A red rectangle"]').waitFor({ state: 'visible' });
    await page.goto(base + '/');
  });

  await step('the post is found by search', async () => {
    // Search is near real time (about a second): ask again a few times before failing.
    for (let attempt = 1; ; attempt++) {
      await page.locator('#search-input').fill(aliceWord);
      await page.locator('#search-input').press('Enter');
      await page.getByRole('heading', { name: `Results for “${aliceWord}”` }).waitFor();
      if (await post(aliceWord).count()) break;
      assert.ok(attempt < 6, `search did not find "${aliceWord}" after ${attempt} tries`);
      await page.waitForTimeout(1000);
    }
    assert.match(page.url(), /\/search\?q=/);
  });

  await step('a thread opens from the post', async () => {
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await post(aliceWord).first().locator('a.time').click();
    await page.locator('#view .thread article.status.focus', { hasText: aliceWord }).waitFor();
    assert.match(page.url(), new RegExp(`/@${alice}/${alicePostId}$`));
    const contextError = page.locator('#view .context-error');
    if (await contextError.count()) assert.fail(`the thread's context failed: ${await contextError.textContent()}`);
    // The post's URL works when opened directly too: the server answers it with the UI.
    await page.reload();
    await page.locator('#view .thread article.status.focus', { hasText: aliceWord }).waitFor();
  });

  await step("a second user's post arrives live, with its markup shown as text", async () => {
    await page.getByRole('link', { name: 'Public', exact: true }).click();
    await page.locator('#live-state[data-state=open]').waitFor({ timeout: 30_000 });
    await post(aliceWord).waitFor();
    await page.evaluate(() => { window.__samePage = true; });
    bobToken = await signUpOverApi(bob);
    const text = `Live from ${bob}: ${bobWord} <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    const created = await ok('POST', '/api/v1/statuses', { token: bobToken, body: { status: text, visibility: 'public' } });
    bobPostId = created.id;
    const article = post(bobWord);
    await article.waitFor({ timeout: WAIT });
    assert.equal(await page.evaluate(() => window.__samePage), true, 'the page was not reloaded');
    await page.waitForTimeout(500);
    assert.equal(await post(bobWord).count(), 1, 'the post is shown once (stream and catch-up do not duplicate it)');
    assert.equal(await article.locator('img, script').count(), 0, 'no markup from the post became elements');
    assert.match(await article.locator('.content').textContent(), /<img src=x onerror=/);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    assert.equal(await feed.locator('article.status').first().getAttribute('data-status-id'), bobPostId,
      'the newest post is on top');
  });

  await step('likes and reposts toggle', async () => {
    const article = post(bobWord).first();
    await article.getByRole('button', { name: 'Like' }).click();
    await post(bobWord).first().getByRole('button', { name: 'Unlike' }).waitFor();
    const status = await ok('GET', `/api/v1/statuses/${bobPostId}`, {
      token: await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token'))),
    });
    assert.equal(status.favourited, true);
    assert.equal(status.favourites_count, 1);
    await post(bobWord).first().getByRole('button', { name: 'Repost' }).click();
    await post(bobWord).first().getByRole('button', { name: 'Undo repost' }).waitFor();
  });

  await step('Home of an account that follows nobody suggests people, and Follow fills it', async () => {
    const mia = `mia_${tag}`;
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const panel = page.locator('#view section.who-to-follow');
    await panel.getByRole('heading', { name: 'Who to follow' }).waitFor();
    await panel.locator('li.person').first().waitFor();
    const names = await panel.locator('li.person .acct').allTextContents();
    assert.ok(names.includes(`@${bob}`) && names.includes(`@${mia}`), `the people who posted are suggested: ${names}`);
    assert.ok(!names.includes(`@${alice}`), 'never oneself');
    await panel.getByRole('button', { name: `Follow @${mia}` }).click();
    await panel.getByRole('button', { name: `Unfollow @${mia}` }).waitFor();
    // Home reloads with the followed account's posts.
    await post(`hidden${tag}`).first().waitFor();
    const suggested = await ok('GET', '/api/v2/suggestions', {
      token: await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token'))),
    });
    assert.ok(!suggested.some((s) => s.account.acct === mia), 'a followed account is no longer suggested');
  });

  await step('a profile shows the account and follow toggles', async () => {
    await post(bobWord).first().locator('a.author').click();
    await page.getByRole('heading', { name: bob }).waitFor();
    await post(bobWord).first().waitFor();
    await page.locator('#follow-button', { hasText: 'Follow' }).click();
    await page.locator('#follow-button', { hasText: 'Unfollow' }).waitFor();
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    // Followed: Bob's post is now in Alice's home timeline (besides her repost of it).
    await page.locator(`#view article.status[data-id="${bobPostId}"]`).waitFor();
  });

  await step("a followed account's new post arrives live in Home (user stream)", async () => {
    await page.locator('#live-state[data-state=open]').waitFor({ timeout: 30_000 });
    const created = await ok('POST', '/api/v1/statuses', {
      token: bobToken, body: { status: `Home delivery for my followers ${tag}`, visibility: 'private' },
    });
    await page.locator(`#view article.status[data-id="${created.id}"]`).waitFor({ timeout: WAIT });
  });

  await step('Reply opens an inline composer with the mention, and the reply shows at once under the post and in its thread', async () => {
    const parent = page.locator(`#view article.status[data-id="${bobPostId}"]`);
    await parent.getByRole('button', { name: 'Reply' }).click();
    const composer = page.locator('#view form.inline-reply');
    await composer.waitFor();
    const box = composer.getByRole('textbox', { name: `Reply to @${bob}` });
    assert.equal(await box.inputValue(), `@${bob} `, 'the mention is prefilled');
    assert.equal(await box.evaluate((el) => el === document.activeElement), true, 'the reply box has the focus');
    assert.equal(await parent.evaluate((el) => el.nextElementSibling?.matches('form.inline-reply')), true,
      'the composer opens right under the post');
    const words = `inline reply ${tag}`;
    await box.press('End');
    await box.pressSequentially(words);
    await composer.getByRole('button', { name: 'Reply', exact: true }).click();
    const reply = page.locator('#view article.status', { hasText: words });
    await reply.waitFor();
    await composer.waitFor({ state: 'detached' });
    assert.equal(await parent.evaluate((el) => el.nextElementSibling?.textContent.includes('inline reply')), true,
      'the reply takes the composer\'s place under the post');
    await parent.locator('button[aria-label="Reply"] .count', { hasText: '1' }).waitFor({ timeout: WAIT });
    const replyId = await reply.first().getAttribute('data-status-id');
    const stored = await ok('GET', `/api/v1/statuses/${replyId}`, { token: bobToken });
    assert.equal(stored.in_reply_to_id, bobPostId);
    await page.waitForTimeout(700);
    assert.equal(await page.locator(`#view article.status[data-status-id="${replyId}"]`).count(), 1,
      'the stream does not add the reply a second time');
    await parent.locator('a.time').click();
    await page.locator('#view .thread .replies article.status', { hasText: words }).waitFor();
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    await page.locator('#live-state[data-state=open]').waitFor({ timeout: 30_000 });
  });

  await step('like and reply counts of a post on screen update live', async () => {
    const mine = page.locator(`#view article.status[data-status-id="${alicePostId}"]`).first();
    await mine.waitFor();
    await ok('POST', `/api/v1/statuses/${alicePostId}/favourite`, { token: bobToken });
    await mine.locator('button[aria-label="Like"] .count', { hasText: '1' }).waitFor({ timeout: WAIT });
    await ok('POST', '/api/v1/statuses', {
      token: bobToken, body: { status: `@${alice} a reply to your post ${tag}`, in_reply_to_id: alicePostId },
    });
    await page.locator(`#view article.status[data-status-id="${alicePostId}"] button[aria-label="Reply"] .count`,
      { hasText: '1' }).first().waitFor({ timeout: WAIT });
  });

  await step('a post behind a content warning shows collapsed with Show more; a direct post is marked', async () => {
    const word = `butler${tag}`;
    await page.locator('#composer').getByRole('button', { name: 'CW' }).click();
    await page.locator('#composer').getByRole('textbox', { name: 'Content warning' }).fill('Spoilers for the film');
    await page.locator('#compose-text').fill(`The ${word} did it`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const article = page.locator('#view article.status', { has: page.locator('.spoiler-text', { hasText: 'Spoilers for the film' }) }).first();
    await article.waitFor();
    assert.equal(await article.locator('.content').isVisible(), false, 'the text waits behind the warning');
    const show = article.getByRole('button', { name: 'Show more' });
    assert.equal(await show.getAttribute('aria-expanded'), 'false');
    await show.click();
    await article.locator('.content', { hasText: word }).waitFor({ state: 'visible' });
    await article.getByRole('button', { name: 'Show less' }).waitFor();
    const id = await article.getAttribute('data-status-id');
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const stored = await ok('GET', `/api/v1/statuses/${id}`, { token });
    assert.equal(stored.spoiler_text, 'Spoilers for the film');
    assert.equal(stored.sensitive, true, 'a post with a warning is sensitive, as Mastodon makes it');
    assert.equal(await page.locator('#composer .cw-input').isVisible(), false, 'the warning field closes after posting');

    const secret = `whisper${tag}`;
    await page.locator('#composer select[name=visibility]').selectOption('direct');
    await page.locator('#compose-text').fill(`@${bob} a ${secret} for you only`);
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const direct = post(secret).first();
    await direct.waitFor();
    await direct.locator('.badge-direct').waitFor();
    const directId = await direct.getAttribute('data-status-id');
    assert.equal((await ok('GET', `/api/v1/statuses/${directId}`, { token })).visibility, 'direct');
    const publicIds = (await ok('GET', '/api/v1/timelines/public?limit=40')).map((s) => s.id);
    assert.ok(!publicIds.includes(directId), 'a direct post is not public');
    await page.locator('#composer select[name=visibility]').selectOption('public');
  });

  await step('a poll is rendered with its options, a vote shows the results, and the post can be bookmarked', async () => {
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const question = `Which fruit ${tag}?`;
    const created = await ok('POST', '/api/v1/statuses', {
      token: bobToken, body: { status: question, poll: { options: ['apple', 'pear <b>x</b>'], expires_in: 3600 } },
    });
    await page.goto(`${base}/@${bob}/${created.id}`);
    const article = page.locator('#view article.status.focus');
    const poll = article.locator('form.poll');
    await poll.waitFor();
    assert.equal(await poll.getByRole('button', { name: 'Vote' }).isDisabled(), true, 'nothing chosen yet');
    await poll.getByRole('radio', { name: 'pear <b>x</b>' }).check();
    await poll.getByRole('button', { name: 'Vote' }).click();
    const results = article.locator('.poll-results');
    await results.waitFor();
    assert.match(await results.locator('.poll-result.chosen').textContent(), /100%\s*pear <b>x<\/b>/);
    assert.match(await results.textContent(), /1 vote/);
    const stored = await ok('GET', `/api/v1/polls/${created.poll.id}`, { token });
    assert.equal(stored.voted, true);
    assert.deepEqual(stored.own_votes, [1]);

    await article.getByRole('button', { name: 'Bookmark', exact: true }).click();
    await page.locator('#view article.status.focus').getByRole('button', { name: 'Remove bookmark' }).waitFor();
    await page.getByRole('link', { name: 'Bookmarks', exact: true }).click();
    await page.getByRole('heading', { name: 'Bookmarks' }).waitFor();
    await post(question).first().waitFor();
  });

  await step('the composer makes a poll', async () => {
    const question = `Tea or coffee ${tag}?`;
    await page.getByRole('link', { name: 'Home', exact: true }).click();
    const composer = page.locator('#composer');
    await composer.getByRole('button', { name: 'Poll' }).click();
    await page.locator('#compose-text').fill(question);
    await composer.getByRole('textbox', { name: 'Option 1' }).fill('tea');
    assert.equal(await composer.getByRole('button', { name: 'Post', exact: true }).isDisabled(), true, 'a poll needs two options');
    await composer.getByRole('textbox', { name: 'Option 2' }).fill('coffee');
    await composer.getByRole('button', { name: 'Add an option' }).click();
    await composer.getByRole('textbox', { name: 'Option 3' }).fill('water');
    await composer.getByLabel('Poll duration').selectOption('3600');
    await composer.getByRole('button', { name: 'Post', exact: true }).click();
    const results = post(question).first().locator('.poll-results');
    await results.waitFor();
    assert.deepEqual((await results.locator('.poll-title').allTextContents()).map((t) => t.trim()), ['tea', 'coffee', 'water'],
      'your own poll shows its results');
    const id = await post(question).first().getAttribute('data-status-id');
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const stored = await ok('GET', `/api/v1/statuses/${id}`, { token });
    assert.deepEqual(stored.poll.options.map((o) => o.title), ['tea', 'coffee', 'water']);
    assert.equal(stored.poll.multiple, false);
    const minutes = (Date.parse(stored.poll.expires_at) - Date.now()) / 60_000;
    assert.ok(minutes > 50 && minutes <= 61, `the poll runs an hour (${minutes} minutes left)`);
    assert.equal(await composer.locator('.compose-poll').isVisible(), false, 'the poll closes after posting');
  });

  await step('your post can be pinned to your profile and edited in place, showing "edited" and its history', async () => {
    await page.goto(`${base}/@${alice}`);
    const mine = page.locator(`#view [aria-label="Posts by @${alice}"] article.status[data-status-id="${alicePostId}"]`);
    await mine.getByRole('button', { name: 'Pin' }).click();
    await page.locator(`#view article.status[data-status-id="${alicePostId}"]`).getByRole('button', { name: 'Unpin' }).first().waitFor();
    await page.reload();
    const pinned = page.locator(`#view .feed.pinned article.status[data-status-id="${alicePostId}"]`);
    await pinned.locator('.pinned-line', { hasText: 'Pinned' }).waitFor();

    await pinned.getByRole('button', { name: 'Edit' }).click();
    const editor = page.locator('#view form.inline-edit');
    const box = editor.getByRole('textbox', { name: 'Edit your post' });
    assert.match(await box.inputValue(), new RegExp(aliceWord), 'the editor starts from the post\'s text');
    await box.fill(`Hello again from the browser, a ${aliceWord} edited this #browsertest`);
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.waitFor({ state: 'detached' });
    const edited = page.locator(`#view .feed.pinned article.status[data-status-id="${alicePostId}"]`);
    await edited.locator('.content', { hasText: 'edited this' }).waitFor();
    await edited.getByRole('button', { name: 'edited' }).click();
    const versions = edited.locator('.history .history-version');
    await versions.nth(1).waitFor();
    assert.equal(await versions.count(), 2, 'the original and the edit');
    assert.match(await versions.nth(0).textContent(), /Edited.*edited this/s);
    assert.match(await versions.nth(1).textContent(), /Original.*says hi/s);
  });

  await step('direct messages are listed on the Messages page', async () => {
    const secret = `between us ${tag}`;
    await ok('POST', '/api/v1/statuses', { token: bobToken, body: { status: `@${alice} ${secret}`, visibility: 'direct' } });
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await page.getByRole('heading', { name: 'Direct messages' }).waitFor();
    const conversation = page.locator('#view section.conversation', { hasText: secret });
    await conversation.waitFor();
    assert.match(await conversation.locator('.conversation-with').textContent(), new RegExp(`@${bob}`));
  });

  await step("someone else's profile has a menu to mute and block them", async () => {
    const mia = `mia_${tag}`;
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    await page.goto(`${base}/@${mia}`);
    const menu = page.locator('#view details.account-menu');
    await menu.locator('summary').click();
    await menu.getByRole('menuitem', { name: `Mute @${mia}` }).click();
    await menu.getByRole('menuitem', { name: `Unmute @${mia}` }).waitFor();
    const [muted] = await ok('GET', `/api/v1/accounts/relationships?id[]=${(await ok('GET', `/api/v1/accounts/lookup?acct=${mia}`)).id}`, { token });
    assert.equal(muted.muting, true);
    await menu.getByRole('menuitem', { name: `Unmute @${mia}` }).click();
    await menu.getByRole('menuitem', { name: `Mute @${mia}` }).waitFor();
    await menu.getByRole('menuitem', { name: `Block @${mia}` }).waitFor();
  });

  await step('the profile editing page saves the display name, bio and avatar', async () => {
    await page.goto(`${base}/@${alice}`);
    await page.getByRole('link', { name: 'Edit profile' }).click();
    await page.getByRole('heading', { name: 'Edit profile' }).waitFor();
    await page.getByLabel('Display name').fill('Alice <b>L</b>');
    await page.getByLabel('Bio').fill(`Curious about ${aliceWord}`);
    await page.getByLabel('Avatar').setInputFiles({ name: 'red.png', mimeType: 'image/png', buffer: Buffer.from(RED_PNG, 'base64') });
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.locator('#toasts').getByText('Profile saved.').waitFor();
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const me = await ok('GET', '/api/v1/accounts/verify_credentials', { token });
    assert.equal(me.display_name, 'Alice <b>L</b>');
    assert.match(me.note, new RegExp(aliceWord));
    assert.doesNotMatch(me.avatar, /missing/, 'the avatar was uploaded');
    await page.goto(`${base}/@${alice}`);
    await page.getByRole('heading', { name: 'Alice <b>L</b>' }).waitFor();
    await page.locator('#view .profile .avatar img').waitFor();
  });

  await step("a mention and the assistant's reply light up the bell, and the Notifications page shows them", async () => {
    const aliceToken = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const badge = page.locator('#bell-slot a.bell .badge');
    await page.locator('#bell-slot a.bell').waitFor();
    const before = Number(await badge.isVisible() ? await badge.textContent() : 0);
    await ok('POST', '/api/v1/statuses', { token: bobToken, body: { status: `@${alice} ping ${tag}`, visibility: 'public' } });
    await page.waitForFunction((n) => document.querySelector('#bell-slot .badge')?.textContent === String(n), before + 1,
      { timeout: WAIT });
    const question = await ok('POST', '/api/v1/statuses', {
      token: aliceToken, body: { status: `@colossus what do people say about ${bobWord}?`, visibility: 'public' },
    });
    // The assistant answers by a reply that mentions Alice: it is counted live, without a reload.
    await page.waitForFunction((n) => document.querySelector('#bell-slot .badge')?.textContent === String(n), before + 2,
      { timeout: 60_000 });
    await page.locator('#bell-slot a.bell').click();
    await page.getByRole('heading', { name: 'Notifications' }).waitFor();
    assert.match(page.url(), /\/notifications$/);
    const mentions = page.locator('#view article.notification-mention');
    await mentions.first().waitFor();
    const reply = mentions.filter({ hasText: '@colossus' }).first();
    await reply.waitFor();
    assert.equal(await reply.locator('article.status').count(), 1, "the assistant's reply is shown");
    const replyId = await reply.locator('article.status').getAttribute('data-status-id');
    const shown = await ok('GET', `/api/v1/statuses/${replyId}`, { token: aliceToken });
    assert.equal(shown.in_reply_to_id, question.id, 'the notification shows the reply to the question');
    await mentions.filter({ hasText: `ping ${tag}` }).first().waitFor();
    await page.waitForFunction(() => document.querySelector('#bell-slot .badge')?.hidden === true, null, { timeout: WAIT });
    // Seen: the marker was stored, so the count stays at zero after a reload.
    await page.waitForFunction(async (token) => {
      const r = await fetch('/api/v1/notifications/unread_count', { headers: { Authorization: `Bearer ${token}` } });
      return (await r.json()).count === 0;
    }, aliceToken, { timeout: WAIT });
    await page.reload();
    await page.locator('#bell-slot a.bell').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await badge.isVisible(), false, 'no unread notifications after a reload');
  });

  await step('an account that approves followers sees Requested, approves and rejects requests, and posts with its default visibility', async () => {
    const aliceToken = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const settings = async (approve, privacy) => {
      await page.goto(`${base}/settings/profile`);
      await page.getByRole('heading', { name: 'Edit profile' }).waitFor();
      await page.getByLabel('Approve followers').setChecked(approve);
      await page.getByLabel('Who sees new posts by default').selectOption(privacy);
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.locator('#toasts').getByText('Profile saved.').last().waitFor();
    };
    await settings(true, 'private');
    const me = await ok('GET', '/api/v1/accounts/verify_credentials', { token: aliceToken });
    assert.equal(me.locked, true);
    assert.equal(me.source.privacy, 'private');
    await page.goto(`${base}/`);
    assert.equal(await page.locator('#compose-slot select[name=visibility]').inputValue(), 'private',
      'a new post starts with the default visibility');

    // Following a locked account asks it: the button reads Requested, and a click withdraws the request.
    const kim = `lockedkim_${tag}`;
    const kimToken = await signUpOverApi(kim);
    await ok('PATCH', '/api/v1/accounts/update_credentials', { token: kimToken, body: { locked: 'true' } });
    await ok('POST', '/api/v1/statuses', { token: kimToken, body: { status: 'kim was here' } });
    await page.goto(`${base}/@${kim}`);
    await page.getByRole('button', { name: `Follow @${kim}` }).click();
    await page.getByRole('button', { name: `Withdraw the follow request to @${kim}` }).waitFor();
    assert.equal((await ok('GET', '/api/v1/follow_requests', { token: kimToken })).length, 1);
    await page.getByRole('button', { name: `Withdraw the follow request to @${kim}` }).click();
    await page.getByRole('button', { name: `Follow @${kim}` }).waitFor();
    assert.equal((await ok('GET', '/api/v1/follow_requests', { token: kimToken })).length, 0);

    // Two people ask to follow Alice: one is approved from Notifications, the other rejected on Follow requests.
    const [carol, dan] = [`asker_one_${tag}`, `asker_two_${tag}`];
    const carolToken = await signUpOverApi(carol);
    const danToken = await signUpOverApi(dan);
    for (const t of [carolToken, danToken]) {
      const rel = await ok('POST', `/api/v1/accounts/${me.id}/follow`, { token: t });
      assert.equal(rel.requested, true);
    }
    await page.goto(`${base}/notifications`);
    const request = page.locator('#view article.notification-follow_request', { hasText: carol });
    await request.getByRole('button', { name: `Approve @${carol}` }).click();
    await request.getByText(`@${carol} now follows you.`).waitFor();
    const [carolRel] = await ok('GET', `/api/v1/accounts/relationships?id[]=${me.id}`, { token: carolToken });
    assert.equal(carolRel.following, true);
    await page.getByRole('link', { name: 'Follow requests' }).click();
    await page.getByRole('heading', { name: 'Follow requests' }).waitFor();
    const row = page.locator('#view ul.follow-requests li.person', { hasText: dan });
    assert.equal(await page.locator('#view ul.follow-requests li.person', { hasText: carol }).count(), 0, 'an approved request is gone');
    await row.getByRole('button', { name: `Reject @${dan}` }).click();
    await row.getByText(`Request from @${dan} rejected.`).waitFor();
    const [danRel] = await ok('GET', `/api/v1/accounts/relationships?id[]=${me.id}`, { token: danToken });
    assert.equal(danRel.following, false);
    assert.equal(danRel.requested, false);

    await settings(false, 'public');
    assert.equal((await ok('GET', '/api/v1/accounts/verify_credentials', { token: aliceToken })).locked, false);
  });

  await step('a hashtag link opens the tag timeline', async () => {
    await page.goto(`${base}/@${alice}/${alicePostId}`);
    await page.locator('#view article.status.focus a.hashtag', { hasText: '#browsertest' }).click();
    await page.getByRole('heading', { name: '#browsertest' }).waitFor();
    await post(aliceWord).waitFor();
    assert.match(page.url(), /\/tags\/browsertest$/);
  });

  await step('model output is rendered as safe markdown', async () => {
    const html = await page.evaluate(async () => {
      const { renderMarkdown } = await import('/js/markdown.js');
      const box = document.createElement('div');
      box.append(renderMarkdown('**bold** and *it* `x<y`\n\n- one\n- two\n\n[bad](javascript:alert(1)) [good](https://example.com/a) <b>raw</b> [1]',
        { citations: ['https://example.com/@a/42'] }));
      return box.innerHTML;
    });
    assert.match(html, /<strong>bold<\/strong>/);
    assert.match(html, /<em>it<\/em>/);
    assert.match(html, /<code>x&lt;y<\/code>/);
    assert.match(html, /<ul><li>one<\/li><li>two<\/li><\/ul>/);
    assert.doesNotMatch(html, /href="javascript/);
    assert.match(html, /href="https:\/\/example.com\/a"/);
    assert.match(html, /&lt;b&gt;raw&lt;\/b&gt;/);
    assert.match(html, /href="https:\/\/example.com\/@a\/42"[^>]*>\[1\]<\/a>/);
    // `citations` lists the cited posts in the order the answer first cites them: [2] first, then [1].
    const cited = await page.evaluate(async () => {
      const { renderMarkdown } = await import('/js/markdown.js');
      const links = (text, citations) => {
        const box = document.createElement('div');
        box.append(renderMarkdown(text, { citations }));
        return [...box.querySelectorAll('a.cite')].map((a) => `${a.textContent}${a.getAttribute('href')}`);
      };
      return {
        ordered: links('First [2], then [1, 2].', ['https://e.org/@b/20', 'https://e.org/@a/10']),
        numbered: links('See [3].', [{ number: 3, url: 'https://e.org/@c/30' }]),
        mismatched: links('[1] [2] [3]', ['https://e.org/@a/10', 'https://e.org/@b/20']),
      };
    });
    assert.deepEqual(cited.ordered, ['[2]https://e.org/@b/20', '[1]https://e.org/@a/10', '[2]https://e.org/@b/20']);
    assert.deepEqual(cited.numbered, ['[3]https://e.org/@c/30']);
    assert.deepEqual(cited.mismatched, [], 'markers that do not match the citations one to one are not linked');
  });

  await step('"Load more" pages back through a profile with max_id', async () => {
    const token = await signUpOverApi(`carol_${tag}`);
    for (let i = 1; i <= 25; i++) {
      await ok('POST', '/api/v1/statuses', { token, body: { status: `paging post number ${i} of carol` } });
    }
    await page.goto(`${base}/@carol_${tag}`);
    const articles = page.locator('#view article.status');
    await articles.first().waitFor();
    assert.equal(await articles.count(), 20, 'the first page holds 20 posts');
    await page.getByRole('button', { name: 'Load more' }).click();
    await page.locator('#view article.status', { hasText: 'paging post number 1 of carol' }).waitFor();
    const texts = await articles.evaluateAll((list) => list.map((a) => a.querySelector('.content').textContent.trim()));
    assert.equal(texts.length, 25);
    assert.equal(new Set(texts).size, 25, 'no post twice');
    assert.match(texts[0], /number 25 /, 'newest first');
  });

  await step('the SSE parser handles events split anywhere', async () => {
    const events = await page.evaluate(async () => {
      const { createSseParser } = await import('/js/sse.js');
      const seen = [];
      const parser = createSseParser((e) => seen.push(e));
      const stream = ': comment\r\ndata: {"a":1}\r\n\r\nevent: update\ndata: line one\ndata: line two\n\ndata:[DONE]\n\n';
      for (const chunk of stream.match(/[\s\S]{1,3}/g)) parser.push(chunk);
      parser.end();
      return seen;
    });
    assert.deepEqual(events.map((e) => [e.event, e.data]), [
      ['message', '{"a":1}'], ['update', 'line one\nline two'], ['message', '[DONE]']]);
  });

  await step('the chat panel streams a cited answer', async () => {
    let streamed = null;
    page.on('response', (response) => {
      if (response.url().endsWith('/v1/chat/completions')) streamed = response;
    });
    const chat = page.locator('#chat');
    await chat.getByRole('radio', { name: 'Regular' }).click();
    await page.locator('#chat-input').fill(`What are people saying about ${bobWord}?`);
    await page.locator('#chat-send').click();
    const answer = chat.locator('.message.assistant.done').last();
    await answer.waitFor({ timeout: CHAT_WAIT });
    assert.equal(await answer.evaluate((el) => el.classList.contains('failed')), false,
      `the answer failed: ${await answer.textContent()}`);
    assert.ok(streamed, 'the question went to /v1/chat/completions');
    assert.equal(JSON.parse(streamed.request().postData()).stream, true);
    assert.match(streamed.headers()['content-type'] ?? '', /text\/event-stream/);
    assert.ok((await answer.locator('.bubble-body').textContent()).trim().length > 0, 'the answer has text');
    const cited = await answer.locator('a[data-status-id]').evaluateAll((links) => links.map((a) => a.dataset.statusId));
    assert.ok(cited.includes(bobPostId), `the answer cites Bob's post ${bobPostId}; it cites ${JSON.stringify(cited)}`);
    await answer.locator(`.sources a[data-status-id="${bobPostId}"]`).click();
    await page.locator('#view .thread article.status.focus', { hasText: bobWord }).waitFor();
  });

  await step('a logged-in chat is stored and reopens', async () => {
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    const conversations = await ok('GET', '/api/v1/colossus/conversations', { token });
    assert.ok(conversations.some((c) => c.title.includes(bobWord)), 'the question titles a stored conversation');
    const chat = page.locator('#chat');
    await chat.getByRole('button', { name: 'New chat' }).click();
    await chat.locator('details.chat-earlier summary').click();
    await chat.locator('.chat-earlier-list button', { hasText: bobWord }).first().click();
    await chat.locator('.message.user', { hasText: bobWord }).waitFor();
    const reopened = chat.locator('.message.assistant.done').first();
    await reopened.waitFor();
    const cited = await reopened.locator('a[data-status-id]').evaluateAll((links) => links.map((a) => a.dataset.statusId));
    assert.ok(cited.includes(bobPostId), 'the stored answer keeps its citations');
  });

  await step('the chat panel shows a new answer from its start, expands to a wide view, and marks a stopped answer', async () => {
    const chat = page.locator('#chat');
    const log = page.locator('#chat-log');
    for (let i = 0; i < 2; i++) {
      await page.locator('#chat-input').fill(`What are people saying about ${bobWord}?`);
      await page.locator('#chat-send').click();
      await chat.locator('.message.assistant.done').nth(-1).waitFor({ timeout: CHAT_WAIT });
      await page.locator('#chat-send', { hasText: 'Send' }).waitFor({ timeout: CHAT_WAIT });
    }
    const placement = await log.evaluate((el) => {
      const answer = [...el.querySelectorAll('.message.assistant')].at(-1);
      const box = el.getBoundingClientRect();
      return { top: answer.getBoundingClientRect().top - box.top, scrollable: el.scrollHeight > el.clientHeight };
    });
    assert.ok(placement.scrollable, 'two answers overflow the log');
    assert.ok(placement.top >= -1 && placement.top < 60, `the newest answer starts at the top of the log (${placement.top}px)`);

    const narrow = await chat.evaluate((el) => el.getBoundingClientRect().width);
    await chat.getByRole('button', { name: 'Expand' }).click();
    await page.locator('#chat.expanded').waitFor();
    const wide = await chat.evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(wide > narrow * 1.5, `the expanded chat is wide (${narrow}px -> ${wide}px)`);
    await page.keyboard.press('Escape');
    await page.locator('#chat:not(.expanded)').waitFor();
    assert.equal(await chat.getByRole('button', { name: 'Expand' }).getAttribute('aria-expanded'), 'false');

    // Held back by the test, the answer cannot arrive before Stop is pressed.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route('**/v1/chat/completions', async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    try {
      await page.locator('#chat-input').fill('Tell me everything about this network');
      await page.locator('#chat-send').click();
      await page.locator('#chat-send', { hasText: 'Stop' }).click();
      const stopped = chat.locator('.message.assistant.stopped').last();
      await stopped.waitFor();
      assert.match(await stopped.locator('.stopped-note').textContent(), /^Stopped/);
      await page.locator('#chat-send', { hasText: 'Send' }).waitFor();
    } finally {
      release();
      await page.unroute('**/v1/chat/completions');
    }
  });

  await step('an API key made in the user box opens /v1 until it is revoked', async () => {
    await page.locator('#user-box').getByRole('button', { name: 'API keys' }).click();
    const dialog = page.locator('#keys-dialog');
    await dialog.getByLabel('Key name').fill('browser test');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const key = await dialog.getByLabel('New API key').inputValue();
    assert.match(key, /^csk-/);
    assert.equal((await call('GET', '/v1/models', { token: key })).status, 200);
    const row = dialog.locator('.key-list .key', { hasText: 'browser test' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await call('GET', '/v1/models', { token: key })).status, 401);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  // Three accounts post a hashtag nobody used before, two of them like Bob's post: both start trending.
  const risingTag = `rising${tag}`;
  const risingPosts = new Map(); // id -> author's username
  await step('three accounts post a new hashtag', async () => {
    const first = await ok('POST', '/api/v1/statuses', {
      token: bobToken, body: { status: `Everyone is talking about #${risingTag} today`, visibility: 'public' },
    });
    risingPosts.set(first.id, bob);
    // Searchable before the tag trends, so that a story written at once already has a post to cite.
    await untilSearchFinds(risingTag, [first.id], bobToken);
    for (const [name, text] of [
      [`dave_${tag}`, `#${risingTag} is everywhere <img src=x onerror="window.__xss=3">`],
      [`erin_${tag}`, `I keep seeing #${risingTag} in my feed`],
    ]) {
      const token = await signUpOverApi(name);
      const created = await ok('POST', '/api/v1/statuses', { token, body: { status: text, visibility: 'public' } });
      risingPosts.set(created.id, name);
      await ok('POST', `/api/v1/statuses/${first.id}/favourite`, { token });
    }
    await untilSearchFinds(risingTag, [...risingPosts.keys()], bobToken);
  }, { critical: true });
  const [bobRisingId, daveRisingId, erinRisingId] = [...risingPosts.keys()];
  const trends = page.locator('#trends-body');

  await step('the trends panel shows the rising hashtag with its 7-day chart', async () => {
    const [trending] = (await ok('GET', '/api/v1/trends/tags')).filter((t) => t.name === risingTag);
    assert.ok(trending, `GET /api/v1/trends/tags lists #${risingTag}`);
    assert.equal(trending.history.length, 7);
    assert.equal(trending.history.reduce((sum, day) => sum + Number(day.uses), 0), 3, 'three uses this week');
    await page.goto(base + '/public');
    const row = trends.locator('ol.trend-tags li', { has: page.locator('a.hashtag', { hasText: `#${risingTag}` }) });
    await reloadUntil(row, `#${risingTag} in the trends panel`);
    assert.match(await row.textContent(), new RegExp(`${trending.history[0].accounts} people today`));
    // The chart is oldest first; its full-height bars are the busiest days of the history (newest first).
    const heights = await row.locator('svg.sparkline rect').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))));
    assert.equal(heights.length, 7, 'one bar a day');
    const uses = trending.history.map((day) => Number(day.uses)).reverse();
    const busiest = Math.max(...uses);
    assert.deepEqual(heights.map((height) => height === 20), uses.map((n) => n === busiest));
    assert.ok(heights.every((height, i) => uses[i] > 0 || height === 1), 'quiet days are the lowest bars');
    await row.locator('a.hashtag').click();
    await page.getByRole('heading', { name: `#${risingTag}` }).waitFor();
    await post(risingTag).first().waitFor();
    assert.equal(await post(risingTag).count(), 3);
  });

  await step('trending posts are listed and open their thread', async () => {
    const link = trends.locator('.trend-posts a', { hasText: `@${bob}` });
    await reloadUntil(link, "Bob's liked post among the trending posts");
    assert.match(await link.textContent(), new RegExp(risingTag));
    await link.click();
    await page.locator('#view .thread article.status.focus', { hasText: risingTag }).waitFor();
    assert.match(page.url(), new RegExp(`/@${bob}/${bobRisingId}$`));
  });

  await step('Stories tell about the trending hashtag, citing posts that open', async () => {
    const story = trends.locator('.stories article.story', { has: page.locator('a.hashtag', { hasText: `#${risingTag}` }) });
    await reloadUntil(story, `a story about #${risingTag}`);
    const cited = await story.locator('a.cite[data-status-id]').evaluateAll((links) => links.map((a) => a.dataset.statusId));
    assert.ok(cited.length > 0, `the story cites posts: ${await story.textContent()}`);
    assert.ok(cited.every((id) => risingPosts.has(id)), `the story cites only the posts with the tag: ${cited}`);
    assert.equal(await trends.locator('img, script').count(), 0, 'post text in stories stays text');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    const id = cited[0];
    await story.locator(`a.cite[data-status-id="${id}"]`).first().click();
    await page.locator(`#view .thread article.status.focus[data-status-id="${id}"]`).waitFor();
    assert.match(page.url(), new RegExp(`/@${risingPosts.get(id)}/${id}$`));
  });

  await step('Explore shows trending hashtags, Stories at full width, trending posts and who to follow', async () => {
    await page.getByRole('link', { name: 'Explore', exact: true }).click();
    await page.getByRole('heading', { name: 'Explore', level: 1 }).waitFor();
    assert.match(page.url(), /\/explore$/);
    const view = page.locator('#view');
    await view.locator('#explore-tags + * a.hashtag', { hasText: `#${risingTag}` }).waitFor();
    const story = view.locator('.stories article.story', { has: page.locator('a.hashtag', { hasText: `#${risingTag}` }) });
    await story.waitFor();
    const width = await story.evaluate((el) => el.getBoundingClientRect().width);
    const side = await page.locator('#trends').evaluate((el) => el.getBoundingClientRect().width);
    assert.ok(width > side, `a story is wider on Explore (${width}px) than in the side panel (${side}px)`);
    const trending = view.locator(`[role=feed][aria-label="Trending posts"] article.status[data-status-id="${bobRisingId}"]`);
    await trending.waitFor();
    assert.ok(await trending.getByRole('button', { name: /Like|Unlike/ }).count(), 'trending posts are shown in full, with actions');
    const people = view.locator('section.who-to-follow li.person');
    await people.first().waitFor();
    const suggested = await people.locator('.acct').allTextContents();
    assert.ok(suggested.includes(`@dave_${tag}`), `who to follow lists people not followed yet: ${suggested}`);
    assert.ok(!suggested.includes(`@${bob}`), 'not people already followed');
    await people.filter({ hasText: `@dave_${tag}` }).getByRole('button', { name: `Follow @dave_${tag}` }).click();
    await view.getByRole('button', { name: `Unfollow @dave_${tag}` }).waitFor();
    assert.equal(await view.locator('img, script').count(), 0, 'post text on Explore stays text');
    assert.equal(await page.evaluate(() => window.__xss), undefined);
  });

  await step('"Explain this post" shows a cited answer in the chat panel', async () => {
    const erin = risingPosts.get(erinRisingId);
    await page.goto(`${base}/@${erin}/${erinRisingId}`);
    await page.locator('#view article.status.focus').getByRole('button', { name: 'Explain this post' }).click();
    const chat = page.locator('#chat');
    await chat.locator('.message.user', { hasText: `Explain this post by @${erin}` }).waitFor();
    const answer = chat.locator('.message.assistant.done').last();
    await answer.waitFor({ timeout: CHAT_WAIT });
    assert.equal(await answer.evaluate((el) => el.classList.contains('failed')), false,
      `the explanation failed: ${await answer.textContent()}`);
    assert.ok((await answer.locator('.bubble-body').textContent()).trim().length > 0, 'the explanation has text');
    // The related posts are the others with the tag: cited in the text and in the Sources list.
    const cited = await answer.locator('a.cite[data-status-id]').evaluateAll((links) => links.map((a) => a.dataset.statusId));
    const related = [bobRisingId, daveRisingId].filter((id) => cited.includes(id));
    assert.ok(related.length > 0, `the explanation cites the other posts with #${risingTag}; it cites ${JSON.stringify(cited)}`);
    assert.equal(await chat.locator('img, script').count(), 0, 'post text in the explanation stays text');
    await answer.locator(`.sources a[data-status-id="${related[0]}"]`).click();
    await page.locator(`#view .thread article.status.focus[data-status-id="${related[0]}"]`).waitFor();
  });

  await step('log out revokes the token, and log in works again', async () => {
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    await page.locator('#user-box').getByRole('button', { name: 'Log out' }).click();
    await page.locator('#user-box').getByRole('button', { name: 'Sign up' }).waitFor();
    assert.equal((await call('GET', '/api/v1/accounts/verify_credentials', { token })).status, 401);
    await page.locator('#user-box').getByRole('button', { name: 'Log in' }).click();
    const dialog = page.locator('#auth-dialog');
    await dialog.getByLabel('Email').fill(aliceEmail);
    await dialog.getByLabel('Password').fill('wrong password');
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await dialog.locator('.form-error').filter({ hasText: 'Wrong email or password.' }).waitFor();
    await dialog.getByLabel('Password').fill(password);
    await dialog.getByRole('button', { name: 'Log in' }).click();
    await page.locator('#user-box').getByText(`@${alice}`).waitFor();
  });

  await step('a third-party app signs in through /oauth/authorize with PKCE and gets a working token', async () => {
    const callback = 'https://app.example/callback';
    const app = await ok('POST', '/api/v1/apps', {
      body: { client_name: 'Elephant <b>client</b>', redirect_uris: callback, scopes: 'read write' },
    });
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const tab = await context.newPage();
    const violations = [];
    tab.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    let arrived = null;
    await tab.route('https://app.example/**', (route) => {
      arrived = route.request().url();
      return route.fulfill({ status: 200, contentType: 'text/plain', body: 'back in the app' });
    });
    try {
      const query = new URLSearchParams({
        client_id: app.client_id, redirect_uri: callback, response_type: 'code', scope: 'read write', state: 'xyz',
        code_challenge: challenge, code_challenge_method: 'S256',
      });
      await tab.goto(`${base}/oauth/authorize?${query}`);
      await tab.getByRole('heading', { name: 'Sign in to authorize Elephant <b>client</b>' }).waitFor();
      await tab.getByLabel('Email').fill(aliceEmail);
      await tab.getByLabel('Password').fill('wrong password');
      await tab.getByRole('button', { name: 'Authorize' }).click();
      await tab.getByText('Wrong email or password.').waitFor();
      await tab.getByLabel('Password').fill(password);
      await tab.getByRole('button', { name: 'Authorize' }).click();
      await tab.getByText('back in the app').waitFor();
      const back = new URL(arrived);
      assert.equal(back.searchParams.get('state'), 'xyz');
      const token = await ok('POST', '/oauth/token', {
        body: {
          grant_type: 'authorization_code', code: back.searchParams.get('code'), redirect_uri: callback,
          client_id: app.client_id, client_secret: app.client_secret, code_verifier: verifier,
        },
      });
      assert.equal(token.scope, 'read write');
      assert.equal((await ok('GET', '/api/v1/accounts/verify_credentials', { token: token.access_token })).username, alice);
      assert.deepEqual(violations, []);
    } finally {
      await tab.close();
    }
  });

  await step('changing the password in the user box signs every other session out', async () => {
    const app = await ok('POST', '/api/v1/apps', { body: { client_name: 'second device', scopes: 'read' } });
    const other = await ok('POST', '/oauth/token', {
      body: { grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: aliceEmail, password, scope: 'read' },
    });
    await page.locator('#user-box').getByRole('button', { name: 'Change password' }).click();
    const dialog = page.locator('#auth-dialog');
    await dialog.getByLabel('Current password', { exact: true }).fill('not my password');
    await dialog.getByLabel('New password', { exact: true }).fill('an even better password');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.locator('.form-error').filter({ hasText: 'current password is wrong' }).waitFor();
    await dialog.getByLabel('Current password', { exact: true }).fill(password);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    // Earlier steps signed Alice in elsewhere too (a third-party app), so the count is at least this device's one.
    await page.locator('#toasts').getByText(/Password changed; [1-9]\d* other sessions? (was|were) signed out/).waitFor();
    assert.equal((await call('GET', '/api/v1/accounts/verify_credentials', { token: other.access_token })).status, 401);
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('colossus.token')));
    assert.equal((await call('GET', '/api/v1/accounts/verify_credentials', { token })).status, 200);
  });

  await step('the layout fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(base + '/public');
    await page.locator('#view article.status').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    await page.getByRole('button', { name: 'Ask Colossus' }).click();
    await page.locator('#chat-input').waitFor({ state: 'visible' });
  });

  await step('no script errors on the page', async () => {
    assert.deepEqual(pageErrors, []);
  });

  await step('the UI works under its Content-Security-Policy, and no page may frame it', async () => {
    const response = await fetch(base + '/');
    assert.match(response.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.deepEqual(policyViolations, []);
  });
} catch (e) {
  const dir = process.env.COLOSSUS_BROWSER_ARTIFACTS;
  if (dir) {
    await page.screenshot({ path: path.join(dir, 'failure.png'), fullPage: true }).catch(() => {});
    console.log(`     screenshot: ${path.join(dir, 'failure.png')}`);
  }
  process.exitCode = 1;
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
if (failed) process.exitCode = 1;
console.log(`browser test: ${passed} passed, ${failed} failed`);
