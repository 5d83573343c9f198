package dev.colossus.app;

import dev.colossus.app.http.OpenAiApi;
import dev.colossus.assistant.Assistant;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.Limits;
import dev.colossus.assistant.backend.ChatBackend;
import dev.colossus.assistant.backend.OpenAiCompatibleBackend;
import dev.colossus.assistant.grounding.PostSearch;
import dev.colossus.assistant.persona.Identity;
import dev.colossus.assistant.persona.Personas;

import java.nio.file.Files;
import java.time.Clock;

/** The assistant's part of the composition root: personas, backend, assistant and its HTTP API, built by hand. */
record AssistantParts(Assistant assistant, Personas personas, OpenAiApi api, ChatBackend backend) implements AutoCloseable {

    static AssistantParts build(Config config, AssistantConfig ac, PostSearch search) {
        Identity identity;
        Personas personas;
        try {
            identity = new Identity(ac.name(), ac.handle());
            if (ac.personasFile() != null) {
                if (!Files.isRegularFile(ac.personasFile())) throw new UserError("no personas file at " + ac.personasFile());
                personas = Personas.load(ac.personasFile());
            } else {
                personas = Personas.fromDirectory(config.dataDir());
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        ChatBackend backend = null;
        if (ac.remoteUrl() != null) {
            if (ac.remoteModel() == null || ac.remoteModel().isBlank()) {
                throw new UserError("COLOSSUS_LLM_URL is set but COLOSSUS_LLM_MODEL (the remote model's name) is not");
            }
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
        Assistant assistant = new Assistant(identity, backend, search, limits, Clock.systemUTC());
        return new AssistantParts(assistant, personas, new OpenAiApi(assistant, personas, queue), backend);
    }

    @Override
    public void close() {
        if (backend != null) backend.close();
    }
}
