package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.colossus.app.Main;
import dev.colossus.social.media.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code colossus backup} of a running server that keeps taking posts, then {@code colossus restore} into a new
 * directory and a server on it: every post acknowledged before the backup began is served again, with its media
 * byte for byte, and found by search once the index is rebuilt.
 */
class BackupRoundTripTest {

    @TempDir
    Path work;

    /** A post the server acknowledged, and the bytes of the picture attached to it (null without one). */
    private record Acked(String id, String word, String text, byte[] picture) {
    }

    @Test
    void aBackupTakenWhilePostsArriveRestoresEveryAcknowledgedPostWithItsMediaAndSearch() throws Exception {
        Path archive = work.resolve("network.zip");
        Path restoredDir = work.resolve("restored");
        List<Acked> before;
        int afterwards;
        try (TestServer live = new TestServer()) {
            TestServer.User ann = live.signUp("ann");
            ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread poster = Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; !stop.get(); i++) acked.add(post(live, ann, i));
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            while (acked.size() < 20 && failure.get() == null) Thread.sleep(20);
            before = List.copyOf(acked);
            int code = Main.run("backup", "--data", live.dir.toString(), "--out", archive.toString());
            int atBackupEnd = acked.size();
            while (acked.size() < atBackupEnd + 3 && failure.get() == null) Thread.sleep(20);
            stop.set(true);
            poster.join();
            assertThat(failure.get()).isNull();
            assertThat(code).isZero();
            afterwards = acked.size() - before.size();
        }
        assertThat(afterwards).as("posts acknowledged while and after the backup ran").isPositive();
        assertThat(archive).isRegularFile();
        try (var left = Files.list(work)) {
            assertThat(left.toList()).as("no temporary files left").containsExactly(archive);
        }

        assertThat(Main.run("restore", archive.toString(), "--data", restoredDir.toString())).isZero();
        assertThat(restoredDir.resolve("search")).doesNotExist();
        try (TestServer restored = new TestServer(restoredDir, c -> c)) {
            for (Acked a : before) {
                TestServer.Response r = restored.get("/api/v1/statuses/" + a.id(), null);
                assertThat(r.status()).as("post %s", a.id()).isEqualTo(200);
                assertThat(r.json().get("content").asText()).contains(a.text());
                JsonNode media = r.json().get("media_attachments");
                if (a.picture() == null) {
                    assertThat(media).isEmpty();
                } else {
                    assertThat(media).hasSize(1);
                    HttpResponse<byte[]> file = PictureUpload.fetch(restored, media.get(0).get("url").asText());
                    assertThat(file.statusCode()).isEqualTo(200);
                    assertThat(file.body()).isEqualTo(a.picture());
                }
            }
            for (Acked a : before) {
                List<String> found = TestServer.eventually(() -> TestServer.ids(restored.get(
                        "/api/v2/search?type=statuses&q=" + a.word(), null).json().get("statuses")), f -> !f.isEmpty());
                assertThat(found).as("search for %s", a.word()).containsExactly(a.id());
            }
        }
    }

    /** Posts the i-th post through the API, every other one with a picture of its own; returns it once answered. */
    private static Acked post(TestServer server, TestServer.User user, int i) throws Exception {
        String word = "lighthouse" + i;
        String text = word + " at dusk";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", text);
        byte[] picture = null;
        if (i % 2 == 0) {
            picture = TestMedia.png(20 + i, 10);
            body.put("media_ids", List.of(PictureUpload.png(server, user, picture)));
        }
        TestServer.Response r = server.postJson("/api/v1/statuses", user.token(), body);
        if (r.status() != 200) throw new IllegalStateException("post failed: " + r.raw().body());
        return new Acked(r.json().get("id").asText(), word, text, picture);
    }
}
