package dev.colossus.app.cli;

import dev.colossus.app.backup.TestNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code colossus backup} and {@code colossus restore} refusing what they must refuse, each with one line. */
class BackupCommandTest {

    @TempDir
    Path dir;
    private Path archive;

    @BeforeEach
    void backUpASmallNetwork() {
        TestNetwork.write(dir.resolve("data"));
        archive = dir.resolve("network.zip");
        CliRun backup = CliRun.of("backup", "--data", dir.resolve("data").toString(), "--out", archive.toString());
        assertThat(backup.code()).as(backup.err()).isZero();
        assertThat(backup.out()).startsWith("wrote " + archive + ": 1 database, 2 media files");
    }

    @Test
    void restoreIntoANonEmptyDirectoryIsRefusedAndTouchesNothing() throws IOException {
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("notes.txt"), "keep me");
        CliRun run = CliRun.of("restore", archive.toString(), "--data", target.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("colossus restore: " + target
                + " is not empty; restore into a new or empty directory");
        try (var left = Files.list(target)) {
            assertThat(left.toList()).containsExactly(target.resolve("notes.txt"));
        }
    }

    @Test
    void anArchiveWithAFileAlteredAfterTheBackupIsRefusedAndNothingIsRestored() throws IOException {
        Path tampered = dir.resolve("tampered.zip");
        // A well-formed ZIP (valid CRCs) whose picture differs from what the manifest recorded: only the hash tells.
        try (ZipFile in = new ZipFile(archive.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tampered))) {
            for (ZipEntry e : in.stream().toList()) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] bytes = in.getInputStream(e).readAllBytes();
                if (e.getName().startsWith("media/") && !e.getName().contains("-small")) bytes[bytes.length - 1] ^= 1;
                out.write(bytes);
                out.closeEntry();
            }
        }
        Path target = dir.resolve("restored");
        CliRun run = CliRun.of("restore", tampered.toString(), "--data", target.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(lastLine(run.err())).startsWith("colossus restore: " + tampered + ": media/")
                .endsWith("does not match the size and SHA-256 its manifest gives (the archive is damaged or was altered)");
        assertThat(target).doesNotExist();
    }

    @Test
    void aTruncatedArchiveIsRefusedWithAClearLine() throws IOException {
        Path truncated = dir.resolve("truncated.zip");
        try (InputStream in = Files.newInputStream(archive); OutputStream out = Files.newOutputStream(truncated)) {
            out.write(in.readNBytes((int) (Files.size(archive) * 2 / 3)));
        }
        Path target = dir.resolve("restored");
        CliRun run = CliRun.of("restore", truncated.toString(), "--data", target.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("colossus restore: " + truncated
                + " is not a complete backup archive (truncated or damaged");
        assertThat(run.err().strip()).doesNotContain("\n");
        assertThat(target).doesNotExist();
    }

    @Test
    void aBackupOfADirectoryWithoutANetworkFailsWithOneLine() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun run = CliRun.of("backup", "--data", empty.toString(), "--out", dir.resolve("x.zip").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("colossus backup: no network database at " + empty.resolve("colossus.db"));
        assertThat(dir.resolve("x.zip")).doesNotExist();
    }

    /** The last line (the progress display comes before the error). */
    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines[lines.length - 1];
    }
}
