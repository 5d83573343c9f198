package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.GenerationQueue;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;
import dev.colossus.assistant.persona.Persona;
import dev.colossus.assistant.persona.Personas;
import dev.colossus.assistant.studio.Media;
import dev.colossus.assistant.studio.MediaKind;
import dev.colossus.assistant.studio.MediaRequest;
import dev.colossus.assistant.studio.SocialMediaShelf;
import dev.colossus.assistant.studio.Studio;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaService;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Media made by the studio over HTTP:
 * <ul>
 * <li>{@code POST /v1/images/generations}, OpenAI's image API: {@code prompt} (required), {@code n} (1 to 4, default
 * 1), {@code size} ({@code WxH}, 16 to 2048 pixels a side, default and {@code auto}: 1024x1024),
 * {@code response_format} ({@code url}, the default: a media URL on this server that expires like any unattached
 * upload; or {@code b64_json}), {@code model} ({@code colossus-fun} draws in the fun persona; anything else in the
 * regular one). The answer is {@code {"created", "data": [{"url" | "b64_json", "revised_prompt"?}]}}; errors are in
 * OpenAI's shape, 503 with what to configure when nothing can make images.</li>
 * <li>{@code POST /api/v1/colossus/studio} with {@code kind} (image, music or video), {@code prompt} and
 * {@code mode} (regular or fun), JSON or form, with a user token of scope {@code write}: the media as the caller's
 * upload, Mastodon's MediaAttachment, to post with {@code media_ids}. Errors are Mastodon's {@code {"error"}}.</li>
 * </ul>
 * Making media takes a turn from the assistant's {@link GenerationQueue} (429 when it is full, 503 after waiting too
 * long).
 */
public final class StudioRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StudioRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIZE = Pattern.compile("(\\d{1,5})x(\\d{1,5})");
    /** Most images one request may ask for. */
    public static final int MAX_IMAGES = 4;

    private final Studio studio;
    private final GenerationQueue queue;
    private final MediaService media;
    private final Personas personas;
    private final Auth auth;
    private final String publicUrl;
    private final long assistantAccountId;

    /** @param assistantAccountId who owns images answered as URLs */
    public StudioRoutes(Studio studio, GenerationQueue queue, MediaService media, Personas personas, Auth auth,
                        String publicUrl, long assistantAccountId) {
        this.studio = studio;
        this.queue = queue;
        this.media = media;
        this.personas = personas;
        this.auth = auth;
        this.publicUrl = publicUrl;
        this.assistantAccountId = assistantAccountId;
    }

    public void install(JavalinConfig c) {
        c.routes.post("/v1/images/generations", this::images);
        c.routes.post("/api/v1/colossus/studio", this::studio);
    }

    // ---- POST /v1/images/generations ----

    private void images(Context ctx) {
        try {
            ObjectNode response = imagesResponse(ctx);
            ctx.contentType("application/json").result(response.toString());
        } catch (OpenAiError e) {
            ctx.status(e.status()).contentType("application/json").result(Http.toJson(e.body()));
        } catch (Exception e) {
            LOG.error("image generation failed", e);
            OpenAiError error = new OpenAiError(500, "server_error", null, null, "The server failed to answer: " + e.getMessage());
            ctx.status(500).contentType("application/json").result(Http.toJson(error.body()));
        }
    }

    private ObjectNode imagesResponse(Context ctx) throws InterruptedException {
        JsonNode body = jsonBody(ctx);
        JsonNode prompt = body.path("prompt");
        if (!prompt.isTextual() || prompt.asText().isBlank()) throw OpenAiError.invalid("prompt", "prompt is required.");
        JsonNode count = body.path("n");
        int n = count.isMissingNode() || count.isNull() ? 1 : count.isIntegralNumber() ? count.asInt() : -1;
        if (n < 1 || n > MAX_IMAGES) throw OpenAiError.invalid("n", "n must be a whole number from 1 to " + MAX_IMAGES + ".");
        String format = body.path("response_format").asText("url");
        if (!format.equals("url") && !format.equals("b64_json")) {
            throw OpenAiError.invalid("response_format", "response_format must be url or b64_json, got '" + format + "'.");
        }
        int[] size = size(body.path("size").asText("1024x1024"));
        Persona persona = personas.forModelId(body.path("model").asText(null)).orElse(regular());
        MediaRequest request;
        try {
            request = new MediaRequest(MediaKind.IMAGE, prompt.asText(), size[0], size[1]);
        } catch (IllegalArgumentException e) {
            throw OpenAiError.invalid("prompt", e.getMessage() + ".");
        }
        List<Media> images = new ArrayList<>();
        try (GenerationQueue.Turn turn = OpenAiError.enter(queue)) {
            for (int i = 0; i < n; i++) images.add(makeForOpenAi(request, persona));
        }
        ObjectNode response = JSON.createObjectNode().put("created", System.currentTimeMillis() / 1000);
        ArrayNode data = response.putArray("data");
        for (Media image : images) {
            ObjectNode item = data.addObject();
            if (format.equals("b64_json")) {
                item.put("b64_json", Base64.getEncoder().encodeToString(image.bytes()));
            } else {
                MediaAttachment stored = media.upload(assistantAccountId, SocialMediaShelf.upload(image));
                item.put("url", SocialMediaShelf.url(Http.origin(ctx, publicUrl), stored));
            }
        }
        return response;
    }

    private static int[] size(String text) {
        if (text.equals("auto")) return new int[]{1024, 1024};
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) throw OpenAiError.invalid("size", "size must be WIDTHxHEIGHT such as 1024x1024, got '" + text + "'.");
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w < 16 || h < 16 || w > MediaRequest.MAX_SIDE || h > MediaRequest.MAX_SIDE) {
            throw OpenAiError.invalid("size", "size must be 16 to " + MediaRequest.MAX_SIDE + " pixels a side, got '" + text + "'.");
        }
        return new int[]{w, h};
    }

    private Media makeForOpenAi(MediaRequest request, Persona persona) {
        try {
            return studio.make(request, persona, new Cancellation());
        } catch (BackendException e) {
            String type = e.kind() == BackendException.Kind.BAD_REQUEST ? "invalid_request_error" : "server_error";
            throw new OpenAiError(e.kind().httpStatus(), type, null, e.kind().name().toLowerCase(Locale.ROOT), e.getMessage());
        }
    }

    private static JsonNode jsonBody(Context ctx) {
        try {
            JsonNode body = JSON.readTree(ctx.bodyAsBytes());
            if (body == null || !body.isObject()) throw OpenAiError.invalid(null, "The request body must be a JSON object.");
            return body;
        } catch (HttpResponseException e) {
            throw OpenAiError.of(e);
        } catch (IOException e) {
            throw OpenAiError.invalid(null, "The request body is not valid JSON.");
        }
    }

    // ---- POST /api/v1/colossus/studio ----

    private void studio(Context ctx) throws InterruptedException {
        long account = auth.user(ctx, "write").accountId();
        Params p = Params.of(ctx);
        MediaRequest request;
        Persona persona;
        try {
            request = MediaRequest.of(MediaKind.parse(required(p, "kind")), required(p, "prompt"));
            String mode = p.string("mode");
            persona = mode == null || mode.isBlank() ? regular() : personas.find(mode.strip().toLowerCase(Locale.ROOT))
                    .orElseThrow(() -> new IllegalArgumentException("unknown mode '" + mode + "'"));
        } catch (IllegalArgumentException e) {
            throw new ApiError(422, "Validation failed: " + e.getMessage());
        }
        Media made;
        try (GenerationQueue.Turn turn = queue.enter()) {
            made = studio.make(request, persona, new Cancellation());
        } catch (GenerationQueue.Busy e) {
            throw new ApiError(e.queueFull() ? 429 : 503, e.getMessage());
        } catch (BackendException e) {
            throw new ApiError(e.kind().httpStatus(), "The studio could not make the " + request.kind().id() + ": "
                    + e.getMessage());
        }
        MediaAttachment stored = media.upload(account, SocialMediaShelf.upload(made));
        Http.json(ctx, new MastodonJson(Http.origin(ctx, publicUrl)).media(stored));
    }

    private static String required(Params p, String name) {
        String value = p.string(name);
        if (value == null || value.isBlank()) throw new ApiError(422, "Missing required parameter: " + name);
        return value;
    }

    private Persona regular() {
        return personas.find(Persona.REGULAR.id()).orElse(Persona.REGULAR);
    }
}
