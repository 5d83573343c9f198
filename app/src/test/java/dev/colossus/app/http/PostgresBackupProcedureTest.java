package dev.colossus.app.http;

import dev.colossus.app.Config;
import dev.colossus.app.Main;
import dev.colossus.app.backup.NetworkBackup;
import dev.colossus.app.backup.Notes;
import dev.colossus.social.Storage;
import dev.colossus.social.media.TestMedia;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's PostgreSQL backup procedure run for real: {@code pg_dump} of a network's database, {@code createdb} and
 * {@code pg_restore} into a new one, the media through {@code colossus backup} and {@code restore}, and a server on the
 * restored pair serving the same post with the same picture. Needs the PostgreSQL server of
 * {@code COLOSSUS_TEST_PG_URL} (skipped without one, failed when {@code colossus.pg.required=true}, as in CI).
 */
class PostgresBackupProcedureTest {

    @TempDir
    Path work;

    @Test
    void aNetworkDumpedWithPgDumpAndRestoredWithPgRestoreServesTheSamePostsAndMedia() throws Exception {
        String server = System.getenv("COLOSSUS_TEST_PG_URL");
        if (server == null || server.isBlank()) {
            String why = "no PostgreSQL to test on: COLOSSUS_TEST_PG_URL is not set";
            if (Boolean.getBoolean("colossus.pg.required")) throw new AssertionError(why + " (colossus.pg.required=true)");
            Assumptions.abort(why);
        }
        String user = System.getenv("COLOSSUS_TEST_PG_USER");
        String password = System.getenv("COLOSSUS_TEST_PG_PASSWORD");
        String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String source = "backup_source_" + suffix;
        String target = "backup_target_" + suffix;
        Path dump = work.resolve("colossus.dump");
        Path media = work.resolve("media.zip");
        sql(server, user, password, "CREATE DATABASE " + source);
        try {
            Config.Db sourceDb = new Config.Db(database(server, source), user, password);
            String postId;
            byte[] picture = TestMedia.png(123, 45);
            try (TestServer live = new TestServer(c -> c.withDb(sourceDb))) {
                TestServer.User ann = live.signUp("ann");
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", "harbour lights at noon");
                body.put("media_ids", List.of(PictureUpload.png(live, ann, picture)));
                TestServer.Response posted = live.postJson("/api/v1/statuses", ann.token(), body);
                assertThat(posted.status()).as(posted.raw().body()).isEqualTo(200);
                postId = posted.json().get("id").asText();

                run(password, tool("pg_dump"), "--format=custom", "--no-owner", "--file=" + dump, libpq(server, user, source));
                Notes notes = new Notes();
                NetworkBackup.create(new Storage(live.dir, sourceDb.url(), user, password), media, "Colossus test",
                        Clock.systemUTC(), notes);
                assertThat(notes.lines).singleElement().asString().contains("pg_dump");
            }
            URI at = URI.create(server.substring("jdbc:".length()));
            run(password, tool("createdb"), "--host=" + at.getHost(), "--port=" + at.getPort(), "--username=" + user, target);
            run(password, tool("pg_restore"), "--no-owner", "--exit-on-error", "--dbname=" + libpq(server, user, target),
                    dump.toString());
            Path restoredDir = work.resolve("data-restored");
            assertThat(Main.run("restore", media.toString(), "--data", restoredDir.toString())).isZero();

            Config.Db targetDb = new Config.Db(database(server, target), user, password);
            try (TestServer restored = new TestServer(restoredDir, c -> c.withDb(targetDb))) {
                TestServer.Response r = restored.get("/api/v1/statuses/" + postId, null);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().get("content").asText()).contains("harbour lights at noon");
                HttpResponse<byte[]> file = PictureUpload.fetch(restored, r.json().at("/media_attachments/0/url").asText());
                assertThat(file.statusCode()).isEqualTo(200);
                assertThat(file.body()).isEqualTo(picture);
                restored.awaitSearchable("harbour", 1);
            }
        } finally {
            sql(server, user, password, "DROP DATABASE IF EXISTS " + target + " WITH (FORCE)");
            sql(server, user, password, "DROP DATABASE IF EXISTS " + source + " WITH (FORCE)");
        }
    }

    /** The server's JDBC URL with another database. */
    private static String database(String server, String name) {
        URI u = URI.create(server.substring("jdbc:".length()));
        return "jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/" + name;
    }

    /** A libpq connection URI, as README's commands take. */
    private static String libpq(String server, String user, String name) {
        URI u = URI.create(server.substring("jdbc:".length()));
        return "postgresql://" + user + "@" + u.getHost() + ":" + u.getPort() + "/" + name;
    }

    private static void sql(String server, String user, String password, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(server, user, password); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** A PostgreSQL client program: the newest server's own, else the one on the PATH. */
    private static String tool(String name) throws IOException {
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                List<Path> found = versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable)
                        .sorted().toList();
                if (!found.isEmpty()) return found.getLast().toString();
            }
        }
        return name;
    }

    private static void run(String password, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null) pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command[0], output).isZero();
    }
}
