package io.assisthost.host.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Fails a test when Vert.x reported a blocked event loop while it ran. Pair it with
 * {@link #strictVertx()}, whose checker fires after 200 ms on an event loop.
 */
public final class BlockedEventLoopGuard implements BeforeEachCallback, AfterEachCallback {

    private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    /** A Vert.x that reports any event-loop task longer than 200 ms. */
    public static Vertx strictVertx() {
        return Vertx.vertx(strictOptions());
    }

    public static VertxOptions strictOptions() {
        return new VertxOptions()
                .setMaxEventLoopExecuteTime(200)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Logger logger = (Logger) LoggerFactory.getLogger(CHECKER);
        events.list.clear();
        events.start();
        logger.addAppender(events);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Logger logger = (Logger) LoggerFactory.getLogger(CHECKER);
        logger.detachAppender(events);
        events.list.stream()
                .filter(event -> event.getFormattedMessage().contains("eventloop"))
                .findFirst()
                .ifPresent(event -> {
                    throw new AssertionError("an event loop was blocked: " + event.getFormattedMessage());
                });
    }
}
