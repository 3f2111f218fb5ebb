-- 部門客戶投訴工作月報 versions (CP-15, CP-16): each computation of an office's month is a new
-- version and every version is kept; the one the director approved is frozen, and is what the
-- downloads show unless another version is asked for. The random samples drawn for the
-- supervision tasks (CP-16.3) are recorded with the version they belong to.
ALTER TABLE monthly_report ADD COLUMN version INTEGER;
ALTER TABLE monthly_report ADD COLUMN approved_at TIMESTAMP;
ALTER TABLE monthly_report ADD COLUMN duty_log_sample VARCHAR(4000);
ALTER TABLE monthly_report ADD COLUMN satisfaction_sample VARCHAR(4000);
-- the figures now list every complaint of the month (CP-16.1): room for a couple of thousand
ALTER TABLE monthly_report ALTER COLUMN figures SET DATA TYPE VARCHAR(1000000);

-- reports written before versions: numbered in the order they were computed, per office and
-- month; one that was sent to the complaint centre had been approved by the director
UPDATE monthly_report SET version = (SELECT COUNT(*) FROM monthly_report earlier
    WHERE earlier.report_month = monthly_report.report_month
      AND COALESCE(earlier.office_id, '') = COALESCE(monthly_report.office_id, '')
      AND earlier.id <= monthly_report.id);
UPDATE monthly_report SET approved_at = submitted_at WHERE submitted_at IS NOT NULL;
ALTER TABLE monthly_report ALTER COLUMN version SET NOT NULL;

CREATE UNIQUE INDEX monthly_report_version ON monthly_report (office_id, report_month, version);
