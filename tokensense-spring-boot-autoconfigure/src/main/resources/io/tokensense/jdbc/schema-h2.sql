-- TokenSense call events for H2 2.x. timestamp is TIMESTAMP WITH TIME ZONE (an instant);
-- cost_usd is exact DECIMAL; prompt and response are CLOBs; tags is a JSON array as text.
CREATE TABLE IF NOT EXISTS tokensense_calls (
	id VARCHAR(36) NOT NULL PRIMARY KEY,
	timestamp TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	provider VARCHAR(255) NOT NULL,
	operation VARCHAR(255) NOT NULL,
	request_model VARCHAR(255),
	response_model VARCHAR(255),
	input_tokens BIGINT,
	output_tokens BIGINT,
	cache_read_tokens BIGINT,
	cache_write_tokens BIGINT,
	reasoning_tokens BIGINT,
	total_tokens BIGINT,
	cost_usd DECIMAL(38, 18),
	pricing_status VARCHAR(32) NOT NULL,
	latency_ms BIGINT NOT NULL,
	time_to_first_token_ms BIGINT,
	streamed BOOLEAN NOT NULL,
	status VARCHAR(32) NOT NULL,
	error_type VARCHAR(255),
	user_id VARCHAR(255),
	session_id VARCHAR(255),
	tags CHARACTER VARYING NOT NULL,
	request_id VARCHAR(255),
	prompt CHARACTER LARGE OBJECT,
	response CHARACTER LARGE OBJECT,
	service_tier VARCHAR(255)
);
CREATE INDEX IF NOT EXISTS tokensense_calls_timestamp_idx ON tokensense_calls (timestamp);
CREATE INDEX IF NOT EXISTS tokensense_calls_user_id_idx ON tokensense_calls (user_id);
CREATE INDEX IF NOT EXISTS tokensense_calls_session_id_idx ON tokensense_calls (session_id);
-- Hourly totals of the calls above, per hour, provider, operation, requested model and user, added to
-- in the same transaction as the rows (only rows actually inserted count). Reports read them for whole
-- hours; they stay when old rows are deleted. key_hash is the SHA-256 (hex) of provider, operation,
-- request_model and user_id, so the primary key stays short on every database and NULLs are keys too.
CREATE TABLE IF NOT EXISTS tokensense_calls_hourly (
	hour_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	key_hash VARCHAR(64) NOT NULL,
	provider VARCHAR(255) NOT NULL,
	operation VARCHAR(255) NOT NULL,
	request_model VARCHAR(255),
	user_id VARCHAR(255),
	calls BIGINT NOT NULL,
	errors BIGINT NOT NULL,
	unpriced_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL,
	cache_read_tokens BIGINT NOT NULL,
	cache_write_tokens BIGINT NOT NULL,
	reasoning_tokens BIGINT NOT NULL,
	cost_usd DECIMAL(38, 18) NOT NULL,
	PRIMARY KEY (hour_start, key_hash)
);
-- The same totals without the user, per hour, provider, operation and requested model: a few rows an hour
-- however many users call, so totals, models, providers and time series over weeks read little.
-- key_hash is the SHA-256 (hex) of provider, operation and request_model.
CREATE TABLE IF NOT EXISTS tokensense_calls_hourly_models (
	hour_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	key_hash VARCHAR(64) NOT NULL,
	provider VARCHAR(255) NOT NULL,
	operation VARCHAR(255) NOT NULL,
	request_model VARCHAR(255),
	calls BIGINT NOT NULL,
	errors BIGINT NOT NULL,
	unpriced_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL,
	cache_read_tokens BIGINT NOT NULL,
	cache_write_tokens BIGINT NOT NULL,
	reasoning_tokens BIGINT NOT NULL,
	cost_usd DECIMAL(38, 18) NOT NULL,
	PRIMARY KEY (hour_start, key_hash)
);
-- The same totals per day (UTC) and user, for the breakdown by user: a row per active user and day.
-- key_hash is the SHA-256 (hex) of user_id.
CREATE TABLE IF NOT EXISTS tokensense_calls_daily_users (
	day_start TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	key_hash VARCHAR(64) NOT NULL,
	user_id VARCHAR(255),
	calls BIGINT NOT NULL,
	errors BIGINT NOT NULL,
	unpriced_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL,
	cache_read_tokens BIGINT NOT NULL,
	cache_write_tokens BIGINT NOT NULL,
	reasoning_tokens BIGINT NOT NULL,
	cost_usd DECIMAL(38, 18) NOT NULL,
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
CREATE TABLE IF NOT EXISTS tokensense_calls_users (
	key_hash VARCHAR(64) NOT NULL PRIMARY KEY,
	user_id VARCHAR(255),
	first_checkpoint TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	last_checkpoint TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	calls BIGINT NOT NULL,
	errors BIGINT NOT NULL,
	unpriced_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL,
	cache_read_tokens BIGINT NOT NULL,
	cache_write_tokens BIGINT NOT NULL,
	reasoning_tokens BIGINT NOT NULL,
	cost_usd DECIMAL(38, 18) NOT NULL
);
-- Per user and checkpoint (every three hours from the epoch, UTC), the totals of the user's calls before it,
-- for every checkpoint from the user's first to last: a window's totals are the difference of two of them.
-- Readers look a checkpoint up (checkpoint_at leads the primary key); the writer walks a user's checkpoints.
CREATE TABLE IF NOT EXISTS tokensense_calls_user_checkpoints (
	checkpoint_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
	key_hash VARCHAR(64) NOT NULL,
	calls BIGINT NOT NULL,
	errors BIGINT NOT NULL,
	unpriced_calls BIGINT NOT NULL,
	input_tokens BIGINT NOT NULL,
	output_tokens BIGINT NOT NULL,
	cache_read_tokens BIGINT NOT NULL,
	cache_write_tokens BIGINT NOT NULL,
	reasoning_tokens BIGINT NOT NULL,
	cost_usd DECIMAL(38, 18) NOT NULL,
	PRIMARY KEY (checkpoint_at, key_hash)
);
CREATE INDEX IF NOT EXISTS tokensense_calls_user_checkpoints_key_hash_idx ON tokensense_calls_user_checkpoints (key_hash, checkpoint_at);
