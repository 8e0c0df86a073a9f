/**
 * The HTTP API: routes, bearer-token authentication, request body rules and RFC 9457 problem+json for
 * every error. Handlers run on event loops and only compose futures; blocking work happens in the
 * components they call.
 */
package io.assisthost.host.http;
