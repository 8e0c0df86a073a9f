package io.assisthost.host;

import io.assisthost.host.audit.AuditLog;
import io.assisthost.host.engagement.Engagements;
import io.assisthost.host.webhooks.Webhooks;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the retention settings: at start and then hourly, prunes the audit log, settled webhook
 * events, and triggered cards with their engagement events (the aggregates stay).
 */
final class Housekeeping {

    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final Vertx vertx;
    private final AuditLog audit;
    private final Webhooks webhooks;
    private final int auditRetentionDays;
    private final Engagements engagements;
    private final int engagementRetentionDays;
    private final Clock clock;
    private long timer = -1;

    Housekeeping(Vertx vertx, AuditLog audit, Webhooks webhooks, int auditRetentionDays, Engagements engagements,
                 int engagementRetentionDays, Clock clock) {
        this.vertx = vertx;
        this.audit = audit;
        this.webhooks = webhooks;
        this.auditRetentionDays = auditRetentionDays;
        this.engagements = engagements;
        this.engagementRetentionDays = engagementRetentionDays;
        this.clock = clock;
    }

    void start() {
        run();
        timer = vertx.setPeriodic(INTERVAL.toMillis(), id -> run());
    }

    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void run() {
        if (auditRetentionDays > 0) {
            audit.prune(clock.instant().minus(Duration.ofDays(auditRetentionDays)))
                    .onSuccess(removed -> {
                        if (removed > 0) {
                            LOG.info("Audit log: {} entries older than {} days pruned (the chain stays verifiable)",
                                    removed, auditRetentionDays);
                        }
                    })
                    .onFailure(failure -> LOG.warn("Pruning the audit log failed", failure));
        }
        webhooks.prune()
                .onSuccess(removed -> {
                    if (removed > 0) {
                        LOG.info("Webhook outbox: {} settled events pruned", removed);
                    }
                })
                .onFailure(failure -> LOG.warn("Pruning the webhook outbox failed", failure));
        engagements.prune(clock.instant().minus(Duration.ofDays(engagementRetentionDays)))
                .onSuccess(removed -> {
                    if (removed > 0) {
                        LOG.info("Engagement: {} triggered cards older than {} days pruned", removed,
                                engagementRetentionDays);
                    }
                })
                .onFailure(failure -> LOG.warn("Pruning triggered cards failed", failure));
    }
}
