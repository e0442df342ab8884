-- Version 7: a run's processed count is rows (a customer with one address is two; job 1010 counts each database), which is
-- not what its users read it as: each run also keeps how many distinct customers it touched. Older runs show 0.

ALTER TABLE job_run ADD COLUMN customers INTEGER NOT NULL DEFAULT 0;
