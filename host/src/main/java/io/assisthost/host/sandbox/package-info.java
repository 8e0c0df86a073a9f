/**
 * The built-in Genesys Cloud emulator of sandbox mode: a Vert.x HTTP server on 127.0.0.1 that serves
 * the same paths, JSON and errors as Genesys Cloud for what the host uses (OAuth client credentials,
 * knowledge bases, document search, suggestions, search feedback, notification channels with their
 * WebSocket), seeded from {@code conf/sandbox/}, with a conversation generator that streams live
 * transcripts and fault switches for latency, errors, rate limits, outages and expired tokens.
 *
 * <p>Threading: everything runs on the emulator verticle's event loop; the seed files are read once
 * on a worker thread at start.
 */
package io.assisthost.host.sandbox;
