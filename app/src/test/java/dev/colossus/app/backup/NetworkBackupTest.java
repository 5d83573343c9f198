package dev.colossus.app.backup;

import dev.colossus.social.Storage;
import dev.colossus.social.media.MediaAttachment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a backup archive holds, from the data directory's files, and what restoring it gives back. */
class NetworkBackupTest {

    @TempDir
    Path dir;

    private NetworkBackup.Result backUp(Storage storage, Path out, Notes notes) throws IOException {
        return NetworkBackup.create(storage, out, "Colossus test", Clock.systemUTC(), notes);
    }

    @Test
    void everySqliteDatabaseOfTheDataDirectoryIsBackedUpAndRestoredWithItsRows() throws Exception {
        Path data = dir.resolve("data");
        MediaAttachment picture = TestNetwork.write(data);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("assistant.db"));
             Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE notes (text TEXT)");
            st.execute("INSERT INTO notes VALUES ('kept')");
        }
        NetworkBackup.Result result = backUp(Storage.sqlite(data), dir.resolve("b.zip"), new Notes());
        assertThat(result.manifest().database()).isEqualTo(BackupManifest.SQLITE);
        assertThat(result.manifest().files()).extracting(BackupManifest.Entry::path).containsExactly(
                "colossus.db", "assistant.db", "media/" + picture.path(), "media/" + picture.previewPath());

        Path restored = dir.resolve("restored");
        NetworkRestore.restore(dir.resolve("b.zip"), restored, new Notes());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + restored.resolve("assistant.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT text FROM notes")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("kept");
        }
        assertThat(restored.resolve("media").resolve(picture.path()))
                .hasSameBinaryContentAs(data.resolve("media").resolve(picture.path()));
        assertThat(restored.resolve(".restoring")).doesNotExist();
    }

    @Test
    void withAServerDatabaseTheArchiveHoldsTheMediaAndSaysToUsePgDump() throws IOException {
        Path data = dir.resolve("data");
        MediaAttachment picture = TestNetwork.write(data);
        Files.delete(data.resolve("colossus.db"));
        Notes notes = new Notes();
        // Nothing connects to the server: its database is not the backup's to copy.
        NetworkBackup.Result result = backUp(new Storage(data, "jdbc:postgresql://db.invalid/colossus", null, null),
                dir.resolve("media.zip"), notes);
        assertThat(notes.lines).singleElement().asString().contains("PostgreSQL").contains("pg_dump");
        assertThat(result.manifest().database()).contains("pg_dump");
        assertThat(result.manifest().files()).extracting(BackupManifest.Entry::path)
                .contains("media/" + picture.path(), "media/" + picture.previewPath())
                .noneMatch(p -> p.endsWith(".db"));
    }

    @Test
    void aMissingFileThatAPostUsesFailsTheBackupAndLeavesNoArchive() throws IOException {
        Path data = dir.resolve("data");
        MediaAttachment picture = TestNetwork.write(data);
        Files.delete(data.resolve("media").resolve(picture.path()));
        Path out = dir.resolve("b.zip");
        assertThatThrownBy(() -> backUp(Storage.sqlite(data), out, new Notes()))
                .isInstanceOf(BackupException.class)
                .hasMessageContaining(picture.path()).hasMessageContaining("which a post uses, is missing");
        try (var left = Files.list(dir)) {
            assertThat(left.toList()).containsExactly(data);
        }
    }

    @Test
    void aManifestOfANewerFormatIsRefused() {
        byte[] json = new BackupManifest(BackupManifest.FORMAT + 1, "2030-01-01T00:00:00Z", "Colossus 9", "sqlite",
                List.of()).toJson();
        assertThatThrownBy(() -> BackupManifest.fromJson(json)).isInstanceOf(BackupException.class)
                .hasMessageContaining("made by a newer Colossus");
    }
}
