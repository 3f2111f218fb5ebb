-- Keeping the project's records for a limited time (wuye.records.retention).

-- Work that only one node of a cluster may do at a time: a node takes a task's lease by moving
-- lease_until (epoch milliseconds) forward, which succeeds only when the previous lease ran out.
CREATE TABLE scheduled_task_lease (
    task_name   VARCHAR(100) PRIMARY KEY,
    held_by     VARCHAR(255),
    lease_until BIGINT       NOT NULL
);
INSERT INTO scheduled_task_lease (task_name, held_by, lease_until) VALUES ('records-cleanup', NULL, 0);

-- what the clean-up looks for
CREATE INDEX complaint_closed ON complaint (status, closed_at);
CREATE INDEX resident_notice_issued ON resident_notice (issued_at);
CREATE INDEX key_envelope_released ON key_envelope (status, released_at);
