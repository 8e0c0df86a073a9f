/**
 * Genesys Cloud through the official Java SDK (platform-client-v2 198.1.0): one {@code ApiClient}
 * passed explicitly to each API class, a client-credentials token the host owns and renews, typed
 * failures, and the live transcript feed of the Notifications API.
 *
 * <p>Threading: SDK calls use its asynchronous API on an OkHttp connector whose dispatcher runs on
 * the {@code assist-genesys} threads; results come back on the caller's Vert.x context. Nothing here
 * blocks an event loop.
 */
package io.assisthost.host.genesys;
