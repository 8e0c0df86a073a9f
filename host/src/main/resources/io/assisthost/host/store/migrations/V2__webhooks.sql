-- Webhook sinks: from the API or from host.json (origin 'config', re-applied at every start).
CREATE TABLE webhook_sink (
    id                   TEXT    PRIMARY KEY,
    type                 TEXT    NOT NULL,
    url                  TEXT    NOT NULL,
    secret               TEXT    NOT NULL,
    previous_secret      TEXT,
    previous_secret_until INTEGER,
    event_types          TEXT    NOT NULL,
    description          TEXT    NOT NULL,
    origin               TEXT    NOT NULL,
    enabled              INTEGER NOT NULL,
    disabled_reason      TEXT,
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL
);
-- The durable outbox: every outgoing event, written before the work that produced it is acknowledged.
CREATE TABLE outbox_event (
    seq             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    type            TEXT    NOT NULL,
    conversation_id TEXT,
    payload         TEXT    NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX outbox_event_created ON outbox_event (created_at);
-- One row per event and sink it is routed to. order_key is the conversation (or the event itself when
-- it belongs to none): a pending row holds back later rows with the same sink and order_key.
CREATE TABLE delivery (
    sink_id         TEXT    NOT NULL,
    event_seq       INTEGER NOT NULL,
    order_key       TEXT    NOT NULL,
    state           TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    last_status     INTEGER,
    last_detail     TEXT,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (sink_id, event_seq)
);
CREATE INDEX delivery_pending ON delivery (state, sink_id, order_key, event_seq);
CREATE INDEX delivery_due ON delivery (state, next_attempt_at);
-- Every attempt, for GET /api/v1/webhooks/{id}/deliveries.
CREATE TABLE delivery_attempt (
    id          INTEGER PRIMARY KEY,
    sink_id     TEXT    NOT NULL,
    event_seq   INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    http_status INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    latency_ms  INTEGER NOT NULL,
    detail      TEXT    NOT NULL
);
CREATE INDEX delivery_attempt_sink ON delivery_attempt (sink_id, id);
