package dev.colossus.app.cli;

import dev.colossus.app.AssistantConfig;
import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.app.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code colossus serve}: starts the network, the assistant and the APIs on one HTTP port. Its flags are checked
 * (port range and availability, model file, personas file) before the data directory is created or opened.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start Colossus on http://localhost:PORT with its data in DIR.")
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", description = "HTTP port (env COLOSSUS_PORT, default 8080).")
    Integer port;

    @Option(names = "--data", description = "Data directory (env COLOSSUS_DATA, default ./data).")
    Path data;

    @Option(names = "--no-demo", description = "Do not seed a demo network into an empty data directory.")
    boolean noDemo;

    @Option(names = "--demo-live", description = "Keep adding demo posts to show the live stream.")
    boolean demoLive;

    @Option(names = "--model", paramLabel = "FILE.gguf",
            description = "A GGUF model for the assistant, run by the built-in engine (env COLOSSUS_MODEL).")
    Path model;

    @Option(names = "--llm-url", paramLabel = "URL",
            description = "An OpenAI-compatible server's API root for the assistant, e.g. https://api.x.ai/v1 "
                    + "(env COLOSSUS_LLM_URL; key in COLOSSUS_LLM_API_KEY).")
    String llmUrl;

    @Option(names = "--llm-model", paramLabel = "NAME", description = "The model name on that server (env COLOSSUS_LLM_MODEL).")
    String llmModel;

    @Option(names = "--personas", paramLabel = "FILE", description = "Extra assistant personas, YAML or JSON (env COLOSSUS_PERSONAS).")
    Path personas;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 1 || port > 65535)) throw new UserError("--port must be 1 to 65535, got " + port);
        Config config = Config.fromEnvironment()
                .withPort(port)
                .withDataDir(data)
                .withDemo(!noDemo, demoLive);
        AssistantConfig assistant = AssistantConfig.fromEnvironment().withModel(model).withRemote(llmUrl, llmModel)
                .withPersonasFile(personas);
        Colossus colossus = Colossus.start(config, assistant);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            System.err.println("colossus: stopping; requests in flight get up to "
                    + config.ops().stopTimeout().toSeconds() + " s (COLOSSUS_STOP_SECONDS)");
            colossus.close();
        }));
        System.err.println("Colossus is ready on http://localhost:" + colossus.port() + "/");
        colossus.awaitShutdown();
        return 0;
    }
}
