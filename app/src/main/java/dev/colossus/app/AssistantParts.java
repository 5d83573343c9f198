package dev.colossus.app;

import dev.colossus.app.http.ApiKeyRoutes;
import dev.colossus.app.http.Auth;
import dev.colossus.app.http.ConversationRoutes;
import dev.colossus.app.http.OpenAiAccess;
import dev.colossus.app.http.OpenAiApi;
import dev.colossus.app.http.StudioRoutes;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.LocalBackend;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.grounding.TrendSource;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.assistant.conversation.Conversations;
import dev.colossus.assistant.mention.MentionResponder;
import dev.colossus.assistant.store.AssistantDatabase;
import dev.colossus.assistant.store.ConversationStore;
import dev.colossus.assistant.studio.SocialMediaShelf;
import dev.colossus.assistant.studio.Studio;
import dev.colossus.social.Account;
import dev.colossus.social.Social;
import io.javalin.config.JavalinConfig;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The assistant's part of the composition root: personas, backend, assistant, the generation queue every answer takes
 * a turn from, stored conversations and the HTTP APIs, built by hand.
 */
record AssistantParts(Assistant assistant, Personas personas, GenerationQueue queue, OpenAiApi api,
                      OpenAiAccess access, ApiKeyRoutes apiKeys, ConversationRoutes conversations,
                      StudioRoutes studioRoutes, Account account, ChatBackend backend, Studio studio)
        implements AutoCloseable {

    /**
     * @param store  the assistant's own database (its conversations)
     * @param origin this server's public origin, for the links to media the assistant makes (read when it makes some)
     */
    static AssistantParts build(Config config, AssistantConfig ac, PostSearch search, TrendSource trends, Social social,
                                AssistantDatabase store, Supplier<String> origin) {
        Identity identity;
        Personas personas;
        try {
            identity = new Identity(ac.name(), ac.handle());
            if (ac.personasFile() != null) {
                personas = Personas.load(ac.personasFile());
            } else {
                personas = Personas.fromDirectory(config.dataDir());
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        ChatBackend backend = null;
        // StartupChecks made sure of one model source, and of the remote model's name.
        if (ac.model() != null) {
            backend = loadLocal(ac.model(), ac.modelContext());
        } else if (ac.remoteUrl() != null) {
            backend = new OpenAiCompatibleBackend(ac.remoteUrl(), ac.remoteApiKey(), ac.remoteModel(), ac.remoteContext());
        }
        Limits limits;
        GenerationQueue queue;
        try {
            limits = new Limits(ac.maxPromptTokens(), ac.maxOutputTokens(), ac.timeLimit());
            queue = new GenerationQueue(Math.max(1, ac.concurrency()), ac.queue(), ac.queueWait());
        } catch (IllegalArgumentException e) {
            throw new UserError("assistant limits: " + e.getMessage());
        }
        // Every network has the assistant's account, so that a mention of it is a mention from the first post on.
        Account account = MentionResponder.assistantAccount(social.accounts(), identity);
        Studio studio = ac.studio().studio(backend, identity);
        Assistant assistant = new Assistant(identity, backend, search, trends, limits, Clock.systemUTC())
                .withStudio(studio, new SocialMediaShelf(social.media(), account.id(), origin));
        Auth auth = new Auth(social.auth());
        Conversations conversations = new Conversations(
                new ConversationStore(store, social::newId, Clock.systemUTC()), assistant, personas);
        OpenAiApi api = new OpenAiApi(assistant, personas, queue, conversations, auth);
        StudioRoutes studioRoutes = new StudioRoutes(studio, queue, social.media(), personas, auth,
                config.api().publicUrl(), account.id());
        OpenAiAccess access = new OpenAiAccess(ac.access(), social.apiKeys(), auth, config.api().maxBodyBytes());
        System.err.println("colossus: " + access.notice());
        if (backend == null) System.err.println("colossus: " + Assistant.NO_MODEL_NOTICE);
        return new AssistantParts(assistant, personas, queue, api, access, new ApiKeyRoutes(auth, social.apiKeys()),
                new ConversationRoutes(auth, config.api().publicUrl(), conversations, personas, queue), studioRoutes,
                account, backend, studio);
    }

    /** Registers the OpenAI API behind its access checks, API keys, the conversations API and the studio's routes. */
    void install(JavalinConfig c) {
        access.install(c);
        api.install(c);
        apiKeys.install(c);
        conversations.install(c);
        studioRoutes.install(c);
    }

    private static ChatBackend loadLocal(Path file, int context) {
        long start = System.nanoTime();
        LocalBackend local = ModelBackends.local(file, context);
        System.err.printf("colossus: loaded %s (%s chat format) in %d ms%n", file.getFileName(),
                local.format().origin(), (System.nanoTime() - start) / 1_000_000);
        return local;
    }

    /** The persona replies and explanations are written in: the regular one (an operator's, if redefined). */
    Persona regular() {
        return personas.find(Persona.REGULAR.id()).orElse(Persona.REGULAR);
    }

    @Override
    public void close() {
        studio.close();
        if (backend != null) backend.close();
    }
}
