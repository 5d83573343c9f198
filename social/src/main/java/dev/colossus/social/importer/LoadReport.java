package dev.colossus.social.importer;

/**
 * What a bulk load of posts did.
 *
 * @param read            posts read
 * @param inserted        posts written
 * @param skipped         posts whose source id was already stored
 * @param accountsCreated authors created as new accounts
 * @param threaded        replies linked to their parent (including waiting ones from earlier loads)
 * @param waiting         replies still waiting for their parent
 */
public record LoadReport(long read, long inserted, long skipped, long accountsCreated, long threaded, long waiting) {
}
