/**
 * The durable store: SQLite through JDBC in the data directory, in WAL mode with full synchronous
 * commits, schema migrations applied at open. Every statement runs on the store's single named thread
 * ({@code assist-store}), so writes are serialised and no event loop ever waits on disk.
 */
package io.assisthost.host.store;
