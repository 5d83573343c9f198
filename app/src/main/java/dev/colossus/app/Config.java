package dev.colossus.app;

import dev.colossus.app.http.ApiSettings;
import dev.colossus.app.http.TrustedProxies;
import dev.colossus.social.PollLimits;
import dev.colossus.social.media.MediaLimits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Server configuration. Precedence: command-line flags, then {@code COLOSSUS_*} environment variables, then defaults.
 *
 * @param port     HTTP port ({@code COLOSSUS_PORT}, default 8080; 0 picks a free port)
 * @param dataDir  where the database and search index live ({@code COLOSSUS_DATA}, default {@code ./data})
 * @param demo     seed a demo network into an empty data directory (default true)
 * @param demoLive keep adding demo posts while running (default false)
 * @param db       the database ({@code COLOSSUS_DB_URL}, {@code COLOSSUS_DB_USER}, {@code COLOSSUS_DB_PASSWORD});
 *                 a null URL means SQLite at {@code dataDir/colossus.db}
 * @param api      HTTP API limits ({@code COLOSSUS_PUBLIC_URL}, {@code COLOSSUS_RATE_LIMIT_TOKEN},
 *                 {@code COLOSSUS_RATE_LIMIT_IP}, {@code COLOSSUS_RATE_LIMIT_LOOPBACK}, {@code COLOSSUS_MAX_BODY_BYTES},
 *                 {@code COLOSSUS_TRUSTED_PROXIES}, {@code COLOSSUS_PASSWORD_FAILURES})
 * @param maxChars the longest post ({@code COLOSSUS_MAX_CHARS}, default 500)
 * @param media    media upload limits ({@code COLOSSUS_MEDIA_IMAGE_BYTES}, {@code COLOSSUS_MEDIA_AUDIO_BYTES},
 *                 {@code COLOSSUS_MEDIA_VIDEO_BYTES}, {@code COLOSSUS_MEDIA_MAX_PIXELS}; defaults
 *                 {@link MediaLimits#DEFAULT}); files live in {@code dataDir/media}
 * @param polls    what a poll may be (Mastodon's {@link PollLimits#DEFAULT}: 4 options of 50 characters, 5 minutes to
 *                 a month)
 * @param ops      metrics access and the graceful stop ({@code COLOSSUS_METRICS_TOKEN}, {@code COLOSSUS_METRICS_PORT},
 *                 {@code COLOSSUS_STOP_SECONDS})
 */
public record Config(int port, Path dataDir, boolean demo, boolean demoLive, Db db, ApiSettings api, int maxChars,
                     MediaLimits media, PollLimits polls, Operations ops) {

    /** The folder of {@link #dataDir} that holds uploaded and generated media files. */
    public static final String MEDIA_FOLDER = "media";

    /** Where media files live: {@code dataDir/media}. */
    public Path mediaDir() {
        return dataDir.resolve(MEDIA_FOLDER);
    }

    /** A JDBC database; {@code url} null means the embedded SQLite file. */
    public record Db(String url, String user, String password) {
    }

    /**
     * How the server is watched and stopped.
     *
     * @param metricsToken a secret that opens {@code /metrics} to a scraper sending it as a bearer token, or null
     * @param metricsPort  a port of its own for {@code /metrics} (0 picks a free one), or null for the main port
     * @param stopTimeout  how long a stop waits for requests and streams in flight (default 30 s)
     */
    public record Operations(String metricsToken, Integer metricsPort, Duration stopTimeout) {
        public static final Operations DEFAULT = new Operations(null, null, Duration.ofSeconds(30));
    }

    public static Config fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The defaults, ignoring the environment (tests start from these). */
    public static Config defaults() {
        return fromEnvironment(Map.of());
    }

    static Config fromEnvironment(Map<String, String> env) {
        int port = parsePort("COLOSSUS_PORT", env.getOrDefault("COLOSSUS_PORT", "8080"));
        Path data = Path.of(env.getOrDefault("COLOSSUS_DATA", "data"));
        Db db = new Db(blankToNull(env.get("COLOSSUS_DB_URL")), blankToNull(env.get("COLOSSUS_DB_USER")),
                blankToNull(env.get("COLOSSUS_DB_PASSWORD")));
        if (db.url() != null && !db.url().startsWith("jdbc:sqlite:") && !db.url().startsWith("jdbc:postgresql:")) {
            throw new UserError("COLOSSUS_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, got '" + db.url() + "'");
        }
        ApiSettings d = ApiSettings.defaults();
        String publicUrl = blankToNull(env.get("COLOSSUS_PUBLIC_URL"));
        if (publicUrl != null) {
            if (!publicUrl.matches("https?://[^/\\s]+/?")) {
                throw new UserError("COLOSSUS_PUBLIC_URL must be an origin like https://example.org, got '" + publicUrl + "'");
            }
            publicUrl = publicUrl.replaceFirst("/$", "");
        }
        ApiSettings api = new ApiSettings(publicUrl,
                number(env, "COLOSSUS_RATE_LIMIT_TOKEN", d.perTokenLimit(), 1),
                number(env, "COLOSSUS_RATE_LIMIT_IP", d.perIpLimit(), 1),
                d.window(),
                bool(env, "COLOSSUS_RATE_LIMIT_LOOPBACK", d.limitLoopback()),
                number(env, "COLOSSUS_MAX_BODY_BYTES", (int) d.maxBodyBytes(), 1024),
                d.heartbeat(), trustedProxies(env), number(env, "COLOSSUS_PASSWORD_FAILURES", d.passwordFailures(), 1));
        int maxChars = number(env, "COLOSSUS_MAX_CHARS", 500, 1);
        MediaLimits dm = MediaLimits.DEFAULT;
        MediaLimits media = new MediaLimits(number(env, "COLOSSUS_MEDIA_IMAGE_BYTES", (int) dm.imageBytes(), 1024),
                number(env, "COLOSSUS_MEDIA_AUDIO_BYTES", (int) dm.audioBytes(), 1024),
                number(env, "COLOSSUS_MEDIA_VIDEO_BYTES", (int) dm.videoBytes(), 1024),
                number(env, "COLOSSUS_MEDIA_MAX_PIXELS", (int) dm.maxPixels(), 1), dm.maxSide());
        String metricsToken = blankToNull(env.get("COLOSSUS_METRICS_TOKEN"));
        if (metricsToken != null && metricsToken.length() < 16) {
            throw new UserError("COLOSSUS_METRICS_TOKEN must be at least 16 characters (e.g. from openssl rand -hex 32)");
        }
        String metricsPort = blankToNull(env.get("COLOSSUS_METRICS_PORT"));
        Operations ops = new Operations(metricsToken, metricsPort == null ? null : parsePort("COLOSSUS_METRICS_PORT", metricsPort),
                Duration.ofSeconds(number(env, "COLOSSUS_STOP_SECONDS", (int) Operations.DEFAULT.stopTimeout().toSeconds(), 0)));
        return new Config(port, data, true, false, db, api, maxChars, media, PollLimits.DEFAULT, ops);
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String text = env.get(name);
        if (text == null || text.isBlank()) return fallback;
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new UserError(name + " must be true or false, got '" + text + "'");
        };
    }

    private static TrustedProxies trustedProxies(Map<String, String> env) {
        try {
            return TrustedProxies.parse(env.get("COLOSSUS_TRUSTED_PROXIES"));
        } catch (IllegalArgumentException e) {
            throw new UserError("COLOSSUS_TRUSTED_PROXIES must be comma-separated IP addresses or CIDR blocks: " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static int number(Map<String, String> env, String name, int fallback, int min) {
        String text = env.get(name);
        if (text == null || text.isBlank()) return fallback;
        try {
            int v = Integer.parseInt(text.trim());
            if (v < min) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new UserError(name + " must be a whole number of at least " + min + ", got '" + text + "'");
        }
    }

    private static int parsePort(String name, String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65535) throw new NumberFormatException();
            return port;
        } catch (NumberFormatException e) {
            throw new UserError(name + " must be a port number, got '" + text + "'");
        }
    }

    public Config withPort(Integer port) {
        return port == null ? this : new Config(port, dataDir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    public Config withDataDir(Path dir) {
        return dir == null ? this : new Config(port, dir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    public Config withDemo(boolean demo, boolean live) {
        return new Config(port, dataDir, demo, live, db, api, maxChars, media, polls, ops);
    }

    public Config withDb(Db db) {
        return new Config(port, dataDir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    public Config withApi(ApiSettings api) {
        return new Config(port, dataDir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    public Config withOps(Operations ops) {
        return new Config(port, dataDir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    public Config withMedia(MediaLimits media) {
        return new Config(port, dataDir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    /** Other poll limits (tests shorten the shortest run). */
    public Config withPolls(PollLimits polls) {
        return new Config(port, dataDir, demo, demoLive, db, api, maxChars, media, polls, ops);
    }

    /** The stream heartbeat interval (tests shorten it). */
    public Config withHeartbeat(Duration heartbeat) {
        return withApi(api.withHeartbeat(heartbeat));
    }
}
