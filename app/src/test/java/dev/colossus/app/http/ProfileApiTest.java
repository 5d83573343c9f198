package dev.colossus.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's own profile over real HTTP: {@code update_credentials} (texts, fields, flags, posting defaults, a real
 * PNG avatar and header), {@code verify_credentials}, removing images, reports and deleting the account.
 */
class ProfileApiTest extends StoreApiTest {

    private static final String PASSWORD = "correct horse battery";

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A multipart PATCH of update_credentials: text fields, then files by field name. */
    private TestServer.Response multipart(TestServer.User user, Map<String, String> fields, Map<String, byte[]> files)
            throws Exception {
        String boundary = "----profile" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((k, v) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        files.forEach((k, v) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\"" + k
                    + ".png\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(v);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/api/v1/accounts/update_credentials"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + user.token())
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new TestServer.Response(r.statusCode(), r, r.body().startsWith("{") ? TestServer.JSON.readTree(r.body()) : null);
    }

    private BufferedImage fetchImage(String url) throws Exception {
        HttpResponse<byte[]> r = PictureUpload.fetch(server, url);
        assertThat(r.statusCode()).isEqualTo(200);
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    @Test
    void updateCredentialsStoresTextsFieldsFlagsAndPostingDefaults() {
        TestServer.User ann = user("ann");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("display_name", "Ann Example");
        form.put("note", "I write <things>");
        form.put("bot", "true");
        form.put("discoverable", "false");
        form.put("locked", "true");
        form.put("source[privacy]", "unlisted");
        form.put("source[sensitive]", "true");
        form.put("source[language]", "de");
        form.put("fields_attributes[0][name]", "Site");
        form.put("fields_attributes[0][value]", "https://ann.example");
        form.put("fields_attributes[1][name]", "Likes");
        form.put("fields_attributes[1][value]", "tea & <cake>");
        JsonNode a = ok(server.form("PATCH", "/api/v1/accounts/update_credentials", ann.token(), form));

        assertThat(a.get("display_name").asText()).isEqualTo("Ann Example");
        assertThat(a.get("note").asText()).contains("I write &lt;things&gt;");
        assertThat(a.get("bot").asBoolean()).isTrue();
        assertThat(a.get("discoverable").asBoolean()).isFalse();
        assertThat(a.get("locked").asBoolean()).isTrue();
        assertThat(a.at("/fields/0/name").asText()).isEqualTo("Site");
        assertThat(a.at("/fields/0/value").asText()).startsWith("<a href=\"https://ann.example\"");
        assertThat(a.at("/fields/1/value").asText()).isEqualTo("tea &amp; &lt;cake&gt;");
        assertThat(a.at("/source/privacy").asText()).isEqualTo("unlisted");
        assertThat(a.at("/source/sensitive").asBoolean()).isTrue();
        assertThat(a.at("/source/language").asText()).isEqualTo("de");
        assertThat(a.at("/source/note").asText()).isEqualTo("I write <things>");
        assertThat(a.at("/source/fields/1/value").asText()).isEqualTo("tea & <cake>");

        JsonNode verified = ok(server.get("/api/v1/accounts/verify_credentials", ann.token()));
        assertThat(verified.get("fields")).isEqualTo(a.get("fields"));
        assertThat(verified.get("source")).isEqualTo(a.get("source"));
        // JSON bodies work too, with fields as an array.
        JsonNode json = ok(server.send("PATCH", "/api/v1/accounts/update_credentials", ann.token(), "application/json",
                "{\"display_name\":\"Ann J\",\"fields_attributes\":[{\"name\":\"Only\",\"value\":\"one\"}]}", Map.of()));
        assertThat(json.get("display_name").asText()).isEqualTo("Ann J");
        assertThat(json.get("fields")).hasSize(1);
        assertThat(json.get("bot").asBoolean()).isTrue(); // untouched
    }

    @Test
    void aPngAvatarAndHeaderAreFramedServedAndRemovable() throws Exception {
        TestServer.User ann = user("ann");
        JsonNode before = ok(server.get("/api/v1/accounts/" + ann.id(), null));
        assertThat(before.get("avatar").asText()).endsWith("/avatars/original/missing.png");

        JsonNode a = ok(multipart(ann, Map.of("display_name", "Pictured"),
                Map.of("avatar", png(640, 480), "header", png(2000, 1000))));

        assertThat(a.get("display_name").asText()).isEqualTo("Pictured");
        assertThat(a.get("avatar").asText()).contains("/media/").isEqualTo(a.get("avatar_static").asText());
        BufferedImage avatar = fetchImage(a.get("avatar").asText());
        assertThat(avatar.getWidth()).isEqualTo(400);
        assertThat(avatar.getHeight()).isEqualTo(400);
        BufferedImage header = fetchImage(a.get("header").asText());
        assertThat(header.getWidth()).isEqualTo(1500);
        assertThat(header.getHeight()).isEqualTo(500);
        // Others see the new images on the account and on its posts.
        assertThat(ok(server.get("/api/v1/accounts/" + ann.id(), null)).get("avatar").asText()).isEqualTo(a.get("avatar").asText());
        assertThat(server.status(ann, "with a face").at("/account/avatar").asText()).isEqualTo(a.get("avatar").asText());

        JsonNode removed = ok(server.send("DELETE", "/api/v1/profile/avatar", ann.token(), null, null, Map.of()));
        assertThat(removed.get("avatar").asText()).endsWith("/avatars/original/missing.png");
        assertThat(removed.get("header").asText()).isEqualTo(a.get("header").asText());
        assertThat(PictureUpload.fetch(server, a.get("avatar").asText()).statusCode()).isEqualTo(404);
        assertThat(ok(server.send("DELETE", "/api/v1/profile/header", ann.token(), null, null, Map.of())).get("header")
                .asText()).endsWith("/headers/original/missing.png");
    }

    @Test
    void badProfileUpdatesAreRefusedWithMastodonsErrorsAndChangeNothing() throws Exception {
        TestServer.User ann = user("ann");
        TestServer.Response longName = server.form("PATCH", "/api/v1/accounts/update_credentials", ann.token(),
                Map.of("display_name", "x".repeat(31)));
        assertThat(longName.status()).isEqualTo(422);
        assertThat(longName.json().at("/details/display_name/0/error").asText()).isEqualTo("ERR_INVALID");
        assertThat(server.form("PATCH", "/api/v1/accounts/update_credentials", ann.token(),
                Map.of("note", "y".repeat(501))).status()).isEqualTo(422);
        Map<String, String> five = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            five.put("fields_attributes[" + i + "][name]", "n" + i);
            five.put("fields_attributes[" + i + "][value]", "v" + i);
        }
        assertThat(server.form("PATCH", "/api/v1/accounts/update_credentials", ann.token(), five).status()).isEqualTo(422);
        assertThat(server.form("PATCH", "/api/v1/accounts/update_credentials", ann.token(),
                Map.of("source[privacy]", "direct")).status()).isEqualTo(422);
        TestServer.Response notImage = multipart(ann, Map.of("display_name", "Not Stored"),
                Map.of("avatar", "plain text, no picture".getBytes(StandardCharsets.UTF_8)));
        assertThat(notImage.status()).isEqualTo(422);
        assertThat(notImage.json().at("/details/avatar/0/description").asText()).contains("PNG, JPEG, GIF or WebP");
        assertThat(ok(server.get("/api/v1/accounts/verify_credentials", ann.token())).get("display_name").asText()).isEmpty();
        assertThat(server.form("PATCH", "/api/v1/accounts/update_credentials", null, Map.of("note", "x")).status())
                .isEqualTo(401);
        assertThat(server.send("DELETE", "/api/v1/profile/avatar", null, null, null, Map.of()).status()).isEqualTo(401);
    }

    @Test
    void aReportIsAnsweredInMastodonsShape() {
        TestServer.User ann = user("ann"), bob = user("bob");
        String bobs = server.status(bob, "buy my stuff").get("id").asText();
        Map<String, Object> body = Map.of("account_id", bob.id(), "status_ids", List.of(bobs), "comment", "spam",
                "category", "spam", "forward", true);
        JsonNode r = ok(server.postJson("/api/v1/reports", ann.token(), body));
        assertThat(r.get("id").isTextual()).isTrue();
        assertThat(r.get("category").asText()).isEqualTo("spam");
        assertThat(r.get("comment").asText()).isEqualTo("spam");
        assertThat(r.get("action_taken").asBoolean()).isFalse();
        assertThat(r.at("/status_ids/0").asText()).isEqualTo(bobs);
        assertThat(r.at("/target_account/id").asText()).isEqualTo(bob.id());

        assertThat(server.post("/api/v1/reports", ann.token(), Map.of()).status()).isEqualTo(422);
        assertThat(server.post("/api/v1/reports", ann.token(), Map.of("account_id", "4242")).status()).isEqualTo(404);
        assertThat(server.post("/api/v1/reports", ann.token(), Map.of("account_id", bob.id(), "category", "rude")).status())
                .isEqualTo(422);
        assertThat(server.post("/api/v1/reports", ann.token(), Map.of("account_id", bob.id(), "comment", "c".repeat(1001)))
                .status()).isEqualTo(422);
        String anns = server.status(ann, "not bob's").get("id").asText();
        assertThat(server.postJson("/api/v1/reports", ann.token(), Map.of("account_id", bob.id(), "status_ids", List.of(anns)))
                .status()).isEqualTo(404);
        assertThat(server.post("/api/v1/reports", null, Map.of("account_id", bob.id())).status()).isEqualTo(401);
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndTakesItsPostsOutOfSearch() {
        TestServer.User ann = user("ann"), bob = user("bob");
        server.status(ann, "wombatdelete by ann");
        String bobs = server.status(bob, "wombatdelete by bob").get("id").asText();
        ok(server.post("/api/v1/accounts/" + bob.id() + "/follow", ann.token(), Map.of()));
        server.awaitSearchable("wombatdelete", 2);

        TestServer.Response wrong = server.post("/api/v1/colossus/delete_account", ann.token(), Map.of("password", "nope nope"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().at("/details/password/0/error").asText()).isEqualTo("ERR_INVALID");
        assertThat(server.get("/api/v1/accounts/verify_credentials", ann.token()).status()).isEqualTo(200);

        assertThat(ok(server.post("/api/v1/colossus/delete_account", ann.token(), Map.of("password", PASSWORD)))
                .get("deleted").asBoolean()).isTrue();

        assertThat(server.get("/api/v1/accounts/verify_credentials", ann.token()).status()).isEqualTo(401);
        assertThat(server.get("/api/v1/accounts/" + ann.id(), null).status()).isEqualTo(404);
        assertThat(TestServer.eventually(() -> TestServer.ids(server.get("/api/v2/search?type=statuses&q=wombatdelete",
                null).json().get("statuses")), ids -> ids.size() == 1)).containsExactly(bobs);
        assertThat(ok(server.get("/api/v1/accounts/" + bob.id(), null)).get("followers_count").asInt()).isZero();
        // The username stays taken.
        Map<String, Object> again = Map.of("username", ann.username(), "email", "other-" + ann.username() + "@example.org",
                "password", PASSWORD, "agreement", true, "locale", "en");
        TestServer.Response signUp = server.postJson("/api/v1/accounts", server.appToken(), again);
        assertThat(signUp.status()).isEqualTo(422);
        assertThat(signUp.json().at("/details/username/0/error").asText()).isEqualTo("ERR_TAKEN");
    }
}
