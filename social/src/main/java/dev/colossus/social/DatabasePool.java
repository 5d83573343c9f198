package dev.colossus.social;

/**
 * The database connection pool at one moment.
 *
 * @param active  connections in use
 * @param idle    connections open and free
 * @param waiting threads waiting for a connection
 * @param max     the most connections the pool opens
 */
public record DatabasePool(int active, int idle, int waiting, int max) {
}
