-- Mail by the time it was queued: a mailed complaint's automatic answer first counts the answers
-- already queued to its sender in the last day (Notifier.autoRepliesTo), and the records'
-- clean-up deletes mail older than the retention period. Without this index both read every
-- message ever queued, about four a complaint, kept for three years.
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
