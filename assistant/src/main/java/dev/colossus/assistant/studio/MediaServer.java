package dev.colossus.assistant.studio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.colossus.assistant.backend.BackendException;
import dev.colossus.assistant.backend.Cancellation;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A remote generator of pictures or clips that speaks OpenAI's image API: {@code POST {url}/images/generations} for
 * images, {@code POST {url}/videos/generations} for video, each with the JSON body
 * {@code {"model", "prompt", "n": 1, "size": "WxH", "response_format": "b64_json"}} and the answer
 * {@code {"data": [{"b64_json": "..."}]}}. Images must be PNG or JPEG and decode; clips must be MP4 or GIF. Errors
 * in OpenAI's shape are passed on. Thread-safe.
 */
public final class MediaServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest answer read: a 40 MiB file in base64 and its envelope. */
    private static final int MAX_ANSWER_BYTES = 56 << 20;

    private final MediaKind kind;
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final HttpClient http;

    /**
     * @param kind    {@link MediaKind#IMAGE} or {@link MediaKind#VIDEO}
     * @param baseUrl the API root including its version path, e.g. {@code https://api.openai.com/v1}
     * @param apiKey  sent as {@code Authorization: Bearer}; null or blank for none
     * @param model   sent as {@code model}; null or blank to leave it to the server
     * @throws IllegalArgumentException for music, or a URL that is not http(s)
     */
    public MediaServer(MediaKind kind, URI baseUrl, String apiKey, String model) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (kind == MediaKind.MUSIC) throw new IllegalArgumentException("no remote server makes music");
        String base = baseUrl.toString();
        URI root = URI.create(base.endsWith("/") ? base : base + "/");
        if (!"http".equals(root.getScheme()) && !"https".equals(root.getScheme())) {
            throw new IllegalArgumentException("the " + kind.id() + " server URL must be http or https, got " + baseUrl);
        }
        this.endpoint = root.resolve(kind == MediaKind.IMAGE ? "images/generations" : "videos/generations");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.model = model == null || model.isBlank() ? null : model;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public MediaKind kind() {
        return kind;
    }

    /**
     * Asks the server for one picture or clip.
     *
     * @throws BackendException {@code PROTOCOL} when the answer is not the API's or its file is not an accepted
     *                          format; {@code UNAVAILABLE} when the server fails, cannot be reached or does not
     *                          answer within {@code timeLimit}; the API's own statuses otherwise
     */
    public Media generate(MediaRequest request, Duration timeLimit, Cancellation cancel) {
        ObjectNode body = JSON.createObjectNode();
        if (model != null) body.put("model", model);
        body.put("prompt", request.prompt()).put("n", 1).put("size", request.width() + "x" + request.height())
                .put("response_format", "b64_json");
        HttpRequest.Builder post = HttpRequest.newBuilder(endpoint).timeout(timeLimit)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) post.header("Authorization", "Bearer " + apiKey);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(post.build(), HttpResponse.BodyHandlers.ofByteArray());
        cancel.onCancel(() -> pending.cancel(true));
        HttpResponse<byte[]> response;
        try {
            response = pending.get();
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof HttpTimeoutException ? "did not answer within " + timeLimit.toSeconds() + " s"
                    : "cannot be reached (" + e.getCause().getMessage() + ")";
            throw new BackendException(BackendException.Kind.UNAVAILABLE, where() + " " + why, e.getCause());
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new BackendException(BackendException.Kind.UNAVAILABLE, "making the " + kind.id() + " was cancelled");
        }
        if (response.body().length > MAX_ANSWER_BYTES) {
            throw new BackendException(BackendException.Kind.PROTOCOL, where() + " sent more than " + (MAX_ANSWER_BYTES >> 20) + " MiB");
        }
        JsonNode answer = json(response.body());
        if (response.statusCode() != 200) throw httpError(response.statusCode(), answer);
        JsonNode first = answer == null ? null : answer.path("data").path(0);
        if (first == null || !first.path("b64_json").isTextual()) {
            throw new BackendException(BackendException.Kind.PROTOCOL, where() + " answered without data[0].b64_json");
        }
        byte[] file;
        try {
            file = Base64.getMimeDecoder().decode(first.get("b64_json").asText());
        } catch (IllegalArgumentException e) {
            throw new BackendException(BackendException.Kind.PROTOCOL, where() + " sent b64_json that is not base64");
        }
        String mime = kind == MediaKind.IMAGE ? imageType(file) : videoType(file);
        return new Media(kind, file, mime, null, request.prompt());
    }

    private String imageType(byte[] file) {
        String mime = startsWith(file, 0x89, 'P', 'N', 'G') ? "image/png"
                : startsWith(file, 0xFF, 0xD8, 0xFF) ? "image/jpeg" : null;
        boolean decodes;
        try {
            decodes = mime != null && ImageIO.read(new ByteArrayInputStream(file)) != null;
        } catch (IOException | RuntimeException e) {
            decodes = false;
        }
        if (!decodes) throw new BackendException(BackendException.Kind.PROTOCOL, where() + " sent a file that is not a PNG or JPEG image");
        return mime;
    }

    private String videoType(byte[] file) {
        if (file.length > 12 && file[4] == 'f' && file[5] == 't' && file[6] == 'y' && file[7] == 'p') return "video/mp4";
        if (startsWith(file, 'G', 'I', 'F', '8')) return "image/gif";
        throw new BackendException(BackendException.Kind.PROTOCOL, where() + " sent a file that is not an MP4 or GIF clip");
    }

    private static boolean startsWith(byte[] file, int... magic) {
        if (file.length < magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((file[i] & 0xFF) != magic[i]) return false;
        return true;
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private BackendException httpError(int status, JsonNode answer) {
        String detail = answer != null && answer.path("error").hasNonNull("message")
                ? answer.path("error").get("message").asText() : "HTTP " + status;
        String message = where() + " refused (HTTP " + status + "): " + detail;
        BackendException.Kind k = switch (status) {
            case 400, 413, 422 -> BackendException.Kind.BAD_REQUEST;
            case 401, 403 -> BackendException.Kind.AUTHENTICATION;
            case 404 -> BackendException.Kind.MODEL_NOT_FOUND;
            case 429 -> BackendException.Kind.RATE_LIMITED;
            default -> BackendException.Kind.UNAVAILABLE;
        };
        return new BackendException(k, message);
    }

    private String where() {
        return "the " + kind.id() + " server at " + endpoint;
    }

    @Override
    public void close() {
        http.shutdownNow();
    }
}
