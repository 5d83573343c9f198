package dev.colossus.engine;

import dev.colossus.engine.grammar.ConstrainedDecoder;
import dev.colossus.engine.grammar.TokenTrie;
import dev.colossus.engine.model.Batch;
import dev.colossus.engine.model.LlamaModel;
import dev.colossus.engine.sample.Sampler;
import dev.colossus.engine.tokenizer.Tokenizer;
import dev.colossus.engine.tokenizer.Utf8Accumulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The thread that runs the model for all sessions. Each step it gathers the next token of every decoding job plus
 * prompt chunks of jobs still in prefill (up to {@code maxBatchTokens} rows), runs one forward pass, and samples,
 * detokenizes and streams each job's token. Only this thread touches the model's workspace and the jobs' state.
 */
final class BatchScheduler implements AutoCloseable {

    /** Tokens sampled for all jobs since start (end-of-generation tokens not counted); read by any thread. */
    private final AtomicLong generatedTokens = new AtomicLong();

    /** One generation's state, owned by the scheduler thread after submission. */
    static final class Job {
        final Session session;
        final GenerationRequest request;
        final int[] prompt;
        final int reused;
        final Sampler sampler;
        /** Null for an unconstrained generation. */
        final ConstrainedDecoder constraint;
        final Generation generation;
        final Utf8Accumulator utf8 = new Utf8Accumulator();
        final StopStrings stops;
        final StringBuilder text = new StringBuilder();
        /** Per generated token, when the request asks for log-probabilities. */
        final List<TokenLogprob> logprobs = new ArrayList<>();
        final long submitted = System.nanoTime();
        int[] generated = new int[16];
        int generatedCount;
        /** Next prompt index to prefill; equals prompt.length once decoding. */
        int prefilled;
        int lastToken;
        int logitIndex;
        long firstTokenAt;

        Job(Session session, GenerationRequest request, int[] prompt, int reused, Sampler sampler, Generation generation,
            Tokenizer tokenizer) {
            this.session = session;
            this.request = request;
            this.prompt = prompt;
            this.reused = reused;
            this.sampler = sampler;
            this.constraint = request.grammar() == null ? null
                    : new ConstrainedDecoder(request.grammar(), TokenTrie.of(tokenizer));
            this.generation = generation;
            this.stops = new StopStrings(request.stopStrings());
            this.prefilled = reused;
        }

        /** Position of the next row this job adds. */
        int position() {
            return prefilled < prompt.length ? prefilled : prompt.length + generatedCount - 1;
        }
    }

    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final int maxBatchTokens;
    private final LinkedBlockingQueue<Job> incoming = new LinkedBlockingQueue<>();
    private final List<Job> active = new ArrayList<>();
    private final Batch batch;
    private final LlamaModel.Workspace workspace;
    private final Thread thread;
    private volatile boolean closed;

    BatchScheduler(LlamaModel model, Tokenizer tokenizer, int maxBatchTokens) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxBatchTokens = maxBatchTokens;
        this.batch = new Batch(maxBatchTokens);
        this.workspace = model.newWorkspace(8);
        this.thread = Thread.ofPlatform().daemon().name("colossus-scheduler").start(this::loop);
    }

    void submit(Job job) {
        if (closed) throw new IllegalStateException("the engine is closed");
        incoming.add(job);
    }

    private void loop() {
        while (!closed) {
            try {
                if (active.isEmpty()) active.add(incoming.take());
                for (Job j; (j = incoming.poll()) != null; ) active.add(j);
                step();
            } catch (InterruptedException e) {
                break;
            } catch (Throwable t) {
                for (Job j : active) fail(j, t);
                active.clear();
            }
        }
        for (Job j : active) finish(j, FinishReason.CANCELLED);
        for (Job j; (j = incoming.poll()) != null; ) finish(j, FinishReason.CANCELLED);
    }

    private void step() {
        active.removeIf(j -> {
            if (!j.generation.isCancelled()) return false;
            finish(j, FinishReason.CANCELLED);
            return true;
        });
        if (active.isEmpty()) return;
        batch.clear();
        int budget = maxBatchTokens;
        for (Job j : active) { // decoding jobs first: their latency is what users see
            j.logitIndex = -1;
            if (j.prefilled == j.prompt.length && budget > 0) {
                j.logitIndex = batch.add(j.session.cache, j.position(), j.lastToken, true);
                budget--;
            }
        }
        for (Job j : active) {
            if (j.prefilled == j.prompt.length) continue;
            int n = Math.min(budget, j.prompt.length - j.prefilled);
            for (int i = 0; i < n; i++) {
                int pos = j.prefilled + i;
                int index = batch.add(j.session.cache, pos, j.prompt[pos], pos == j.prompt.length - 1);
                if (index >= 0) j.logitIndex = index;
            }
            j.prefilled += n;
            budget -= n;
        }
        model.forward(batch, workspace);
        float[] logits = workspace.logits();
        int vocab = model.config().vocabSize();
        active.removeIf(j -> {
            if (j.logitIndex < 0) return false;
            int offset = j.logitIndex * vocab;
            // sampling may change the row in place (penalties, grammar masks): keep the model's own numbers
            float[] raw = j.request.logprobs() < 0 ? null : Arrays.copyOfRange(logits, offset, offset + vocab);
            int token = j.constraint == null ? j.sampler.sample(logits, offset)
                    : j.constraint.choose(j.sampler, logits, offset);
            if (raw != null && token >= 0 && !tokenizer.isEndOfGeneration(token)) {
                j.logprobs.add(TokenLogprob.of(raw, 0, vocab, token, j.request.logprobs()));
            }
            return accept(j, token);
        });
    }

    /** Handles a sampled token; returns true when the job is finished. */
    private boolean accept(Job j, int token) {
        if (j.generatedCount == 0) j.firstTokenAt = System.nanoTime();
        if (token < 0 || tokenizer.isEndOfGeneration(token)) { // -1: the grammar can take no token at all
            finish(j, FinishReason.END_OF_GENERATION);
            return true;
        }
        if (j.generatedCount == j.generated.length) j.generated = Arrays.copyOf(j.generated, j.generatedCount * 2);
        j.generated[j.generatedCount++] = token;
        generatedTokens.incrementAndGet();
        j.sampler.accept(token);
        j.lastToken = token;
        emit(j, j.stops.append(j.utf8.accept(tokenizer.piece(token, false))));
        if (j.stops.stopped()) {
            finish(j, FinishReason.STOP_STRING);
            return true;
        }
        if (j.constraint != null) {
            j.constraint.accept(token);
            if (j.constraint.complete()) {
                finish(j, FinishReason.END_OF_GENERATION);
                return true;
            }
        }
        if (j.generatedCount >= j.request.maxTokens()) {
            finish(j, FinishReason.MAX_TOKENS);
            return true;
        }
        if (j.position() >= j.session.contextLength()) {
            finish(j, FinishReason.CONTEXT_FULL);
            return true;
        }
        return false;
    }

    private static void emit(Job j, String text) {
        j.text.append(text);
        j.generation.emit(text);
    }

    private static void finish(Job j, FinishReason reason) {
        if (!j.stops.stopped()) emit(j, j.stops.append(j.utf8.flush()));
        emit(j, j.stops.flush());
        // the cache holds the prompt as far as prefilled and every generated token but the last
        int inCache = j.prefilled < j.prompt.length ? j.prefilled : j.prompt.length + Math.max(0, j.generatedCount - 1);
        int[] cached = new int[inCache];
        int fromPrompt = Math.min(inCache, j.prompt.length);
        System.arraycopy(j.prompt, 0, cached, 0, fromPrompt);
        System.arraycopy(j.generated, 0, cached, fromPrompt, inCache - fromPrompt);
        j.session.finished(cached);
        long now = System.nanoTime();
        long first = j.generatedCount > 0 ? j.firstTokenAt : now;
        j.generation.complete(new GenerationResult(j.text.toString(), Arrays.copyOf(j.generated, j.generatedCount),
                j.prompt.length, j.reused, reason, first - j.submitted, now - first, j.logprobs));
    }

    private static void fail(Job j, Throwable t) {
        j.session.finished(new int[0]);
        j.generation.fail(t);
    }

    /** Tokens generated for every job since start. */
    long generatedTokens() {
        return generatedTokens.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
