package dev.colossus.app;

import picocli.CommandLine.ParseResult;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How much the libraries log on stderr. By default only their warnings and errors: the database pool, the migrations
 * and the HTTP server (through slf4j) and Lucene (through java.util.logging) keep their INFO lines to themselves, so
 * a command prints only its own lines. {@code --verbose}, on any command, lets their INFO lines through too.
 */
final class LogLevels {

    /** slf4j-simple's level for every logger; a level the user sets with {@code -D} is kept unless --verbose. */
    static final String SLF4J_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private LogLevels() {
    }

    /**
     * Sets the levels for this command line. Takes effect only before the first library logs: slf4j-simple reads its
     * level once, when it starts.
     */
    static void configure(ParseResult command) {
        boolean verbose = false;
        for (ParseResult p = command; p != null; p = p.subcommand()) verbose |= p.hasMatchedOption("--verbose");
        if (verbose) {
            System.setProperty(SLF4J_LEVEL, "info");
        } else if (System.getProperty(SLF4J_LEVEL) == null) {
            System.setProperty(SLF4J_LEVEL, "warn");
        }
        Logger.getLogger("").setLevel(verbose ? Level.INFO : Level.WARNING);
    }
}
