package dev.colossus.app.backup;

/** What a backup or restore tells its caller while it works. Called on the working thread. */
public interface Progress {
    /** A line worth telling the operator, e.g. that the database is not included. */
    void note(String line);

    /** The bytes of files to copy in all, once known. */
    void total(long bytes);

    /** The bytes copied so far. */
    void progress(long bytes);
}
