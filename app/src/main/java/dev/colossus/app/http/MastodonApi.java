package dev.colossus.app.http;

import dev.colossus.assistant.store.AssistantStoreException;
import dev.colossus.social.PollLimits;
import dev.colossus.social.SocialException;
import dev.colossus.social.Social;
import dev.colossus.social.StoreException;
import dev.colossus.social.auth.OAuthException;
import dev.colossus.social.service.SearchService;
import dev.colossus.social.service.TrendService;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaFormat;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.media.MediaUpload;
import io.javalin.config.JavalinConfig;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.EndpointNotFound;

import java.lang.System.Logger;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Mastodon-compatible client API on a Javalin server: routes, token checks, rate limits, body limits, and
 * errors as Mastodon returns them ({@code {"error": "..."}}, never a stack trace). Install it into a Javalin config
 * with {@link #install}; {@link #close()} ends open streams.
 */
public final class MastodonApi implements AutoCloseable {

    private static final Logger LOG = System.getLogger(MastodonApi.class.getName());
    /** Room in a multipart upload for the fields besides the file (description, focus). */
    static final long MULTIPART_FIELDS_BYTES = 64 * 1024;

    private final Social social;
    private final ApiSettings settings;
    private final ApiContext api;
    private final StreamingRoutes streaming;
    private final WebSocketStreaming webSockets;
    private final RateLimiter perToken;
    private final RateLimiter perIp;
    private final PasswordChecks passwords;

    private final SearchService search;
    private final TrendService trends;

    /**
     * @param search the search service, or null to serve no search routes
     * @param trends the trends service, or null to serve no trends routes
     */
    public MastodonApi(Social social, SearchService search, TrendService trends, ApiSettings settings) {
        this.social = social;
        this.search = search;
        this.trends = trends;
        this.settings = settings;
        this.api = new ApiContext(social, new Auth(social.auth()), settings.publicUrl());
        this.streaming = new StreamingRoutes(api, social.bus(), settings.heartbeat());
        this.webSockets = new WebSocketStreaming(api, social.bus(), settings.heartbeat(), StreamingRoutes.QUEUE);
        this.perToken = new RateLimiter(settings.perTokenLimit(), settings.window());
        this.perIp = new RateLimiter(settings.perIpLimit(), settings.window());
        this.passwords = new PasswordChecks(new PasswordGuard(settings.passwordFailures()), settings.limitLoopback());
    }

    public void install(JavalinConfig c) {
        c.http.maxRequestSize = settings.maxBodyBytes();
        // Multipart bodies carry uploads: as large as the largest file allowed, plus room for the other fields.
        long largestFile = social.media().limits().largestFile();
        c.jetty.multipartConfig.maxFileSize(largestFile, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxTotalRequestSize(largestFile + MULTIPART_FIELDS_BYTES, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
        // ctx.ip() everywhere is the client: the direct peer, or what a trusted proxy says in X-Forwarded-For.
        c.contextResolver.ip = ctx -> settings.trustedProxies().client(ctx.req().getRemoteAddr(),
                Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
        Cors.register(c.routes);
        c.routes.before("/api/*", this::rateLimit);
        c.routes.before("/oauth/*", this::rateLimit);
        c.routes.wsBeforeUpgrade("/api/*", this::rateLimit); // a streaming socket costs a request like any other
        new OAuthRoutes(api, passwords).register(c.routes);
        new AuthorizeRoutes(api, passwords).register(c.routes);
        new PasswordRoutes(api, passwords).register(c.routes);
        if (search != null) new SearchRoutes(api, search).register(c.routes);
        if (trends != null) new TrendRoutes(api, trends).register(c.routes);
        // Before AccountRoutes, whose /api/v1/accounts/{id} would take verify_credentials and update_credentials.
        new ProfileRoutes(api, passwords).register(c.routes);
        new AccountRoutes(api).register(c.routes);
        new SafetyRoutes(api).register(c.routes);
        new ReportRoutes(api).register(c.routes);
        new StatusRoutes(api).register(c.routes);
        new EditRoutes(api).register(c.routes);
        new MediaRoutes(api).register(c.routes);
        new TimelineRoutes(api).register(c.routes);
        new NotificationRoutes(api).register(c.routes);
        new PollRoutes(api).register(c.routes);
        new BookmarkRoutes(api).register(c.routes);
        new ListRoutes(api).register(c.routes);
        new PinRoutes(api).register(c.routes);
        new DirectConversationRoutes(api).register(c.routes);
        new PreferenceRoutes(api).register(c.routes);
        new FollowRequestRoutes(api).register(c.routes);
        new SuggestionRoutes(api).register(c.routes);
        streaming.register(c.routes);
        webSockets.install(c);
        c.routes.get("/api/v1/instance", ctx -> Http.json(ctx, instance(ctx, false)));
        c.routes.get("/api/v2/instance", ctx -> Http.json(ctx, instance(ctx, true)));
        c.routes.get("/api/v1/custom_emojis", ctx -> Http.json(ctx, List.of())); // no custom emoji here

        c.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        c.routes.exception(SocialException.NotFound.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        c.routes.exception(SocialException.Forbidden.class, (e, ctx) -> error(ctx, 403, e.getMessage()));
        c.routes.exception(SocialException.Unauthorized.class, (e, ctx) -> error(ctx, 401, e.getMessage()));
        c.routes.exception(SocialException.Invalid.class, (e, ctx) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.getMessage());
            if (!e.details().isEmpty()) body.put("details", e.details());
            Http.json(ctx, 422, body);
        });
        c.routes.exception(OAuthException.class, (e, ctx) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", e.code());
            body.put("error_description", e.getMessage());
            Http.json(ctx, e.code().equals("invalid_client") ? 401 : e.code().equals("unauthorized_client") ? 403 : 400, body);
        });
        c.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e instanceof EndpointNotFound && ApiPaths.isApi(ctx.path())) ApiPaths.notFound(ctx);
            else error(ctx, e.getStatus(), e.getStatus() == 413 ? "Request body is too large" : e.getMessage());
        });
        c.routes.exception(StoreException.class, MastodonApi::databaseUnavailable);
        c.routes.exception(AssistantStoreException.class, MastodonApi::databaseUnavailable);
        c.routes.exception(Exception.class, (e, ctx) -> {
            LOG.log(Logger.Level.ERROR, "internal error on " + ctx.method() + " " + ctx.path(), e);
            error(ctx, 500, "Internal server error");
        });
        c.routes.error(404, ctx -> {
            if (ApiPaths.isApi(ctx.path()) && !isJson(ctx)) ApiPaths.notFound(ctx);
        });
        c.routes.error(405, ctx -> {
            if (!isJson(ctx)) error(ctx, 405, "Method not allowed");
        });
    }

    private static boolean isJson(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && type.startsWith("application/json") && ctx.result() != null;
    }

    /** The network's or the assistant's database failed: 503, the cause only in the log. */
    private static void databaseUnavailable(RuntimeException e, Context ctx) {
        LOG.log(Logger.Level.ERROR, "database failure on " + ctx.method() + " " + ctx.path(), e);
        error(ctx, 503, "The database is unavailable, try again later");
    }

    private static void error(Context ctx, int status, String message) {
        if (status == 413) Http.discardBody(ctx);
        Http.json(ctx, status, Map.of("error", message));
    }

    /**
     * Counts the request against its verified token's budget, or its client address's when it has no token or one
     * that does not verify (a made-up token buys no budget of its own; the route then answers 401).
     */
    private void rateLimit(Context ctx) {
        long now = System.currentTimeMillis();
        String ip = ctx.ip();
        if (!settings.limitLoopback() && RateLimiter.isLoopback(ip)) return;
        RateLimiter.Decision d = api.auth().verified(ctx)
                .map(grant -> perToken.hit("token:" + grant.tokenId(), now))
                .orElseGet(() -> perIp.hit(RateLimiter.clientKey(ip), now));
        ctx.header("X-RateLimit-Limit", Integer.toString(d.limit()));
        ctx.header("X-RateLimit-Remaining", Integer.toString(d.remaining()));
        ctx.header("X-RateLimit-Reset", MastodonJson.time(d.reset()));
        if (!d.allowed()) {
            ctx.header("Retry-After", Long.toString(Math.max(1, (d.reset().toEpochMilli() - now + 999) / 1000)));
            throw new ApiError(429, "Too many requests");
        }
    }

    private Map<String, Object> instance(Context ctx, boolean v2) {
        String origin = api.origin(ctx);
        String domain = origin.replaceFirst("^https?://", "");
        Map<String, Object> statuses = new LinkedHashMap<>();
        statuses.put("max_characters", social.maxChars());
        statuses.put("max_media_attachments", MediaAttachment.MAX_PER_POST);
        statuses.put("characters_reserved_per_url", 23);
        // Streaming is a WebSocket on this origin: wss:// behind https, ws:// otherwise.
        String streamingOrigin = origin.replaceFirst("^http", "ws");
        Map<String, Object> urls = Map.of("streaming_api", streamingOrigin);
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("urls", Map.of("streaming", streamingOrigin));
        configuration.put("accounts", Map.of("max_featured_tags", 0));
        configuration.put("statuses", statuses);
        configuration.put("media_attachments", mediaConfiguration());
        configuration.put("polls", pollConfiguration());
        Map<String, Object> m = new LinkedHashMap<>();
        if (v2) {
            m.put("domain", domain);
        } else {
            m.put("uri", domain);
            m.put("urls", urls);
        }
        m.put("title", "Colossus");
        m.put("version", "4.3.0 (compatible; Colossus 0.1.0)");
        m.put("description", "A self-hostable microblogging network with a built-in assistant.");
        m.put("languages", List.of("en"));
        m.put("registrations", v2 ? Map.of("enabled", true, "approval_required", false) : true);
        m.put("configuration", configuration);
        return m;
    }

    /** Mastodon's {@code configuration.polls}: the limits new polls are held to (expirations in seconds). */
    private Map<String, Object> pollConfiguration() {
        PollLimits limits = social.polls().limits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_options", limits.maxOptions());
        m.put("max_characters_per_option", limits.maxCharactersPerOption());
        m.put("min_expiration", limits.minExpiration().toSeconds());
        m.put("max_expiration", limits.maxExpiration().toSeconds());
        return m;
    }

    /** Mastodon's {@code configuration.media_attachments}: the accepted types and the limits uploads are held to. */
    private Map<String, Object> mediaConfiguration() {
        MediaLimits limits = social.media().limits();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("supported_mime_types", Arrays.stream(MediaFormat.values()).map(MediaFormat::mime).toList());
        m.put("description_limit", MediaUpload.MAX_DESCRIPTION);
        m.put("image_size_limit", limits.imageBytes());
        m.put("image_matrix_limit", limits.maxPixels());
        m.put("video_size_limit", limits.videoBytes());
        m.put("audio_size_limit", limits.audioBytes());
        m.put("video_frame_rate_limit", 120);
        m.put("video_matrix_limit", limits.maxPixels());
        return m;
    }

    @Override
    public void close() {
        streaming.close();
        webSockets.close();
    }
}
