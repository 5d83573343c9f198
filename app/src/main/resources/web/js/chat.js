// The assistant chat panel: regular/fun mode, answers streamed from /v1/chat/completions (OpenAI's SSE chunks),
// citations as links to the cited posts, and "Explain this post". A new answer is scrolled to its start (read from the
// top while it streams), the panel can expand to a wide view, and an answer stopped midway says so. Logged in, the chat is a stored conversation
// (conversation_id: the server keeps the history) and earlier chats can be reopened; logged out, the panel sends the
// recent history with each question.
import { h, replace } from './dom.js';
import { api, errorMessage } from './api.js';
import { session } from './session.js';
import { citationMap, renderMarkdown } from './markdown.js';
import { sseEvents } from './sse.js';
import { excerpt } from './content.js';

const MODE_KEY = 'colossus.chat.mode';
const MODELS = { regular: 'colossus', fun: 'colossus-fun' };
const HISTORY_LIMIT = 20;
const CONVERSATIONS = '/api/v1/colossus/conversations';

/** The id at the end of a cited post's URL. */
function citedStatusId(url) {
  const match = String(url).match(/\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/);
  return match ? match[1] : null;
}

function citationUrl(citation) {
  return typeof citation === 'string' ? citation : citation?.url ?? null;
}

/** A link to a cited post: it opens the post's thread in the app (other links open in a new tab). */
export function citationLink(url, text, kind) {
  const id = citedStatusId(url);
  return h('a', {
    href: url, class: kind ?? null, dataset: id ? { statusId: id } : null,
    target: id ? null : '_blank', rel: 'noopener noreferrer nofollow',
  }, text);
}

/**
 * The list of sources under an answer, numbered as the answer's [n] markers number them; each entry names its
 * post once the post is fetched.
 */
function sourceList(citations, text) {
  const urls = citations.map(citationUrl).filter(Boolean);
  if (!urls.length) return null;
  const numbers = new Map([...citationMap(text, citations)].map(([n, url]) => [url, n]));
  const list = h('ol', { class: 'sources' });
  urls.forEach((url) => {
    const id = citedStatusId(url);
    const label = h('span', null, id ? `Post ${id}` : url);
    list.append(h('li', { value: numbers.get(url) ?? null }, citationLink(url, label, 'source')));
    if (!id) return;
    api(`/api/v1/statuses/${encodeURIComponent(id)}`).then((status) => {
      replace(label, h('strong', null, `@${status.account.acct}`), ` ${excerpt(status.content, 90)}`);
    }).catch(() => {});
  });
  return h('div', { class: 'sources-box' }, h('p', { class: 'sources-title' }, 'Sources'), list);
}

/** An assistant answer bubble that can be redrawn as tokens arrive. */
function answerBubble() {
  const body = h('div', { class: 'bubble-body' }, h('span', { class: 'typing', 'aria-label': 'Thinking' }, '…'));
  const element = h('div', { class: 'message assistant', 'aria-live': 'polite' }, body);
  let text = '';
  let citations = [];
  let scheduled = false;
  let note = null;
  const draw = () => {
    scheduled = false;
    replace(body, renderMarkdown(text, { citations, link: citationLink }), sourceList(citations, text), note);
  };
  return {
    element,
    get text() { return text; },
    append(delta) {
      text += delta;
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(draw);
      }
    },
    finish(finalText, finalCitations) {
      if (finalText != null) text = finalText;
      if (Array.isArray(finalCitations)) citations = finalCitations;
      draw();
      element.classList.add('done');
    },
    setCitations(list) {
      if (Array.isArray(list)) citations = list;
    },
    fail(message) {
      replace(body, h('p', { class: 'form-error' }, message));
      element.classList.add('done', 'failed');
    },
    /** Marks an answer the user stopped: what had arrived stays, with a note that it is cut short. */
    stop() {
      if (element.classList.contains('failed')) return;
      note = h('p', { class: 'stopped-note' }, text ? 'Stopped: the answer was cut short.' : 'Stopped before an answer came.');
      draw();
      element.classList.add('done', 'stopped');
    },
  };
}

function authHeaders() {
  return session.token ? { Authorization: `Bearer ${session.token}` } : {};
}

/** Streams one completion into a bubble. Resolves to the answer text (empty when it failed or was stopped). */
async function streamCompletion({ model, messages, conversationId, bubble, signal }) {
  let response;
  try {
    const body = { model, messages, stream: true };
    if (conversationId) body.conversation_id = conversationId;
    response = await fetch('/v1/chat/completions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', ...authHeaders() },
      body: JSON.stringify(body),
      signal,
    });
  } catch (e) {
    if (e.name !== 'AbortError') bubble.fail('Cannot reach the assistant.');
    return '';
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    // Signed out, on a server that answers only its own machine or keys: the panel needs the user signed in.
    bubble.fail(response.status === 401 && !session.token ? 'Log in to chat with the assistant.'
      : errorMessage(body, response.status));
    return '';
  }
  let citations = null;
  try {
    for await (const event of sseEvents(response.body, signal)) {
      if (event.data === '[DONE]') break;
      let chunk;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        continue;
      }
      if (chunk.error) {
        bubble.fail(errorMessage(chunk, 500));
        return '';
      }
      if (Array.isArray(chunk.citations)) {
        citations = chunk.citations;
        bubble.setCitations(citations);
      }
      const delta = chunk.choices?.[0]?.delta?.content;
      if (delta) bubble.append(delta);
    }
  } catch (e) {
    if (e.name !== 'AbortError') {
      bubble.fail('The answer was cut off.');
      return '';
    }
  }
  bubble.finish(null, citations);
  return bubble.text;
}

/** Builds the chat panel into `root`. Returns { explain(status) }. */
export function createChat(root) {
  let mode = localStorage.getItem(MODE_KEY) === 'fun' ? 'fun' : 'regular';
  let history = [];
  let conversationId = null;
  let controller = null;

  const log = h('div', { class: 'chat-log', id: 'chat-log' },
    h('p', { class: 'muted hint' }, 'Ask what people are talking about (answers cite the posts they come from), or ask for a drawing, a tune or a short clip.'));
  const input = h('textarea', {
    id: 'chat-input', rows: 2, maxlength: 4000, placeholder: 'Ask Colossus…', 'aria-label': 'Message to Colossus',
  });
  const send = h('button', { type: 'submit', class: 'primary', id: 'chat-send' }, 'Send');
  const notice = h('p', { class: 'muted chat-notice', hidden: true });
  const modeButton = (name, label) => h('button', {
    type: 'button', role: 'radio', class: 'mode', 'aria-checked': String(mode === name), dataset: { mode: name },
    onclick: () => setMode(name),
  }, label);
  const modes = h('div', { class: 'mode-toggle', role: 'radiogroup', 'aria-label': 'Assistant mode' },
    modeButton('regular', 'Regular'), modeButton('fun', 'Fun'));
  const form = h('form', { class: 'chat-form' }, input, send);

  function setMode(name) {
    mode = name;
    localStorage.setItem(MODE_KEY, name);
    modes.querySelectorAll('[role=radio]').forEach((b) => b.setAttribute('aria-checked', String(b.dataset.mode === name)));
    root.classList.toggle('fun', name === 'fun');
  }
  setMode(mode);

  const startOver = () => {
    controller?.abort();
    history = [];
    conversationId = null;
    replace(log);
  };
  const clear = h('button', {
    type: 'button', class: 'link', title: 'Start a new conversation', onclick: startOver,
  }, 'New chat');
  const expand = h('button', {
    type: 'button', class: 'ghost chat-expand', 'aria-controls': root.id || null, 'aria-expanded': 'false',
    title: 'Show the chat wide',
  }, 'Expand');
  const setExpanded = (on) => {
    root.classList.toggle('expanded', on);
    document.body.classList.toggle('chat-expanded', on);
    expand.textContent = on ? 'Shrink' : 'Expand';
    expand.title = on ? 'Back to the side panel' : 'Show the chat wide';
    expand.setAttribute('aria-expanded', String(on));
  };
  expand.addEventListener('click', () => setExpanded(!root.classList.contains('expanded')));
  root.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && root.classList.contains('expanded')) {
      setExpanded(false);
      expand.focus();
    }
  });
  const earlier = h('ul', { class: 'chat-earlier-list' });
  const past = h('details', { class: 'chat-earlier', hidden: !session.loggedIn },
    h('summary', null, 'Earlier chats'), earlier);
  past.addEventListener('toggle', () => { if (past.open) listConversations(); });
  session.onChange(() => {
    startOver();
    past.open = false;
    past.hidden = !session.loggedIn;
  });

  replace(root,
    h('div', { class: 'chat-head' }, h('h2', { id: 'chat-title' }, 'Ask Colossus'), modes, clear, expand),
    past, notice, log, form);

  const scroll = () => { log.scrollTop = log.scrollHeight; };
  /**
   * Scrolls the log towards `element` (a new answer) starting at its top, to be read from its beginning: as far as
   * the content allows now, and further as the answer grows, until its start reaches the top, unless the reader
   * scrolls meanwhile. Never past its start, so a long answer is not followed to its end.
   */
  const scrollToStart = (element) => {
    let placed = null;
    const place = () => {
      if (placed !== null && Math.abs(log.scrollTop - placed) > 2) return observer.disconnect();
      log.scrollTop = Math.max(0, element.offsetTop - 8);
      placed = log.scrollTop;
      if (placed >= element.offsetTop - 9) observer.disconnect();
    };
    const observer = new MutationObserver(place);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    place();
  };
  const addUser = (...content) => {
    log.querySelector('.hint')?.remove();
    log.append(h('div', { class: 'message user' }, ...content));
    scroll();
  };
  const addBubble = () => {
    const bubble = answerBubble();
    log.append(bubble.element);
    scrollToStart(bubble.element);
    return bubble;
  };

  /** The stored conversation this chat continues, started on the first question; null when logged out. */
  async function conversation() {
    if (!session.loggedIn) return null;
    if (!conversationId) {
      try {
        conversationId = (await api(CONVERSATIONS, { method: 'POST', body: { mode } })).id;
      } catch {
        return null; // No stored conversation could be started: the panel sends the history itself.
      }
    }
    return conversationId;
  }

  async function listConversations() {
    replace(earlier, h('li', { class: 'muted' }, 'Loading…'));
    let items;
    try {
      items = await api(`${CONVERSATIONS}?limit=20`);
    } catch (e) {
      replace(earlier, h('li', { class: 'form-error' }, e.message));
      return;
    }
    if (!items.length) replace(earlier, h('li', { class: 'muted' }, 'No earlier chats.'));
    else replace(earlier, ...items.map((c) => h('li', null,
      h('button', { type: 'button', class: 'link', onclick: () => reopen(c.id) }, c.title || 'Untitled chat'),
      ' ', h('button', {
        type: 'button', class: 'link muted', 'aria-label': `Delete ${c.title || 'chat'}`,
        onclick: async () => {
          await api(`${CONVERSATIONS}/${encodeURIComponent(c.id)}`, { method: 'DELETE' }).catch(() => {});
          if (conversationId === c.id) startOver();
          listConversations();
        },
      }, '×'))));
  }

  async function reopen(id) {
    let stored;
    try {
      stored = await api(`${CONVERSATIONS}/${encodeURIComponent(id)}`);
    } catch (e) {
      notice.textContent = e.message;
      notice.hidden = false;
      return;
    }
    startOver();
    conversationId = stored.id;
    setMode(stored.mode === 'fun' ? 'fun' : 'regular');
    let last = null;
    for (const message of stored.messages) {
      if (message.role === 'user') addUser(message.content);
      else {
        last = addBubble();
        last.finish(message.content, message.citations);
      }
    }
    if (last) scrollToStart(last.element);
    past.open = false;
  }

  const busy = (on) => {
    send.textContent = on ? 'Stop' : 'Send';
    send.classList.toggle('stop', on);
    root.classList.toggle('busy', on);
  };

  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (controller) {
      controller.abort();
      return;
    }
    const question = input.value.trim();
    if (!question) return;
    input.value = '';
    addUser(question);
    history.push({ role: 'user', content: question });
    const bubble = addBubble();
    controller = new AbortController();
    const { signal } = controller;
    busy(true);
    try {
      const id = await conversation();
      const answer = await streamCompletion({
        model: MODELS[mode],
        messages: id ? [{ role: 'user', content: question }] : history.slice(-HISTORY_LIMIT),
        conversationId: id, bubble, signal,
      });
      if (signal.aborted) bubble.stop();
      if (answer) history.push({ role: 'assistant', content: answer });
      else history.pop();
    } finally {
      controller = null;
      busy(false);
    }
  });

  return {
    async explain(status) {
      root.closest('.side-column')?.classList.add('open');
      addUser('Explain this post by ', h('strong', null, `@${status.account.acct}`), ':',
        h('blockquote', null, excerpt(status.content, 200)));
      const bubble = addBubble();
      try {
        const answer = await api('/api/v1/colossus/explain', { method: 'POST', body: { status_id: status.id } });
        bubble.finish(answer?.text ?? '', answer?.citations ?? []);
      } catch (e) {
        bubble.fail(e.message);
      }
      scrollToStart(bubble.element);
    },
  };
}
