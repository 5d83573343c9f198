package dev.colossus.app.http;

import dev.colossus.social.media.Focus;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.media.MediaFormat;
import dev.colossus.social.media.MediaUpload;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Media: uploads ({@code POST /api/v2/media} and the older {@code /api/v1/media}, multipart with {@code file},
 * {@code description} and {@code focus}), the uploader's view and edits of an unattached upload
 * ({@code GET} and {@code PUT /api/v1/media/:id}), and the stored files under {@code /media/} with long-lived,
 * immutable caching (a file's name is its content's hash) and byte ranges for players.
 */
final class MediaRoutes {

    private static final String CACHE = "public, max-age=31536000, immutable";
    private final ApiContext api;

    MediaRoutes(ApiContext api) {
        this.api = api;
    }

    void register(RoutesConfig r) {
        r.post("/api/v2/media", this::upload);
        r.post("/api/v1/media", this::upload);
        r.get("/api/v1/media/{id}", ctx -> Http.json(ctx, api.render(ctx).media(
                api.social().media().get(user(ctx), Params.parseId(ctx.pathParam("id"), "id")))));
        r.put("/api/v1/media/{id}", this::update);
        r.get("/media/{a}/{b}/{name}", this::file);
    }

    private long user(Context ctx) {
        return api.auth().user(ctx, "write:media").accountId();
    }

    private void upload(Context ctx) throws IOException {
        long account = user(ctx);
        byte[] data = uploaded(ctx, "file", api.social().media().limits().largestFile());
        if (data == null) throw new ApiError(422, "Validation failed: a file is required (multipart form field \"file\")");
        MediaAttachment m = api.social().media().upload(account, new MediaUpload(data, ctx.formParam("description"),
                Focus.parse(ctx.formParam("focus"))));
        Http.json(ctx, api.render(ctx).media(m));
    }

    /**
     * The bytes of the multipart file field {@code name}, or null when the request is not multipart or has no such
     * field; the rest of the form is parsed too, so {@code formParam} answers afterwards.
     *
     * @throws ApiError 413 for a body over {@code largest} bytes plus room for the other fields, 400 for a malformed one
     */
    static byte[] uploaded(Context ctx, String name, long largest) throws IOException {
        if (ctx.contentLength() > largest + MastodonApi.MULTIPART_FIELDS_BYTES) throw tooLarge(largest);
        UploadedFile file;
        try {
            file = ctx.isMultipartFormData() ? ctx.uploadedFile(name) : null;
            ctx.formParamMap();
        } catch (RuntimeException e) { // Jetty's multipart parser: limits exceeded (a body without a length) or malformed
            throw exceeded(e) ? tooLarge(largest) : ApiError.badRequest("The multipart body is malformed");
        }
        if (file == null) return null;
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        }
    }

    private static ApiError tooLarge(long largest) {
        return new ApiError(413, "Request body is too large (files may have at most " + largest + " bytes)");
    }

    private static boolean exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("exceeded")) return true;
        }
        return false;
    }

    private void update(Context ctx) {
        long account = user(ctx);
        Params p = Params.of(ctx);
        String focus = p.string("focus");
        MediaAttachment m = api.social().media().update(account, Params.parseId(ctx.pathParam("id"), "id"),
                p.string("description"), focus == null ? null : Focus.parse(focus));
        Http.json(ctx, api.render(ctx).media(m));
    }

    private void file(Context ctx) throws IOException {
        String path = ctx.pathParam("a") + "/" + ctx.pathParam("b") + "/" + ctx.pathParam("name");
        Path file = MediaFiles.isValidPath(path) ? api.social().media().file(path).orElse(null) : null;
        if (file == null) {
            ctx.status(404).contentType("text/plain; charset=utf-8").result("Not found");
            return;
        }
        String name = ctx.pathParam("name");
        String mime = MediaFormat.ofExtension(name.substring(name.lastIndexOf('.') + 1)).mime();
        ctx.header("Cache-Control", CACHE);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.writeSeekableStream(Files.newInputStream(file), mime, Files.size(file));
    }
}
