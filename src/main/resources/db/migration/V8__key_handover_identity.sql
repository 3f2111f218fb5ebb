-- 業主簽收鑰匙 (UD-4.4.1.4 / UD-4.4.2.5): the hand-over checks who takes the key. Recorded with the
-- envelope's release: the identity document shown (its kind, its name when 其他, the last four
-- characters of its number), the name of who gave consent to lock up as the name was compared
-- against, whether the names matched, and, when they did not, the office director who confirmed
-- the release and why. Envelopes released before this migration keep these columns empty.
ALTER TABLE key_envelope ADD COLUMN owner_id_type VARCHAR(30);
ALTER TABLE key_envelope ADD COLUMN owner_id_other VARCHAR(50);
ALTER TABLE key_envelope ADD COLUMN owner_id_last_digits VARCHAR(4);
ALTER TABLE key_envelope ADD COLUMN consent_given_by VARCHAR(100);
ALTER TABLE key_envelope ADD COLUMN owner_name_matched BOOLEAN;
ALTER TABLE key_envelope ADD COLUMN confirmed_by VARCHAR(255);
ALTER TABLE key_envelope ADD COLUMN confirmation_reason VARCHAR(500);
