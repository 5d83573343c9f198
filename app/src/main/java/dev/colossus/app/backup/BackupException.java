package dev.colossus.app.backup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A backup cannot be made or restored: a damaged, truncated or altered archive, data that is not as a backup needs
 * it, or a file that cannot be read or written. The message is one line meant for the operator.
 */
public final class BackupException extends RuntimeException {
    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An I/O failure while {@code doing} something, said as one line: what, which file, and why. */
    public static BackupException io(String doing, IOException e) {
        String why = switch (e) {
            case NoSuchFileException f -> f.getFile() + ": no such file or directory";
            case AccessDeniedException f -> f.getFile() + ": permission denied";
            case FileSystemException f when f.getReason() != null -> f.getFile() + ": " + f.getReason();
            case FileSystemException f -> f.getFile() + ": " + f.getClass().getSimpleName();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return new BackupException(doing + ": " + why, e);
    }
}
