package dev.colossus.app.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Uploads a PNG through {@code POST /api/v2/media}, as a client does before posting it. */
final class PictureUpload {

    private PictureUpload() {
    }

    /** The new attachment's id. @throws IllegalStateException when the server refuses the upload */
    static String png(TestServer server, TestServer.User user, byte[] png) throws Exception {
        String boundary = "----picture" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"p.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(png);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/api/v2/media"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Authorization", "Bearer " + user.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("upload failed: " + r.body());
        return TestServer.JSON.readTree(r.body()).get("id").asText();
    }

    /** The bytes the server answers at the path of {@code url} (a media URL of another server, e.g. the backed-up one). */
    static HttpResponse<byte[]> fetch(TestServer server, String url) throws Exception {
        return server.http.send(HttpRequest.newBuilder(URI.create(server.base + URI.create(url).getPath())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
