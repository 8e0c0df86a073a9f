/**
 * The tamper-evident audit log: an append-only table in the store whose every entry carries the
 * SHA-256 of its predecessor, so that {@code verify} proves no entry was altered or removed from the
 * middle. Appends run on the store's thread, one at a time, which keeps the chain linear.
 */
package io.assisthost.host.audit;
