/**
 * Outgoing webhook events, signed as Standard Webhooks: {@code webhook-id}, {@code webhook-timestamp}
 * and {@code webhook-signature} headers, HMAC-SHA256 over {@code id.timestamp.body} with a
 * {@code whsec_} secret.
 */
package io.assisthost.host.webhooks;
