-- Offices (管理處): every record carries the office of its case when it is written, so moving a
-- community to another office changes new cases only. Rows written before offices existed are
-- given the office of their community once on start (office/OfficeUpgrade).
ALTER TABLE duty_log ADD COLUMN office_id VARCHAR(64);
ALTER TABLE key_envelope ADD COLUMN office_id VARCHAR(64);
ALTER TABLE resident_notice ADD COLUMN office_id VARCHAR(64);
ALTER TABLE collective_case ADD COLUMN office_id VARCHAR(64);
ALTER TABLE complaint ADD COLUMN office_id VARCHAR(64);
ALTER TABLE deadline_miss ADD COLUMN office_id VARCHAR(64);
ALTER TABLE work_circulation_slip ADD COLUMN office_id VARCHAR(64);
ALTER TABLE special_incident_report ADD COLUMN office_id VARCHAR(64);
ALTER TABLE visit_record ADD COLUMN office_id VARCHAR(64);
ALTER TABLE mail_outbox ADD COLUMN office_id VARCHAR(64);
ALTER TABLE monthly_report ADD COLUMN office_id VARCHAR(64);

-- a complaint typed into the wrong community: closed as 登記錯誤 and opened again, linked both ways
ALTER TABLE complaint ADD COLUMN corrected_to VARCHAR(64);
ALTER TABLE complaint ADD COLUMN corrected_from VARCHAR(64);
ALTER TABLE complaint ADD COLUMN correction_reason VARCHAR(500);

CREATE INDEX duty_log_office ON duty_log (office_id, logged_at);
CREATE INDEX complaint_office ON complaint (office_id, received_at);
CREATE INDEX key_envelope_office ON key_envelope (office_id, status);
CREATE INDEX monthly_report_office ON monthly_report (office_id, report_month);
