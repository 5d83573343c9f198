package dev.colossus.app.cli;

import dev.colossus.app.ModelBackends;
import dev.colossus.app.StudioConfig;
import dev.colossus.app.UserError;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.ChatMessage;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.Question;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.GenerationOptions;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.assistant.backend.TokenSink;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.SearchMode;
import dev.colossus.assistant.grounding.SearchParameters;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.assistant.persona.Sampling;
import dev.colossus.assistant.studio.FileShelf;
import dev.colossus.assistant.studio.Studio;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code colossus chat}: a conversation with the assistant in the terminal. Lines are read from stdin; each answer
 * streams to stdout as it is written, followed by a blank line; notices go to stderr. It talks to a running Colossus
 * over its OpenAI API (default), to any OpenAI-compatible server ({@code --url}, the persona applied here), or runs a
 * GGUF model itself ({@code --model}). Commands: {@code /mode fun|regular}, {@code /new}, {@code /quit}. Ctrl-C while
 * an answer streams stops it (the model stops writing; the partial answer stays in the conversation, marked
 * {@value #STOPPED}); Ctrl-C at the prompt quits.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat with the assistant in the terminal: type a question, the answer streams back. "
                + "Commands: /mode fun|regular, /new (forget the conversation), /quit. "
                + "Ctrl-C stops the answer being written; Ctrl-C at the prompt quits.")
public final class ChatCommand implements Callable<Integer> {

    /** How an answer stopped with Ctrl-C is marked where it ends. */
    static final String STOPPED = "[stopped]";

    /** Most messages sent with a question: the server fits them into its model's window, but bounds requests. */
    static final int HISTORY_LIMIT = 100;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "http://localhost:8080",
            description = "A running Colossus to talk to (default ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--model", paramLabel = "FILE.gguf", description = "Run this GGUF model here instead of asking a server.")
    Path model;

    @Option(names = "--url", paramLabel = "BASE",
            description = "An OpenAI-compatible API root instead of a Colossus server, e.g. https://api.x.ai/v1.")
    String url;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "The model name on the --url server.")
    String remoteModel;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "Bearer key for --url (or a Colossus API key or access token for --server); env COLOSSUS_LLM_API_KEY.")
    String apiKey;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "regular", description = "regular or fun (default ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--max-tokens", paramLabel = "N", description = "Most tokens per answer (default: the mode's).")
    Integer maxTokens;

    @Option(names = "--ctx", paramLabel = "N", defaultValue = "0", description = "With --model: context window in tokens; 0 = the model's.")
    int contextLength;

    /** Answers the conversation so far in a persona, streaming the answer to the sink; returns its text. */
    private interface Responder extends AutoCloseable {
        String answer(List<ChatMessage> conversation, Persona persona, TokenSink sink, Cancellation cancel);

        @Override
        default void close() {
        }
    }

    @Override
    public Integer call() throws Exception {
        if (model != null && url != null) throw new UserError("choose one: --model (run here) or --url (a remote server)");
        if (maxTokens != null && maxTokens < 1) throw new UserError("--max-tokens must be at least 1");
        Personas personas = Personas.builtin();
        Persona persona = persona(personas, mode);
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (Responder responder = responder()) {
            converse(responder, personas, persona, out);
        }
        return 0;
    }

    private void converse(Responder responder, Personas personas, Persona persona, PrintStream out) throws IOException {
        Console console = System.console();
        boolean terminal = console != null && console.isTerminal();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<ChatMessage> conversation = new ArrayList<>();
        ChatInterrupts interrupts = new ChatInterrupts(() -> {
            if (terminal) out.println();
            out.flush();
            System.exit(0);
        });
        boolean ctrlC = interrupts.install();
        // Ending otherwise (SIGTERM, the terminal closing) also cancels the answer being written: a server stops it.
        Thread cancelOnExit = Thread.ofPlatform().unstarted(interrupts::stopAnswer);
        Runtime.getRuntime().addShutdownHook(cancelOnExit);
        System.err.println("colossus chat: mode " + persona.id() + "; /mode fun|regular, /new, /quit"
                + (ctrlC ? "; Ctrl-C stops an answer, Ctrl-C at the prompt quits" : ""));
        while (true) {
            if (terminal) {
                out.print(persona.id() + "> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) break;
            line = line.strip();
            if (line.isEmpty()) continue;
            if (line.equals("/quit") || line.equals("/exit")) break;
            if (line.equals("/new")) {
                conversation.clear();
                System.err.println("colossus chat: new conversation");
                continue;
            }
            if (line.startsWith("/mode")) {
                String name = line.substring("/mode".length()).strip();
                try {
                    persona = persona(personas, name);
                    System.err.println("colossus chat: mode " + persona.id());
                } catch (UserError e) {
                    System.err.println("colossus chat: " + e.getMessage());
                }
                continue;
            }
            if (line.startsWith("/")) {
                System.err.println("colossus chat: unknown command " + line + " (try /mode fun, /mode regular, /new, /quit)");
                continue;
            }
            conversation.add(ChatMessage.user(line));
            answer(responder, conversation, persona, out, interrupts);
        }
        Runtime.getRuntime().removeShutdownHook(cancelOnExit);
    }

    /**
     * Writes the answer to the conversation's last question as it streams and adds it to the conversation. An answer
     * stopped with Ctrl-C keeps what was written so far, in the conversation too, and is marked [stopped]; a failed
     * one is dropped with its question.
     */
    private static void answer(Responder responder, List<ChatMessage> conversation, Persona persona, PrintStream out,
                               ChatInterrupts interrupts) {
        Cancellation cancel = new Cancellation();
        StringBuilder shown = new StringBuilder();
        interrupts.answering(cancel);
        String answer;
        try {
            answer = responder.answer(recent(conversation), persona, piece -> {
                shown.append(piece);
                out.print(piece);
                out.flush();
            }, cancel);
        } catch (BackendException e) {
            if (!cancel.isCancelled()) {
                out.flush();
                System.err.println("colossus chat: " + e.getMessage());
                conversation.removeLast();
                return;
            }
            answer = shown.toString();
        } finally {
            interrupts.answered();
        }
        if (cancel.isCancelled()) {
            answer = shown.toString();
            out.print((answer.isEmpty() || answer.endsWith("\n") ? "" : " ") + STOPPED);
        }
        out.print("\n\n");
        out.flush();
        if (cancel.isCancelled() && answer.isEmpty()) {
            conversation.removeLast(); // stopped before its first word: the question goes too
        } else {
            conversation.add(ChatMessage.assistant(answer));
        }
    }

    private static List<ChatMessage> recent(List<ChatMessage> conversation) {
        return List.copyOf(conversation.subList(Math.max(0, conversation.size() - HISTORY_LIMIT), conversation.size()));
    }

    private static Persona persona(Personas personas, String name) {
        return personas.find(name.toLowerCase(Locale.ROOT)).orElseThrow(() -> new UserError("unknown mode '" + name
                + "' (known: " + String.join(", ", personas.all().stream().map(Persona::id).toList()) + ")"));
    }

    private Responder responder() {
        String key = apiKey != null ? apiKey : System.getenv("COLOSSUS_LLM_API_KEY");
        if (model != null) return assistant(ModelBackends.local(model, contextLength));
        if (url != null) return assistant(ModelBackends.remote(url, remoteModel, key, 8192, "--url"));
        return colossus(key);
    }

    /**
     * The persona and the context window are handled here: the backend only writes text. Media the assistant makes
     * when asked is saved in the working directory and answered with its path.
     */
    private Responder assistant(ChatBackend backend) {
        Limits limits = new Limits(Limits.DEFAULT.maxPromptTokens(),
                maxTokens != null ? maxTokens : Limits.DEFAULT.maxOutputTokens(), Duration.ofMinutes(10));
        Studio studio = StudioConfig.fromEnvironment(System.getenv()).studio(backend, Identity.DEFAULT);
        Assistant assistant = new Assistant(Identity.DEFAULT, backend, PostSearch.NONE, limits, Clock.systemUTC())
                .withStudio(studio, new FileShelf(Path.of("")));
        return new Responder() {
            @Override
            public String answer(List<ChatMessage> conversation, Persona persona, TokenSink sink, Cancellation cancel) {
                return assistant.answer(new Question(persona, conversation, SearchParameters.defaults(SearchMode.OFF),
                        null, null, maxTokens, List.of(), null), sink, cancel).text();
            }

            @Override
            public void close() {
                studio.close();
                backend.close();
            }
        };
    }

    /** A running Colossus answers as the assistant: its persona, its grounding in the network, its context window. */
    private Responder colossus(String key) {
        URI base = ModelBackends.uri(server.replaceFirst("/+$", "") + "/v1", "--server");
        checkReachable(base, key);
        Map<String, OpenAiCompatibleBackend> models = new HashMap<>();
        return (conversation, persona, sink, cancel) -> {
            OpenAiCompatibleBackend backend = models.computeIfAbsent(Personas.modelId(persona),
                    id -> new OpenAiCompatibleBackend(base, key, id, 8192));
            Sampling s = persona.sampling();
            return backend.chat(conversation, new GenerationOptions(s.temperature(), s.topP(),
                    maxTokens != null ? maxTokens : s.maxTokens(), List.of(), null, Duration.ofMinutes(10)),
                    sink, cancel).text();
        };
    }

    private void checkReachable(URI base, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/models")).timeout(Duration.ofSeconds(20));
        if (key != null && !key.isBlank()) request.header("Authorization", "Bearer " + key);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<Void> r = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 401) {
                throw new UserError(server + " needs an API key or your access token: --api-key KEY (or "
                        + "COLOSSUS_LLM_API_KEY)" + (key == null || key.isBlank() ? "" : "; the one given was refused"));
            }
            if (r.statusCode() != 200) {
                throw new UserError(server + " is not a Colossus assistant (GET /v1/models answered " + r.statusCode() + ")");
            }
        } catch (IOException e) {
            throw new UserError("cannot reach Colossus at " + server + " (start it with ./colossus serve, or chat with "
                    + "a model file: --model FILE.gguf)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted");
        }
    }

}
