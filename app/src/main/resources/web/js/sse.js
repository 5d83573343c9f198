// Server-Sent Events from a fetch() body (EventSource cannot POST): the parsing rules of the HTML standard.

/** An incremental parser: push(text) as chunks arrive, end() at the close; onEvent({event, data, id}). */
export function createSseParser(onEvent) {
  let buffer = '';
  let data = [];
  let event = '';
  let id = '';

  const dispatch = () => {
    if (data.length) onEvent({ event: event || 'message', data: data.join('\n'), id });
    data = [];
    event = '';
  };

  const line = (text) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return undefined;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
    return undefined;
  };

  return {
    push(chunk) {
      buffer += chunk;
      // A trailing "\r" may be the first half of "\r\n": keep it until the next chunk.
      const lines = buffer.split(/\r\n|\n|\r(?=.)/s);
      buffer = lines.pop();
      lines.forEach(line);
    },
    end() {
      if (buffer) line(buffer.replace(/\r$/, ''));
      buffer = '';
      dispatch();
    },
  };
}

/** Yields the events of a streamed response body. */
export async function* sseEvents(body, signal) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const queue = [];
  const parser = createSseParser((e) => queue.push(e));
  try {
    while (true) {
      if (signal?.aborted) return;
      const { value, done } = await reader.read();
      if (done) break;
      parser.push(value);
      while (queue.length) yield queue.shift();
    }
    parser.end();
    while (queue.length) yield queue.shift();
  } finally {
    reader.cancel().catch(() => {});
  }
}
