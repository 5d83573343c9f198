package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.media.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaApiTest {

    /** Small limits, so that a too-large upload is cheap to send. */
    private final TestServer server = new TestServer(c -> c.withMedia(new MediaLimits(200_000, 100_000, 300_000, 4_000_000, 4096)));
    private final TestServer.User ann = server.signUp("ann");
    private final TestServer.User bob = server.signUp("bob");

    @AfterAll
    void stop() {
        server.close();
    }

    /** Uploads a file as a multipart form, with the given file name and declared type. */
    private TestServer.Response upload(String token, byte[] file, String filename, String type, Map<String, String> fields) {
        String boundary = "----colossus" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.base + "/api/v2/media"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (token != null) b.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> r = server.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                    ? TestServer.JSON.readTree(r.body()) : null;
            return new TestServer.Response(r.statusCode(), r, json);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> fetch(String url) throws Exception {
        return server.http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anUploadedPictureIsPostedAndShownWithItsMetadataAndServedImmutable() throws Exception {
        byte[] png = TestMedia.png(600, 300);
        TestServer.Response up = upload(ann.token(), png, "holiday.jpg", "image/jpeg",
                Map.of("description", "A <b>flag</b> & a sky", "focus", "0.5,-0.5"));
        assertThat(up.status()).as(up.raw().body()).isEqualTo(200);
        JsonNode m = up.json();
        assertThat(m.get("type").asText()).isEqualTo("image");
        assertThat(m.get("description").asText()).isEqualTo("A <b>flag</b> & a sky");
        assertThat(m.at("/meta/original/width").asInt()).isEqualTo(600);
        assertThat(m.at("/meta/original/size").asText()).isEqualTo("600x300");
        assertThat(m.at("/meta/original/aspect").asDouble()).isEqualTo(2.0);
        assertThat(m.at("/meta/small/width").asInt()).isEqualTo(400);
        assertThat(m.at("/meta/focus/x").asDouble()).isEqualTo(0.5);
        assertThat(m.get("blurhash").asText()).hasSize(36);
        assertThat(m.get("url").asText()).startsWith(server.base + "/media/").endsWith(".png");

        HttpResponse<byte[]> file = fetch(m.get("url").asText());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(png);
        assertThat(file.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        assertThat(file.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(fetch(m.get("preview_url").asText()).statusCode()).isEqualTo(200);

        Map<String, Object> post = new LinkedHashMap<>();
        post.put("status", "");
        post.put("media_ids", java.util.List.of(m.get("id").asText()));
        TestServer.Response created = server.postJson("/api/v1/statuses", ann.token(), post);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(200);
        JsonNode attached = created.json().get("media_attachments");
        assertThat(attached).hasSize(1);
        assertThat(attached.get(0).get("id").asText()).isEqualTo(m.get("id").asText());
        JsonNode timeline = server.get("/api/v1/timelines/public", null).json();
        assertThat(timeline.get(0).get("media_attachments").get(0).get("url").asText()).isEqualTo(m.get("url").asText());
        // Attached: no longer the uploader's to change, nor anyone else's to attach.
        assertThat(server.form("PUT", "/api/v1/media/" + m.get("id").asText(), ann.token(), Map.of("description", "x")).status())
                .isEqualTo(404);
    }

    @Test
    void filesAreJudgedByTheirBytesNotTheirNameOrDeclaredType() {
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        TestServer.Response fake = upload(ann.token(), html, "cat.png", "image/png", Map.of());
        assertThat(fake.status()).isEqualTo(422);
        assertThat(fake.error()).contains("not an accepted type");
        TestServer.Response wav = upload(ann.token(), TestMedia.wav(0.5), "song.png", "image/png", Map.of());
        assertThat(wav.status()).isEqualTo(200);
        assertThat(wav.json().get("type").asText()).isEqualTo("audio");
        assertThat(wav.json().get("url").asText()).endsWith(".wav");
        assertThat(wav.json().at("/meta/original/duration").asDouble()).isEqualTo(0.5);
        assertThat(wav.json().get("preview_url").isNull()).isTrue();
    }

    @Test
    void limitsAreRefusedWith422AndAdvertisedByTheInstance() {
        TestServer.Response huge = upload(ann.token(), TestMedia.hugePng(30000, 30000), "big.png", "image/png", Map.of());
        assertThat(huge.status()).isEqualTo(422);
        assertThat(huge.error()).contains("30000x30000");
        TestServer.Response heavy = upload(ann.token(), TestMedia.wav(10), "long.wav", "audio/wav", Map.of());
        assertThat(heavy.status()).isEqualTo(422);
        assertThat(heavy.error()).contains("audio files must be at most 100000 bytes");
        JsonNode v2 = server.get("/api/v2/instance", null).json().get("configuration");
        assertThat(v2.at("/statuses/max_media_attachments").asInt()).isEqualTo(4);
        assertThat(v2.at("/media_attachments/image_size_limit").asLong()).isEqualTo(200_000);
        assertThat(v2.at("/media_attachments/image_matrix_limit").asLong()).isEqualTo(4_000_000);
        assertThat(v2.get("media_attachments").get("supported_mime_types").toString()).contains("image/webp", "video/mp4", "audio/mpeg");
        assertThat(server.get("/api/v1/instance", null).json().at("/configuration/statuses/max_media_attachments").asInt()).isEqualTo(4);
    }

    @Test
    void uploadingNeedsAUserTokenWithAWriteScopeAndOnlyTheOwnerSeesTheUpload() {
        assertThat(upload(null, TestMedia.png(4, 4), "a.png", "image/png", Map.of()).status()).isEqualTo(401);
        TestServer.Response readOnly = server.post("/oauth/token", null, Map.of("grant_type", "client_credentials",
                "client_id", server.clientId(), "client_secret", server.clientSecret(), "scope", "read"));
        assertThat(upload(readOnly.json().get("access_token").asText(), TestMedia.png(4, 4), "a.png", "image/png", Map.of())
                .status()).isEqualTo(422); // an app token: a user is required
        String id = upload(ann.token(), TestMedia.png(4, 4), "a.png", "image/png", Map.of()).json().get("id").asText();
        assertThat(server.get("/api/v1/media/" + id, ann.token()).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/media/" + id, bob.token()).status()).isEqualTo(404);
        TestServer.Response described = server.form("PUT", "/api/v1/media/" + id, ann.token(),
                Map.of("description", "Four pixels", "focus", "-1,1"));
        assertThat(described.json().get("description").asText()).isEqualTo("Four pixels");
        assertThat(described.json().at("/meta/focus/y").asDouble()).isEqualTo(1.0);
        assertThat(server.form("PUT", "/api/v1/media/" + id, ann.token(), Map.of("focus", "2,0")).status()).isEqualTo(422);
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("status", "stolen");
        post.put("media_ids", java.util.List.of(id));
        assertThat(server.postJson("/api/v1/statuses", bob.token(), post).status()).isEqualTo(422);
    }

    /**
     * The server refuses while the client is still sending; it must read the rest before answering, or the closed
     * connection's reset can swallow the answer (seen on a loaded machine). Repeated, as the race is timing-dependent.
     */
    @Test
    void aBodyLargerThanEveryLimitIsRefusedWith413EveryTime() {
        for (int i = 0; i < 20; i++) {
            TestServer.Response r = upload(ann.token(), new byte[400_000 + i * 50_000], "zeros.mp4", "video/mp4", Map.of());
            assertThat(r.status()).as(r.raw().body()).isEqualTo(413);
            assertThat(r.error()).isNotBlank();
        }
    }

    @Test
    void missingMediaFilesAre404() throws Exception {
        assertThat(fetch(server.base + "/media/ab/cd/" + "ab".repeat(32) + ".png").statusCode()).isEqualTo(404);
        assertThat(fetch(server.base + "/media/ab/cd/..%2F..%2Fcolossus.db").statusCode()).isEqualTo(404);
    }
}
