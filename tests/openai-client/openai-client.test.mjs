// Colossus's OpenAI-compatible API as OpenAI's official Node client sees it: the client must parse every answer,
// streamed or not, and raise its own error classes for our errors.
// Environment: COLOSSUS_URL (a running server with a model), COLOSSUS_MODEL_ID (that model's id, e.g. stories260K),
// COLOSSUS_API_KEY (a key from the servers' COLOSSUS_API_KEYS; without it the servers must answer loopback clients),
// COLOSSUS_REFERENCE (optional: llama.cpp's greedy reference for "Once upon a time" with this model, a JSON file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import OpenAI from 'openai';

const base = process.env.COLOSSUS_URL;
const modelId = process.env.COLOSSUS_MODEL_ID;
if (!base || !modelId) {
  console.error('openai client test: set COLOSSUS_URL and COLOSSUS_MODEL_ID (tests/openai-client/run does)');
  process.exit(2);
}

// The key goes as Authorization: Bearer, as to OpenAI; a server without keys answers loopback clients whatever it is.
const apiKey = process.env.COLOSSUS_API_KEY ?? 'not-needed';
const client = new OpenAI({ baseURL: `${base}/v1`, apiKey, maxRetries: 0, timeout: 180_000 });
const question = [{ role: 'user', content: 'Tell me a story about a cat.' }];

/** Reads a stream of chat chunks: the text its deltas add up to, the finish reason, the last chunk, the usage. */
async function collect(stream) {
  let text = '';
  let finish = null;
  let last = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks += 1;
    assert.equal(chunk.object, 'chat.completion.chunk');
    if (chunk.usage) usage = chunk.usage;
    const choice = chunk.choices[0];
    if (!choice) continue;
    text += choice.delta?.content ?? '';
    if (choice.finish_reason) {
      finish = choice.finish_reason;
      last = chunk;
    }
  }
  return { text, finish, last, usage, chunks };
}

test('models.list has the assistant in both modes and the loaded model', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  for (const id of ['colossus', 'colossus-fun', modelId]) assert.ok(ids.includes(id), `${id} in ${JSON.stringify(ids)}`);
});

test('chat.completions.create answers as the assistant, with usage and the citations extension', async () => {
  const completion = await client.chat.completions.create({ model: 'colossus', messages: question, max_tokens: 24 });
  assert.equal(completion.object, 'chat.completion');
  assert.equal(completion.model, 'colossus');
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.ok(completion.choices[0].message.content.length > 0, 'the answer has text');
  assert.ok(['stop', 'length'].includes(completion.choices[0].finish_reason));
  assert.ok(completion.usage.prompt_tokens > 0);
  assert.ok(completion.usage.completion_tokens > 0 && completion.usage.completion_tokens <= 24);
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);
  assert.ok(Array.isArray(completion.citations), 'the citations extension is present');
});

test('chat.completions.create streams the fun mode in chunks that add up, ending with a finish reason', async () => {
  const stream = await client.chat.completions.create({
    model: 'colossus-fun', messages: question, max_tokens: 24, stream: true, stream_options: { include_usage: true },
  });
  const { text, finish, last, usage, chunks } = await collect(stream);
  assert.ok(chunks > 2, 'the answer came in several chunks');
  assert.ok(text.length > 0, 'the deltas add up to an answer');
  assert.ok(['stop', 'length'].includes(finish));
  assert.ok(Array.isArray(last.citations), 'the last chunk carries the citations extension');
  assert.ok(usage.completion_tokens > 0 && usage.prompt_tokens > 0);
});

test('the raw model streams exactly what it answers at once (greedy)', async () => {
  const request = { model: modelId, messages: question, max_tokens: 20, temperature: 0 };
  const whole = await client.chat.completions.create(request);
  const streamed = await collect(await client.chat.completions.create({ ...request, stream: true }));
  assert.ok(whole.choices[0].message.content.length > 0);
  assert.equal(streamed.text, whole.choices[0].message.content);
  assert.equal(streamed.finish, whole.choices[0].finish_reason);
  assert.equal(whole.citations, undefined, 'no citations from the raw model');
});

test('completions.create continues raw text on the loaded model', async () => {
  const completion = await client.completions.create({
    model: modelId, prompt: 'Once upon a time', max_tokens: 16, temperature: 0,
  });
  assert.equal(completion.object, 'text_completion');
  const text = completion.choices[0].text;
  assert.ok(text.length > 0);
  assert.equal(completion.choices[0].finish_reason, 'length');
  assert.equal(completion.usage.completion_tokens, 16);
  assert.ok(completion.usage.prompt_tokens > 0);
  if (process.env.COLOSSUS_REFERENCE) {
    const reference = JSON.parse(readFileSync(process.env.COLOSSUS_REFERENCE, 'utf8'));
    assert.ok(reference.greedy.text.startsWith(text), `llama.cpp's greedy text starts with ${JSON.stringify(text)}`);
  }
});

test('embeddings.create gives one unit vector per input, also as base64 the client decodes', async () => {
  const result = await client.embeddings.create({ model: modelId, input: ['A cat sat.', 'A dog ran.'] });
  assert.equal(result.data.length, 2);
  const [a, b] = result.data.map((d) => d.embedding);
  const norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0));
  assert.ok(Math.abs(norm - 1) < 1e-4, `unit length, got ${norm}`);
  assert.equal(a.length, b.length);
  assert.ok(result.usage.prompt_tokens > 0);
  // the client asks for base64 by default when none is given and decodes it itself
  const decoded = await client.embeddings.create({ model: modelId, input: 'A cat sat.' });
  assert.equal(decoded.data[0].embedding.length, a.length);
  assert.ok(Math.abs(decoded.data[0].embedding[0] - a[0]) < 1e-6);
});

test('chat logprobs come back for each token, with the alternatives asked for', async () => {
  const completion = await client.chat.completions.create({
    model: modelId, messages: question, max_tokens: 8, temperature: 0, logprobs: true, top_logprobs: 2,
  });
  const content = completion.choices[0].logprobs.content;
  assert.equal(content.length, completion.usage.completion_tokens);
  assert.equal(content.map((t) => t.token).join(''), completion.choices[0].message.content);
  for (const t of content) assert.equal(t.top_logprobs.length, 2);
});

test('a wrong key is a 401 the client raises as AuthenticationError', { skip: !process.env.COLOSSUS_API_KEY && 'COLOSSUS_API_KEY not set' }, async () => {
  const stranger = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'csk-not-a-key', maxRetries: 0 });
  await assert.rejects(
    stranger.chat.completions.create({ model: 'colossus', messages: question }),
    (error) => {
      assert.ok(error instanceof OpenAI.AuthenticationError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'invalid_api_key');
      return true;
    },
  );
});

test('an unknown model is a 404 the client raises as NotFoundError', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-model', messages: question }),
    (error) => {
      assert.ok(error instanceof OpenAI.NotFoundError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.status, 404);
      assert.equal(error.type, 'invalid_request_error');
      assert.equal(error.code, 'model_not_found');
      assert.equal(error.param, 'model');
      assert.match(error.message, /no-such-model/);
      return true;
    },
  );
});

test('a bad request is a 400 the client raises as BadRequestError', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'colossus', messages: question, temperature: 7 }),
    (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.param, 'temperature');
      return true;
    },
  );
});

// A second server whose model is scripted-model.mjs: it answers every request with the same SVG.
const studioBase = process.env.COLOSSUS_STUDIO_URL;
const studio = studioBase
  ? new OpenAI({ baseURL: `${studioBase}/v1`, apiKey, maxRetries: 0, timeout: 180_000 })
  : null;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('images.generate draws the model\'s SVG as a PNG, as base64 or as a media URL', { skip: !studio && 'COLOSSUS_STUDIO_URL not set' }, async () => {
  const b64 = await studio.images.generate({ prompt: 'a moon over the sea', size: '256x256', response_format: 'b64_json', n: 2 });
  assert.ok(b64.created > 0);
  assert.equal(b64.data.length, 2);
  assert.deepEqual(pngSize(Buffer.from(b64.data[0].b64_json, 'base64')), { width: 256, height: 256 });

  const url = await studio.images.generate({ prompt: 'a moon over the sea', size: '512x512' });
  assert.match(url.data[0].url, /\/media\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.png$/);
  const fetched = await fetch(url.data[0].url);
  assert.equal(fetched.status, 200);
  assert.deepEqual(pngSize(Buffer.from(await fetched.arrayBuffer())), { width: 512, height: 512 });
});

test('images.generate with a bad n is a 400 the client raises as BadRequestError', { skip: !studio && 'COLOSSUS_STUDIO_URL not set' }, async () => {
  await assert.rejects(studio.images.generate({ prompt: 'x', n: 9 }), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError, `got ${error?.constructor?.name}: ${error?.message}`);
    assert.equal(error.param, 'n');
    return true;
  });
});

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'The weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', minLength: 1, maxLength: 12 }, days: { type: 'integer', minimum: 1, maximum: 7 } },
      required: ['city', 'days'],
    },
  },
};

/** Asserts a tool call as the client parsed it has the tool's name and arguments valid for its schema. */
function assertWeatherCall(call) {
  assert.equal(call.type, 'function');
  assert.match(call.id, /^call_/);
  assert.equal(call.function.name, 'get_weather');
  const args = JSON.parse(call.function.arguments);
  assert.ok(typeof args.city === 'string' && args.city.length >= 1 && args.city.length <= 12, call.function.arguments);
  assert.ok(Number.isInteger(args.days) && args.days >= 1 && args.days <= 7, call.function.arguments);
}

test('a required tool call comes back as tool_calls with schema-valid arguments', async () => {
  const messages = [{ role: 'user', content: 'What is the weather?' }];
  const done = await client.chat.completions.create({ model: modelId, messages, tools: [weatherTool], tool_choice: 'required', max_tokens: 120 });
  assert.equal(done.choices[0].finish_reason, 'tool_calls');
  assert.equal(done.choices[0].message.content, null);
  assertWeatherCall(done.choices[0].message.tool_calls[0]);
});

/**
 * Streams a chat with the client's own helper (chat.completions.stream), which joins tool-call deltas as it does
 * OpenAI's: returns its final completion and the argument pieces its events reported.
 */
async function streamWithHelper(request) {
  const stream = client.chat.completions.stream({ model: modelId, stream: true, max_tokens: 120, ...request });
  const pieces = [];
  const done = [];
  stream.on('tool_calls.function.arguments.delta', (event) => pieces.push(event));
  stream.on('tool_calls.function.arguments.done', (event) => done.push(event));
  const completion = await stream.finalChatCompletion();
  return { completion, pieces, done };
}

for (const [label, toolChoice] of [['required', 'required'], ['named', { type: 'function', function: { name: 'get_weather' } }]]) {
  test(`a ${label} tool call streams as OpenAI's: the name first, then the arguments in pieces the client joins`, async () => {
    const { completion, pieces, done } = await streamWithHelper({
      messages: [{ role: 'user', content: 'What is the weather?' }], tools: [weatherTool], tool_choice: toolChoice,
    });
    const choice = completion.choices[0];
    assert.equal(choice.finish_reason, 'tool_calls');
    assert.equal(choice.message.tool_calls.length, 1);
    assertWeatherCall(choice.message.tool_calls[0]);
    assert.ok(pieces.length > 2, `the arguments came in ${pieces.length} pieces`);
    assert.equal(pieces.map((p) => p.arguments_delta).join(''), choice.message.tool_calls[0].function.arguments);
    assert.ok(pieces.every((p) => p.name === 'get_weather' && p.index === 0));
    assert.equal(done.length, 1, 'the client saw the call end');
    assert.equal(done[0].arguments, choice.message.tool_calls[0].function.arguments);
  });
}

test('with tool_choice auto the tiny model answers in text, streamed or not, and any call it makes is valid', async () => {
  const request = { messages: [{ role: 'user', content: 'Tell me a story.' }], tools: [weatherTool], seed: 7 };
  const { completion } = await streamWithHelper(request);
  const whole = await client.chat.completions.create({ model: modelId, max_tokens: 120, ...request });
  for (const choice of [completion.choices[0], whole.choices[0]]) {
    if (choice.finish_reason === 'tool_calls') {
      choice.message.tool_calls.forEach(assertWeatherCall);
    } else {
      assert.ok(['stop', 'length'].includes(choice.finish_reason));
      assert.ok(choice.message.content.length > 0);
      assert.ok(!choice.message.content.includes('<tool_call>'));
    }
  }
});

test('response_format json_schema enforces types, enums, required and additional properties, lengths, bounds and arrays', async () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string', minLength: 2, maxLength: 8 },
      kind: { enum: ['cat', 'dog', 'fish'] },
      legs: { type: 'integer', minimum: 0, maximum: 4 },
      weight: { type: 'number', exclusiveMinimum: 0, maximum: 50 },
      indoor: { type: 'boolean' },
      owner: { type: ['string', 'null'], maxLength: 6 },
      tags: { type: 'array', items: { type: 'string', maxLength: 5 }, minItems: 1, maxItems: 3 },
    },
    required: ['name', 'kind', 'legs', 'weight', 'indoor', 'owner', 'tags'],
    additionalProperties: false,
  };
  for (const seed of [1, 2, 3]) {
    const done = await client.chat.completions.create({
      model: modelId, messages: question, max_tokens: 200, seed,
      response_format: { type: 'json_schema', json_schema: { name: 'pet', schema } },
    });
    const content = done.choices[0].message.content;
    assert.equal(done.choices[0].finish_reason, 'stop', content);
    const pet = JSON.parse(content);
    const known = Object.keys(schema.properties);
    assert.ok(Object.keys(pet).every((k) => known.includes(k)), `no other properties: ${content}`);
    assert.ok(pet.name.length >= 2 && pet.name.length <= 8, content);
    assert.ok(['cat', 'dog', 'fish'].includes(pet.kind), content);
    assert.ok(Number.isInteger(pet.legs) && pet.legs >= 0 && pet.legs <= 4, content);
    assert.ok(typeof pet.weight === 'number' && pet.weight > 0 && pet.weight <= 50, content);
    assert.equal(typeof pet.indoor, 'boolean');
    assert.ok(pet.owner === null || (typeof pet.owner === 'string' && pet.owner.length <= 6), content);
    assert.ok(Array.isArray(pet.tags) && pet.tags.length >= 1 && pet.tags.length <= 3, content);
    assert.ok(pet.tags.every((t) => typeof t === 'string' && t.length <= 5), content);
  }
});

test('response_format json_schema gives JSON that conforms, and an unsupported schema is a BadRequestError', async () => {
  const done = await client.chat.completions.create({
    model: modelId, messages: question, max_tokens: 80,
    response_format: { type: 'json_schema', json_schema: { name: 'pet', schema: {
      type: 'object', properties: { kind: { enum: ['cat', 'dog'] }, legs: { type: 'integer', minimum: 0, maximum: 4 } },
      required: ['kind', 'legs'], additionalProperties: false } } },
  });
  assert.equal(done.choices[0].finish_reason, 'stop');
  const pet = JSON.parse(done.choices[0].message.content);
  assert.ok(['cat', 'dog'].includes(pet.kind));
  assert.ok(Number.isInteger(pet.legs) && pet.legs >= 0 && pet.legs <= 4);
  for (const [keyword, schema] of [['pattern', { type: 'string', pattern: '^a$' }], ['format', { type: 'string', format: 'email' }],
    ['uniqueItems', { type: 'array', uniqueItems: true }], ['multipleOf', { type: 'integer', multipleOf: 3 }],
    ['allOf', { allOf: [{ type: 'string' }] }]]) {
    await assert.rejects(client.chat.completions.create({
      model: modelId, messages: question, response_format: { type: 'json_schema', json_schema: { name: 'x', schema } },
    }), (error) => {
      assert.ok(error instanceof OpenAI.BadRequestError, `got ${error?.constructor?.name}: ${error?.message}`);
      assert.equal(error.param, 'response_format');
      assert.match(error.message, new RegExp(`'${keyword}'`));
      return true;
    });
  }
});
