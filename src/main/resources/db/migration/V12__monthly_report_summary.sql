-- The managers' dashboard (#17) reads twelve months of each office's headline figures: each
-- stored version keeps them beside its full figures (filled for older versions on first read).
ALTER TABLE monthly_report ADD COLUMN summary VARCHAR(20000);

-- A busy office's month lists thousands of complaints (CP-16.1); the full figures have no
-- length limit.
ALTER TABLE monthly_report ALTER COLUMN figures SET DATA TYPE VARCHAR;
