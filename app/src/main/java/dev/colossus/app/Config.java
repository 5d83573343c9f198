package dev.colossus.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * Server configuration. Precedence: command-line flags, then {@code COLOSSUS_*} environment variables, then defaults.
 *
 * @param port     HTTP port ({@code COLOSSUS_PORT}, default 8080; 0 picks a free port)
 * @param dataDir  where the database and search index live ({@code COLOSSUS_DATA}, default {@code ./data})
 * @param demo     seed a demo network into an empty data directory (default true)
 * @param demoLive keep adding demo posts while running (default false)
 */
public record Config(int port, Path dataDir, boolean demo, boolean demoLive) {

    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static Config fromEnvironment(Map<String, String> env) {
        int port = parsePort(env.getOrDefault("COLOSSUS_PORT", "8080"));
        Path data = Path.of(env.getOrDefault("COLOSSUS_DATA", "data"));
        return new Config(port, data, true, false);
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new UserError("COLOSSUS_PORT must be a port number, got '" + text + "'");
        }
    }

    public Config withPort(Integer port) {
        return port == null ? this : new Config(port, dataDir, demo, demoLive);
    }

    public Config withDataDir(Path dir) {
        return dir == null ? this : new Config(port, dir, demo, demoLive);
    }

    public Config withDemo(boolean demo, boolean live) {
        return new Config(port, dataDir, demo, live);
    }
}
