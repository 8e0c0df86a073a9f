package io.assisthost.host.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
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

    /** Netty classes whose first use registers JFR event types, a one-time JVM cost of about 200 ms. */
    private static final String[] NETTY_JFR_EVENTS = {
        "io.netty.buffer.AllocateBufferEvent", "io.netty.buffer.ReallocateBufferEvent", "io.netty.buffer.FreeBufferEvent",
        "io.netty.buffer.AllocateChunkEvent", "io.netty.buffer.FreeChunkEvent",
    };

    /**
     * A Vert.x that reports any event-loop task longer than 200 ms. One-time JVM initialisation inside
     * Netty is done here first, on the test thread, so that only the code under test is measured.
     */
    public static Vertx strictVertx() {
        for (String name : NETTY_JFR_EVENTS) {
            try {
                Class.forName(name, true, BlockedEventLoopGuard.class.getClassLoader());
            } catch (ClassNotFoundException absentInThisNettyVersion) {
                // nothing to initialise
            }
        }
        return Vertx.vertx(strictOptions());
    }

    public static VertxOptions strictOptions() {
        return new VertxOptions()
                .setMaxEventLoopExecuteTime(200)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setWarningExceptionTime(200)
                .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS);
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
                .filter(event -> !idle(event))
                .filter(event -> !warmingUp(event))
                .findFirst()
                .ifPresent(event -> {
                    throw new AssertionError("an event loop was blocked: " + event.getFormattedMessage()
                            + stack(event));
                });
    }

    /**
     * Whether the reported thread was in fact idle in its selector: the checker can report a loop
     * that is shutting down while it waits for I/O, which is no block.
     */
    private static boolean idle(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return false;
        }
        for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
            StackTraceElement element = frame.getStackTraceElement();
            if (element.getMethodName().equals("select") && (element.getClassName().startsWith("io.netty.channel.")
                    || element.getClassName().equals("sun.nio.ch.SelectorImpl"))) {
                return true;
            }
            if (element.getClassName().startsWith("io.assisthost.")) {
                return false;
            }
        }
        return false;
    }

    /**
     * Whether the reported thread was linking call sites or loading classes: one-time JVM warm-up that
     * a loaded two-core machine can stretch past the limit. Blocking I/O, sleeps and lock waits show
     * other frames and still fail the test.
     */
    private static boolean warmingUp(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return false;
        }
        for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
            StackTraceElement element = frame.getStackTraceElement();
            String method = element.getClassName() + "." + element.getMethodName();
            if (method.equals("java.lang.invoke.MethodHandleNatives.linkCallSite")
                    || method.equals("jdk.internal.loader.BuiltinClassLoader.loadClass")
                    || method.equals("java.lang.ClassLoader.loadClass")) {
                return true;
            }
        }
        return false;
    }

    private static String stack(ILoggingEvent event) {
        IThrowableProxy proxy = event.getThrowableProxy();
        if (proxy == null) {
            return "";
        }
        StringBuilder stack = new StringBuilder();
        for (StackTraceElementProxy element : proxy.getStackTraceElementProxyArray()) {
            stack.append("\n\tat ").append(element.getStackTraceElement());
        }
        return stack.toString();
    }
}
