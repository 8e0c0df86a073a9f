package io.assisthost.host;

import io.vertx.core.Future;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;

/**
 * Answers event-bus requests the documented way: the result as the reply body, a {@link HostFailure}
 * as a failure with its code and message, anything else as 500 (logged, since it is a host fault).
 */
public final class BusReplies {

    private BusReplies() {
    }

    public static void answer(Message<?> message, Future<JsonObject> result, Logger log) {
        result.onSuccess(message::reply).onFailure(failure -> {
            if (failure instanceof HostFailure hostFailure) {
                message.fail(hostFailure.code().status(), hostFailure.getMessage());
            } else {
                log.error("Request on {} failed", message.address(), failure);
                message.fail(HostFailure.Code.INTERNAL.status(), "internal error: " + failure.getMessage());
            }
        });
    }
}
