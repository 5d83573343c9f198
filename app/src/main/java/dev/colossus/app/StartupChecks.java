package dev.colossus.app;

import dev.colossus.assistant.persona.Personas;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;

/**
 * What {@link Colossus#start} checks before it creates or opens anything in the data directory, so that a mistyped
 * flag leaves no half-made data directory behind: the ports are free, the data directory is not a file, the model
 * file is GGUF, one model source is chosen, the personas file reads. Each problem is a {@link UserError} naming it.
 */
final class StartupChecks {

    private StartupChecks() {
    }

    static void run(Config config, AssistantConfig assistant) {
        requireFreePort(config.port(), "--port / COLOSSUS_PORT");
        if (config.ops().metricsPort() != null) requireFreePort(config.ops().metricsPort(), "COLOSSUS_METRICS_PORT");
        if (Files.exists(config.dataDir()) && !Files.isDirectory(config.dataDir())) {
            throw new UserError("the data directory " + config.dataDir() + " is a file (choose a directory with --data)");
        }
        if (assistant.model() != null && assistant.remoteUrl() != null) {
            throw new UserError("choose one model: a local file (--model / COLOSSUS_MODEL) or a remote server "
                    + "(--llm-url / COLOSSUS_LLM_URL), not both");
        }
        if (assistant.model() != null) ModelBackends.checkGguf(assistant.model());
        if (assistant.remoteUrl() != null && (assistant.remoteModel() == null || assistant.remoteModel().isBlank())) {
            throw new UserError("--llm-url / COLOSSUS_LLM_URL is set but the remote model's name is not "
                    + "(--llm-model / COLOSSUS_LLM_MODEL)");
        }
        if (assistant.personasFile() != null) {
            if (!Files.isRegularFile(assistant.personasFile())) {
                throw new UserError("no personas file at " + assistant.personasFile());
            }
            try {
                Personas.load(assistant.personasFile());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    /** Binds the port as the server will (any address, address reuse on) and lets it go; 0 (any free port) passes. */
    private static void requireFreePort(int port, String option) {
        if (port == 0) return;
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new UserError(reason.contains("in use")
                    ? "port " + port + " is already in use by another program (choose another with " + option + ")"
                    : "cannot listen on port " + port + ": " + reason + " (choose another with " + option + ")");
        }
    }
}
