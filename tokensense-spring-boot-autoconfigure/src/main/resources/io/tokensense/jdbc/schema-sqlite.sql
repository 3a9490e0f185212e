-- TokenSense call events for SQLite. timestamp is fixed-width ISO-8601 UTC text
-- (2025-06-01T12:00:00.123456Z): it sorts in time order and SQLite's date functions
-- (strftime, unixepoch, julianday) read it. cost_usd is text so every row keeps its exact
-- decimal value (SQLite's SUM still reads it as a number). streamed is 0 or 1.
CREATE TABLE IF NOT EXISTS tokensense_calls (
	id TEXT NOT NULL PRIMARY KEY,
	timestamp TEXT NOT NULL,
	provider TEXT NOT NULL,
	operation TEXT NOT NULL,
	request_model TEXT,
	response_model TEXT,
	input_tokens INTEGER,
	output_tokens INTEGER,
	cache_read_tokens INTEGER,
	cache_write_tokens INTEGER,
	reasoning_tokens INTEGER,
	total_tokens INTEGER,
	cost_usd TEXT,
	pricing_status TEXT NOT NULL,
	latency_ms INTEGER NOT NULL,
	time_to_first_token_ms INTEGER,
	streamed INTEGER NOT NULL,
	status TEXT NOT NULL,
	error_type TEXT,
	user_id TEXT,
	session_id TEXT,
	tags TEXT NOT NULL,
	request_id TEXT,
	prompt TEXT,
	response TEXT,
	service_tier TEXT
);
CREATE INDEX IF NOT EXISTS tokensense_calls_timestamp_idx ON tokensense_calls (timestamp);
CREATE INDEX IF NOT EXISTS tokensense_calls_user_id_idx ON tokensense_calls (user_id);
CREATE INDEX IF NOT EXISTS tokensense_calls_session_id_idx ON tokensense_calls (session_id);
-- Hourly totals of the calls above, per hour, provider, operation, requested model and user, added to
-- in the same transaction as the rows (only rows actually inserted count). Reports read them for whole
-- hours; they stay when old rows are deleted. key_hash is the SHA-256 (hex) of provider, operation,
-- request_model and user_id, so the primary key stays short on every database and NULLs are keys too.
-- SQLite has no decimal type: cost_pico_usd is the cost in whole picodollars (USD * 10^12), exact.
CREATE TABLE IF NOT EXISTS tokensense_calls_hourly (
	hour_start TEXT NOT NULL,
	key_hash TEXT NOT NULL,
	provider TEXT NOT NULL,
	operation TEXT NOT NULL,
	request_model TEXT,
	user_id TEXT,
	calls INTEGER NOT NULL,
	errors INTEGER NOT NULL,
	unpriced_calls INTEGER NOT NULL,
	input_tokens INTEGER NOT NULL,
	output_tokens INTEGER NOT NULL,
	cache_read_tokens INTEGER NOT NULL,
	cache_write_tokens INTEGER NOT NULL,
	reasoning_tokens INTEGER NOT NULL,
	cost_pico_usd INTEGER NOT NULL,
	PRIMARY KEY (hour_start, key_hash)
);
-- The same totals without the user, per hour, provider, operation and requested model: a few rows an hour
-- however many users call, so totals, models, providers and time series over weeks read little.
-- key_hash is the SHA-256 (hex) of provider, operation and request_model.
CREATE TABLE IF NOT EXISTS tokensense_calls_hourly_models (
	hour_start TEXT NOT NULL,
	key_hash TEXT NOT NULL,
	provider TEXT NOT NULL,
	operation TEXT NOT NULL,
	request_model TEXT,
	calls INTEGER NOT NULL,
	errors INTEGER NOT NULL,
	unpriced_calls INTEGER NOT NULL,
	input_tokens INTEGER NOT NULL,
	output_tokens INTEGER NOT NULL,
	cache_read_tokens INTEGER NOT NULL,
	cache_write_tokens INTEGER NOT NULL,
	reasoning_tokens INTEGER NOT NULL,
	cost_pico_usd INTEGER NOT NULL,
	PRIMARY KEY (hour_start, key_hash)
);
-- The same totals per day (UTC) and user, for the breakdown by user: a row per active user and day.
-- key_hash is the SHA-256 (hex) of user_id.
CREATE TABLE IF NOT EXISTS tokensense_calls_daily_users (
	day_start TEXT NOT NULL,
	key_hash TEXT NOT NULL,
	user_id TEXT,
	calls INTEGER NOT NULL,
	errors INTEGER NOT NULL,
	unpriced_calls INTEGER NOT NULL,
	input_tokens INTEGER NOT NULL,
	output_tokens INTEGER NOT NULL,
	cache_read_tokens INTEGER NOT NULL,
	cache_write_tokens INTEGER NOT NULL,
	reasoning_tokens INTEGER NOT NULL,
	cost_pico_usd INTEGER NOT NULL,
	PRIMARY KEY (day_start, key_hash)
);
-- Range scans by time: the primary keys lead with the bucket too, but PostgreSQL trusts a key of two
-- columns less to follow the table's order and read a day of hourly rows by a full scan instead.
CREATE INDEX IF NOT EXISTS tokensense_calls_hourly_hour_start_idx ON tokensense_calls_hourly (hour_start);
CREATE INDEX IF NOT EXISTS tokensense_calls_hourly_models_hour_start_idx ON tokensense_calls_hourly_models (hour_start);
CREATE INDEX IF NOT EXISTS tokensense_calls_daily_users_day_start_idx ON tokensense_calls_daily_users (day_start);
-- Running totals per user, for the breakdown by user over any window (two rows per user instead of a row per
-- user and bucket): the totals of all the user's calls so far, and the first and last checkpoint kept for the
-- user. key_hash is the SHA-256 (hex) of user_id, as in the daily totals per user.
-- cost_pico_usd is the cost in whole picodollars, exact, as in the other totals.
CREATE TABLE IF NOT EXISTS tokensense_calls_users (
	key_hash TEXT NOT NULL PRIMARY KEY,
	user_id TEXT,
	first_checkpoint TEXT NOT NULL,
	last_checkpoint TEXT NOT NULL,
	calls INTEGER NOT NULL,
	errors INTEGER NOT NULL,
	unpriced_calls INTEGER NOT NULL,
	input_tokens INTEGER NOT NULL,
	output_tokens INTEGER NOT NULL,
	cache_read_tokens INTEGER NOT NULL,
	cache_write_tokens INTEGER NOT NULL,
	reasoning_tokens INTEGER NOT NULL,
	cost_pico_usd INTEGER NOT NULL
);
-- Per user and checkpoint (every three hours from the epoch, UTC), the totals of the user's calls before it,
-- for every checkpoint from the user's first to last: a window's totals are the difference of two of them.
-- Readers look a checkpoint up (checkpoint_at leads the primary key); the writer walks a user's checkpoints.
CREATE TABLE IF NOT EXISTS tokensense_calls_user_checkpoints (
	checkpoint_at TEXT NOT NULL,
	key_hash TEXT NOT NULL,
	calls INTEGER NOT NULL,
	errors INTEGER NOT NULL,
	unpriced_calls INTEGER NOT NULL,
	input_tokens INTEGER NOT NULL,
	output_tokens INTEGER NOT NULL,
	cache_read_tokens INTEGER NOT NULL,
	cache_write_tokens INTEGER NOT NULL,
	reasoning_tokens INTEGER NOT NULL,
	cost_pico_usd INTEGER NOT NULL,
	PRIMARY KEY (checkpoint_at, key_hash)
);
CREATE INDEX IF NOT EXISTS tokensense_calls_user_checkpoints_key_hash_idx ON tokensense_calls_user_checkpoints (key_hash, checkpoint_at);
