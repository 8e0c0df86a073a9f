-- Assist actions: one document per action holding every version (never changed once added), the
-- deployment (rollout variants) and whether it is retired. revision counts changes; it is the ETag.
-- Each node keeps a copy; the cluster-wide map assist.actions decides which revision is current.
CREATE TABLE action (
    name       TEXT    PRIMARY KEY,
    revision   INTEGER NOT NULL,
    document   TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
-- One row per card shown: engagement events refer to it.
CREATE TABLE action_trigger (
    id              TEXT    PRIMARY KEY,
    conversation_id TEXT    NOT NULL,
    action          TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    variant         TEXT    NOT NULL,
    triggered_at    INTEGER NOT NULL
);
CREATE INDEX action_trigger_conversation ON action_trigger (conversation_id, action, triggered_at);
CREATE INDEX action_trigger_time ON action_trigger (triggered_at);
-- Engagement events; each type counts once per trigger, so a client may safely send one again.
CREATE TABLE engagement_event (
    seq        INTEGER PRIMARY KEY,
    trigger_id TEXT    NOT NULL,
    type       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    latency_ms INTEGER,
    UNIQUE (trigger_id, type)
);
-- Running figures per action version and variant, updated in the transaction that records the event.
CREATE TABLE engagement_aggregate (
    action          TEXT    NOT NULL,
    version         TEXT    NOT NULL,
    variant         TEXT    NOT NULL,
    triggered       INTEGER NOT NULL DEFAULT 0,
    rendered        INTEGER NOT NULL DEFAULT 0,
    accepted        INTEGER NOT NULL DEFAULT 0,
    dismissed       INTEGER NOT NULL DEFAULT 0,
    latency_sum_ms  INTEGER NOT NULL DEFAULT 0,
    latency_max_ms  INTEGER NOT NULL DEFAULT 0,
    latency_buckets TEXT    NOT NULL DEFAULT '[]',
    PRIMARY KEY (action, version, variant)
);
