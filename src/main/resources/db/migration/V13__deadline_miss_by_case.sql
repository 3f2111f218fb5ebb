-- When a late task is finally done, its recorded misses get their completion time, looked up
-- by the case and the task (ComplaintRecords.missedTaskCompleted, at the completion of every
-- task that has a deadline). Without this index each such completion read every missed
-- deadline ever recorded, a table kept for years as the company's record (BENCHMARKS.md,
-- "Missed deadlines looked up by case").
CREATE INDEX deadline_miss_case ON deadline_miss (process_instance_id, task_key);
