package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.colossus.app.AssistantConfig;
import dev.colossus.app.StudioConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio over real HTTP with a scripted OpenAI-compatible model that writes ABC (its first tune does not parse, the
 * one it writes after seeing the error does) and decides by a create_media tool call when a message asks for a tune:
 * {@code /api/v1/colossus/studio}, chat answers and mention replies with the media, {@code /v1/images/generations}
 * from a configured image server, and the errors without a model.
 */
class StudioApiTest {

    static final String BROKEN_ABC = "```abc\nX:1\nT:Sea\nM:4/4\nL:1/8\nK:G\nGABc d2B2 | c2A2 (3 B2G2 |]]] Z9/0 ^^^\n```";
    static final String VALID_ABC = "```abc\nX:1\nT:Sea\nM:4/4\nL:1/8\nQ:1/4=160\nK:G\nGABc d2B2 | c2A2 G4 |]\n```";
    private static final Pattern MEDIA_LINK = Pattern.compile("\\[([^\\]]*)]\\((http://localhost:\\d+/media/[0-9a-f/]+\\.(\\w+))\\)");

    static final String BROKEN_SVG = "Here you go:\n```svg\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
            + "<rect width=\"64\" height=\"64\" fill=\"#123\"</svg>\n```";
    static final String VALID_SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\">"
            + "<rect width=\"64\" height=\"64\" fill=\"#123\"/><circle cx=\"40\" cy=\"20\" r=\"8\" fill=\"#ff0\"/></svg>";

    static final String ANIMATED_SVG = "```svg\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
            + "<rect width=\"64\" height=\"64\" fill=\"#000\"/><circle cx=\"8\" cy=\"32\" r=\"6\" fill=\"#fc0\">"
            + "<animate attributeName=\"cx\" from=\"8\" to=\"56\" begin=\"0s\" dur=\"1s\" fill=\"freeze\"/></circle></svg>\n```";

    private final ScriptedModelServer model = new ScriptedModelServer(messages -> {
        String system = messages.get(0).get("content").asText();
        boolean shownError = false;
        for (JsonNode m : messages) shownError |= m.get("content").asText().startsWith("That could not be rendered:");
        if (system.contains("ABC notation")) return shownError ? VALID_ABC : BROKEN_ABC;
        if (system.contains("drawing a picture")) return shownError ? VALID_SVG : BROKEN_SVG;
        if (system.contains("animated clip")) return ANIMATED_SVG;
        return "A written answer.";
    }, messages -> {
        String last = messages.get(messages.size() - 1).get("content").asText();
        if (last.contains("draw")) return "{\"kind\":\"image\",\"prompt\":\"a lighthouse at night\"}";
        return last.contains("tune") ? "{\"kind\":\"music\",\"prompt\":\"a calm tune about the sea\"}" : null;
    });
    private TestServer server = new TestServer(TestServer.newDir(), c -> c,
            AssistantConfig.defaults().withRemote(model.baseUrl(), "scripted"));
    private final List<AutoCloseable> more = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        server.close();
        model.close();
        for (AutoCloseable c : more) c.close();
    }

    /** The requests in which the model was asked to write ABC (not tool decisions, not chat answers). */
    private List<JsonNode> abcRequests() {
        return model.requests.stream().filter(r -> !r.has("tools"))
                .filter(r -> r.get("messages").get(0).get("content").asText().contains("ABC notation")).toList();
    }

    @Test
    void studioMakesAnAudioAttachmentAfterShowingTheModelWhyItsFirstTuneFailedAndItCanBePosted() {
        TestServer.User alice = server.signUp("alice");

        TestServer.Response made = server.postJson("/api/v1/colossus/studio", alice.token(),
                Map.of("kind", "music", "prompt", "a calm tune about the sea"));

        assertThat(made.status()).as(made.raw().body()).isEqualTo(200);
        assertThat(made.json().get("type").asText()).isEqualTo("audio");
        assertThat(made.json().get("description").asText()).isEqualTo("a calm tune about the sea");
        List<JsonNode> tries = abcRequests();
        assertThat(tries).hasSize(2);
        JsonNode retry = tries.get(1).get("messages");
        assertThat(retry.get(retry.size() - 2).get("content").asText()).isEqualTo(BROKEN_ABC);
        assertThat(retry.get(retry.size() - 1).get("content").asText()).startsWith("That could not be rendered: ")
                .hasSizeGreaterThan("That could not be rendered: ".length() + 10);
        byte[] audio = fetch(made.json().get("url").asText());
        assertThat(new String(audio, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");

        TestServer.Response post = server.postJson("/api/v1/statuses", alice.token(),
                Map.of("status", "Listen", "media_ids", List.of(made.json().get("id").asText())));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(200);
        assertThat(post.json().get("media_attachments").get(0).get("id").asText()).isEqualTo(made.json().get("id").asText());
    }

    /** The requests in which the model was asked to write SVG for a picture. */
    private List<JsonNode> svgRequests() {
        return model.requests.stream().filter(r -> !r.has("tools"))
                .filter(r -> r.get("messages").get(0).get("content").asText().contains("drawing a picture")).toList();
    }

    @Test
    void imagesTheModelDrawsAreRenderedAtTheAskedSizeAfterARetryShowingTheError() throws Exception {
        TestServer.Response b64 = server.postJson("/v1/images/generations", null,
                Map.of("prompt", "a lighthouse at night", "size", "320x200", "response_format", "b64_json"));

        assertThat(b64.status()).as(b64.raw().body()).isEqualTo(200);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(b64.json().get("data").get(0).get("b64_json").asText())));
        assertThat(png.getWidth()).isEqualTo(320);
        assertThat(png.getHeight()).isEqualTo(200);
        List<JsonNode> tries = svgRequests();
        assertThat(tries).hasSize(2);
        assertThat(tries.get(0).get("messages").get(0).get("content").asText()).contains("width=\"320\" height=\"200\"");
        JsonNode retry = tries.get(1).get("messages");
        assertThat(retry.get(retry.size() - 1).get("content").asText()).startsWith("That could not be rendered: ");

        TestServer.Response url = server.postJson("/v1/images/generations", null,
                Map.of("prompt", "a lighthouse at night", "size", "64x64"));
        assertThat(url.status()).as(url.raw().body()).isEqualTo(200);
        String link = url.json().get("data").get(0).get("url").asText();
        assertThat(link).matches(Pattern.quote(server.base) + "/media/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\\.png");
        assertThat(ImageIO.read(new ByteArrayInputStream(fetch(link))).getWidth()).isEqualTo(64);
    }

    @Test
    void aMentionAskingForADrawingGetsAReplyWithTheImageAttached() {
        TestServer.User alice = server.signUp("alice");
        String question = server.status(alice, "@colossus draw a lighthouse at night").get("id").asText();

        JsonNode reply = TestServer.eventually(() -> {
            JsonNode d = server.get("/api/v1/statuses/" + question + "/context", alice.token()).json().get("descendants");
            return d.isEmpty() ? null : d.get(0);
        }, r -> r != null);

        assertThat(reply.get("media_attachments")).hasSize(1);
        JsonNode image = reply.get("media_attachments").get(0);
        assertThat(image.get("type").asText()).isEqualTo("image");
        assertThat(image.get("description").asText()).isEqualTo("a lighthouse at night");
        assertThat(fetch(image.get("url").asText())).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void studioMakesAClipFromTheModelsAnimatedSvgAsAnMp4Video() {
        TestServer.User alice = server.signUp("alice");

        TestServer.Response made = server.postJson("/api/v1/colossus/studio", alice.token(),
                Map.of("kind", "video", "prompt", "a ball rolling", "mode", "fun"));

        assertThat(made.status()).as(made.raw().body()).isEqualTo(200);
        assertThat(made.json().get("type").asText()).isEqualTo("video");
        assertThat(made.json().get("url").asText()).endsWith(".mp4");
        byte[] mp4 = fetch(made.json().get("url").asText());
        assertThat(new String(mp4, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        JsonNode asked = model.requests.getLast().get("messages");
        assertThat(asked.get(0).get("content").asText()).contains("SMIL", "bounce");
        assertThat(asked.get(asked.size() - 1).get("content").asText()).isEqualTo("a ball rolling");
    }

    @Test
    void studioRefusesAnUnknownKindAndAnAnonymousCaller() {
        TestServer.User alice = server.signUp("alice");
        TestServer.Response kind = server.postJson("/api/v1/colossus/studio", alice.token(), Map.of("kind", "poem", "prompt", "x"));
        assertThat(kind.status()).isEqualTo(422);
        assertThat(kind.error()).contains("image, music or video");
        assertThat(server.postJson("/api/v1/colossus/studio", null, Map.of("kind", "music", "prompt", "x")).status()).isEqualTo(401);
        assertThat(abcRequests()).isEmpty();
    }

    @Test
    void aChatAnswerToAskingForATuneLinksTheStoredAudio() {
        TestServer.Response r = server.postJson("/v1/chat/completions", null, Map.of("model", "colossus",
                "messages", List.of(Map.of("role", "user", "content", "compose a tune about the sea, please"))));

        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        String content = r.json().get("choices").get(0).get("message").get("content").asText();
        Matcher link = MEDIA_LINK.matcher(content);
        assertThat(link.find()).as(content).isTrue();
        assertThat(link.group(1)).isEqualTo("a calm tune about the sea");
        assertThat(link.group(3)).isEqualTo("wav");
        assertThat(new String(fetch(link.group(2)), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        JsonNode decision = model.requests.stream().filter(q -> q.has("tools")).findFirst().orElseThrow();
        assertThat(decision.get("tools").get(0).get("function").get("name").asText()).isEqualTo("create_media");
    }

    @Test
    void aChatQuestionThatAsksForNoMediaIsAnsweredInWords() {
        TestServer.Response r = server.postJson("/v1/chat/completions", null, Map.of("model", "colossus",
                "messages", List.of(Map.of("role", "user", "content", "what is happening today?"))));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("choices").get(0).get("message").get("content").asText()).isEqualTo("A written answer.");
        assertThat(abcRequests()).isEmpty();
    }

    @Test
    void aMentionAskingForATuneGetsAReplyWithTheAudioAttached() {
        TestServer.User alice = server.signUp("alice");
        String question = server.status(alice, "@colossus compose a tune about the sea").get("id").asText();

        JsonNode reply = TestServer.eventually(() -> {
            JsonNode d = server.get("/api/v1/statuses/" + question + "/context", alice.token()).json().get("descendants");
            return d.isEmpty() ? null : d.get(0);
        }, r -> r != null);

        assertThat(reply.get("account").get("acct").asText()).isEqualTo("colossus");
        assertThat(reply.get("media_attachments")).hasSize(1);
        assertThat(reply.get("media_attachments").get(0).get("type").asText()).isEqualTo("audio");
        String text = server.colossus.social().posts().get(Long.parseLong(reply.get("id").asText()), null).text();
        assertThat(text).startsWith("@alice ").contains("a calm tune about the sea");
    }

    @Test
    void imagesComeFromTheConfiguredImageServerAsUrlsOrBase64AtTheAskedSize() throws Exception {
        ImageServer images = new ImageServer();
        more.add(images);
        server.close();
        server = new TestServer(TestServer.newDir(), c -> c, AssistantConfig.defaults()
                .withStudio(StudioConfig.NONE.withImageServer(images.baseUrl(), "image-key", "painter-1")));

        TestServer.Response b64 = server.postJson("/v1/images/generations", null,
                Map.of("prompt", "a lighthouse at night", "n", 2, "size", "256x128", "response_format", "b64_json"));
        assertThat(b64.status()).as(b64.raw().body()).isEqualTo(200);
        assertThat(b64.json().get("created").asLong()).isPositive();
        assertThat(b64.json().get("data")).hasSize(2);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(b64.json().get("data").get(0).get("b64_json").asText())));
        assertThat(decoded.getWidth()).isEqualTo(256);
        assertThat(decoded.getHeight()).isEqualTo(128);

        TestServer.Response url = server.postJson("/v1/images/generations", null, Map.of("prompt", "a lighthouse at night"));
        assertThat(url.status()).as(url.raw().body()).isEqualTo(200);
        BufferedImage fetched = ImageIO.read(new ByteArrayInputStream(fetch(url.json().get("data").get(0).get("url").asText())));
        assertThat(fetched.getWidth()).isEqualTo(1024);

        JsonNode asked = images.requests.getFirst();
        assertThat(asked.get("model").asText()).isEqualTo("painter-1");
        assertThat(asked.get("prompt").asText()).isEqualTo("a lighthouse at night");
        assertThat(images.keys).containsOnly("Bearer image-key");
    }

    @Test
    void badImageRequestsGetOpenAiErrorsNamingTheParameter() {
        for (Map.Entry<Map<String, Object>, String> bad : Map.<Map<String, Object>, String>of(
                Map.of("n", 1), "prompt",
                Map.of("prompt", "x", "n", 5), "n",
                Map.of("prompt", "x", "size", "huge"), "size",
                Map.of("prompt", "x", "size", "4096x4096"), "size",
                Map.of("prompt", "x", "response_format", "gif"), "response_format").entrySet()) {
            TestServer.Response r = server.postJson("/v1/images/generations", null, bad.getKey());
            assertThat(r.status()).as(bad.toString()).isEqualTo(400);
            assertThat(r.json().get("error").get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(r.json().get("error").get("param").asText()).isEqualTo(bad.getValue());
        }
        assertThat(abcRequests()).isEmpty();
    }

    @Test
    void withoutAnyModelImagesAndStudioAre503SayingWhatToConfigure() {
        server.close();
        server = new TestServer(TestServer.newDir(), c -> c, AssistantConfig.defaults());
        TestServer.User alice = server.signUp("alice");

        TestServer.Response images = server.postJson("/v1/images/generations", null, Map.of("prompt", "a lighthouse"));
        assertThat(images.status()).isEqualTo(503);
        assertThat(images.json().get("error").get("message").asText())
                .contains("--model", "COLOSSUS_LLM_URL", "COLOSSUS_IMAGE_URL");
        TestServer.Response studio = server.postJson("/api/v1/colossus/studio", alice.token(),
                Map.of("kind", "image", "prompt", "a lighthouse"));
        assertThat(studio.status()).isEqualTo(503);
        assertThat(studio.error()).contains("--model", "COLOSSUS_LLM_URL");
    }

    private byte[] fetch(String url) {
        try {
            HttpResponse<byte[]> r = server.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(url).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An OpenAI-compatible image server: a PNG of the asked size, grey, as b64_json. */
    static final class ImageServer implements AutoCloseable {
        final List<JsonNode> requests = new CopyOnWriteArrayList<>();
        final List<String> keys = new CopyOnWriteArrayList<>();
        private final HttpServer http;

        ImageServer() throws IOException {
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.createContext("/v1/images/generations", exchange -> {
                JsonNode request = TestServer.JSON.readTree(exchange.getRequestBody());
                requests.add(request);
                keys.add(exchange.getRequestHeaders().getFirst("Authorization"));
                String[] size = request.get("size").asText().split("x");
                BufferedImage image = new BufferedImage(Integer.parseInt(size[0]), Integer.parseInt(size[1]),
                        BufferedImage.TYPE_INT_RGB);
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ImageIO.write(image, "png", png);
                byte[] body = ("{\"created\":1,\"data\":[{\"b64_json\":\""
                        + Base64.getEncoder().encodeToString(png.toByteArray()) + "\"}]}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            http.start();
        }

        String baseUrl() {
            return "http://127.0.0.1:" + http.getAddress().getPort() + "/v1";
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
