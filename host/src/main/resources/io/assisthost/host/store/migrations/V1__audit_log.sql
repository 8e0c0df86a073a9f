-- The tamper-evident audit log: append-only, each entry chained to the previous one by SHA-256.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT    NOT NULL,
    kind            TEXT    NOT NULL,
    actor           TEXT,
    conversation_id TEXT,
    action          TEXT,
    subject         TEXT,
    details         TEXT    NOT NULL,
    prev_hash       TEXT    NOT NULL,
    hash            TEXT    NOT NULL
);
CREATE INDEX audit_log_conversation ON audit_log (conversation_id, id);
CREATE INDEX audit_log_kind ON audit_log (kind, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_at ON audit_log (at);
-- Where a pruned log starts: the last removed entry, whose hash the oldest kept entry must chain to.
CREATE TABLE audit_checkpoint (
    singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
    last_id    INTEGER NOT NULL,
    last_hash  TEXT    NOT NULL,
    pruned_at  TEXT    NOT NULL
);
