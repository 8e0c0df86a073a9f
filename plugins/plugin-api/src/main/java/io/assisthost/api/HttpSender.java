package io.assisthost.api;

import java.util.concurrent.CompletionStage;

/**
 * Sends HTTP requests for plugins through the host's non-blocking client.
 *
 * <p>Redirects are never followed: a 3xx is returned as it is. The host may refuse a destination under
 * its outbound policy; such a request completes exceptionally with {@link SecurityException} and
 * nothing is sent.
 */
public interface HttpSender {

    /**
     * Sends one request. Never blocks; the stage completes on a host thread, so do not block in
     * callbacks either.
     *
     * @param request the request
     * @return a stage completing with the response (any status), or exceptionally with
     *     {@link java.io.IOException} when no response arrived (connection failure, or the request's
     *     timeout elapsed) and {@link SecurityException} when the outbound policy refused the destination
     */
    CompletionStage<HttpResponse> send(HttpRequest request);
}
