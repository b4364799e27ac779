-- Schema for the bundled NetSuite sync workflows (workflows/*.json).
--
--   psql "postgresql://user@host:5432/yourdb" -f workflows/sql/schema.sql
--
-- Safe to run again: every object is created IF NOT EXISTS or replaced. PostgreSQL 12 or later.
--
-- Tables                        what they hold
--   netsuite_records            one row per NetSuite record (all record types), soft-deleted
--   netsuite_sync_state         the durable sync's committed cursor, per record type
--   netsuite_sync_jobs          one row per sync run: counts, duration, NetSuite calls, status
--   netsuite_failed_records     records NetSuite would not return (skipped by the node), to replay
--   netsuite_sync_locks         one lease per record type: at most one durable sync at a time
--   netsuite_sync_metrics_*     the metrics endpoint's rollup of settled jobs (see the end of this file)
--
-- Functions (the workflows call these, so each write is ONE statement = one transaction)
--   netsuite_apply_batch        upsert changed records, soft-delete deleted ones, log failures
--   netsuite_sync_begin         take the record type's lease and open a job (or say who holds it)
--   netsuite_sync_commit        apply a batch + move the cursor + count it in the job, atomically
--   netsuite_sync_finish        close the job, release the lease
--   netsuite_sync_fail          the failure-alert workflow: mark a run's job failed, release its lease
--   netsuite_sync_rewind        apply a request's force / since to the cursor
--   netsuite_job_*              the RabbitMQ job queue (workflows "Sync jobs API" and "Sync job worker"), at the end

CREATE TABLE IF NOT EXISTS netsuite_records (
	record_type   text        NOT NULL,                 -- REST record type id: customer, salesOrder, customrecord_x
	id            text        NOT NULL,                 -- NetSuite internal id
	last_modified timestamptz NOT NULL,                 -- lastModified of the version held; the deletion time once deleted
	is_deleted    boolean     NOT NULL DEFAULT false,
	payload       jsonb,                                -- the record as NetSuite returned it (kept after deletion; NULL for
	                                                    -- a record only ever seen deleted)
	synced_at     timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (record_type, id)                       -- the upsert's ON CONFLICT target
);
-- "What changed since" queries and reconciliation by time.
CREATE INDEX IF NOT EXISTS netsuite_records_by_modified ON netsuite_records (record_type, last_modified);

CREATE TABLE IF NOT EXISTS netsuite_sync_state (
	record_type text PRIMARY KEY,
	cursor      jsonb,                                  -- Get Changes cursor; NULL = start from the beginning
	last_job_id bigint,
	updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS netsuite_sync_jobs (
	id           bigserial PRIMARY KEY,
	workflow     text        NOT NULL,                  -- which workflow ran it (its name, or the failed workflow's)
	record_type  text,
	trigger      text,                                  -- poll, schedule, webhook, error
	status       text        NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'success', 'failed')),
	started_at   timestamptz NOT NULL DEFAULT now(),
	finished_at  timestamptz,
	duration_ms  bigint,
	batches      integer     NOT NULL DEFAULT 0,
	total        integer     NOT NULL DEFAULT 0,        -- change items received (re-reads included)
	new          integer     NOT NULL DEFAULT 0,        -- rows inserted
	updated      integer     NOT NULL DEFAULT 0,        -- rows updated with a newer version
	deleted      integer     NOT NULL DEFAULT 0,        -- rows marked deleted
	unchanged    integer     NOT NULL DEFAULT 0,        -- already up to date (re-reads, replays)
	failed       integer     NOT NULL DEFAULT 0,        -- records NetSuite would not return
	calls        integer     NOT NULL DEFAULT 0,        -- NetSuite requests (as the node reports them)
	retries      integer     NOT NULL DEFAULT 0,        -- NetSuite retries (429, 5xx, resets)
	throttled    integer     NOT NULL DEFAULT 0,        -- NetSuite 429 answers (the node's run.throttled)
	has_more     boolean,
	workflow_id  text,
	execution_id text,                                  -- n8n execution: open it, or retry it, from the editor
	error        text,
	error_node   text
);
-- Tables created before the column existed get it here.
ALTER TABLE netsuite_sync_jobs ADD COLUMN IF NOT EXISTS throttled integer NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS netsuite_sync_jobs_by_type ON netsuite_sync_jobs (record_type, started_at DESC);
CREATE INDEX IF NOT EXISTS netsuite_sync_jobs_by_execution ON netsuite_sync_jobs (execution_id);

CREATE TABLE IF NOT EXISTS netsuite_failed_records (
	record_type    text        NOT NULL,
	id             text        NOT NULL,
	last_modified  timestamptz,                         -- the version that failed
	error          text        NOT NULL,                -- NetSuite's message
	details        jsonb,
	job_id         bigint,
	attempts       integer     NOT NULL DEFAULT 1,
	first_failed_at timestamptz NOT NULL DEFAULT now(),
	last_failed_at timestamptz NOT NULL DEFAULT now(),
	resolved_at    timestamptz,                         -- set when a later sync or a replay stored the record
	PRIMARY KEY (record_type, id)
);
CREATE INDEX IF NOT EXISTS netsuite_failed_records_open ON netsuite_failed_records (record_type) WHERE resolved_at IS NULL;

-- A lease rather than pg_advisory_lock: n8n's Postgres node may run each node on a different pooled
-- connection, so a session lock taken in one node is not reliably held (or released) by the next.
-- A row with an expiry survives that, and a crashed run's lease simply runs out.
CREATE TABLE IF NOT EXISTS netsuite_sync_locks (
	record_type  text PRIMARY KEY,
	job_id       bigint      NOT NULL,
	locked_at    timestamptz NOT NULL DEFAULT now(),
	locked_until timestamptz NOT NULL
);

-- Applies one batch of Get Changes / trigger output to netsuite_records and netsuite_failed_records.
--   p_batch = {"changes": [{"id", "lastModified", "deleted", "record"}], "failed": [{"id", "lastModified", "error", "details"}]}
-- A live row is only overwritten by a NEWER version, so a late, replayed or re-read item never puts
-- older data back. lastModified has whole-second precision: at an EQUAL timestamp the incoming version
-- wins only if it differs (two edits in one second: the one read later is the newer one); an identical
-- re-read is counted as unchanged and not written. A deletion always wins and is final: NetSuite never
-- reuses an internal id, so nothing can come after it (and deletion times, read from SuiteQL's local
-- time, can be an hour off inside a daylight-saving fall-back, so they are not compared).
CREATE OR REPLACE FUNCTION netsuite_apply_batch(p_record_type text, p_batch jsonb)
RETURNS TABLE (received integer, inserted integer, updated integer, deleted integer, unchanged integer, failed integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_received integer := jsonb_array_length(COALESCE(p_batch->'changes', '[]'::jsonb));
	v_failed integer := jsonb_array_length(COALESCE(p_batch->'failed', '[]'::jsonb));
	v_inserted integer := 0;
	v_updated integer := 0;
	v_deleted integer := 0;
BEGIN
	WITH incoming AS (
		SELECT c->>'id' AS id,
		       (c->>'lastModified')::timestamptz AS last_modified,
		       COALESCE((c->>'deleted')::boolean, false) AS is_deleted,
		       CASE WHEN COALESCE((c->>'deleted')::boolean, false) THEN NULL ELSE c->'record' END AS payload,
		       ord
		FROM jsonb_array_elements(COALESCE(p_batch->'changes', '[]'::jsonb)) WITH ORDINALITY AS e(c, ord)
	), latest AS (
		-- One row per id (ON CONFLICT may touch a row once per statement): a deletion, else the newest
		-- version, else the last in feed order.
		SELECT DISTINCT ON (id) id, last_modified, is_deleted, payload
		FROM incoming
		ORDER BY id, is_deleted DESC, last_modified DESC, ord DESC
	), written AS (
		INSERT INTO netsuite_records AS t (record_type, id, last_modified, is_deleted, payload)
		SELECT p_record_type, id, last_modified, is_deleted, payload FROM latest
		ON CONFLICT (record_type, id) DO UPDATE
			SET last_modified = excluded.last_modified,
			    is_deleted = excluded.is_deleted,
			    payload = COALESCE(excluded.payload, t.payload),   -- a deletion keeps the last known version
			    synced_at = now()
			WHERE NOT t.is_deleted
			  AND (excluded.is_deleted
			       OR excluded.last_modified > t.last_modified
			       OR (excluded.last_modified = t.last_modified AND excluded.payload IS DISTINCT FROM t.payload))
		RETURNING (xmax = 0) AS was_inserted, is_deleted, id, last_modified
	), resolved AS (
		-- A record stored (or deleted) at or after the version that failed is no longer a failure.
		UPDATE netsuite_failed_records f SET resolved_at = now()
		FROM latest l
		WHERE f.record_type = p_record_type AND f.id = l.id AND f.resolved_at IS NULL
		  AND (l.is_deleted OR f.last_modified IS NULL OR l.last_modified >= f.last_modified)
		RETURNING f.id
	)
	SELECT count(*) FILTER (WHERE was_inserted AND NOT is_deleted),
	       count(*) FILTER (WHERE NOT was_inserted AND NOT is_deleted),
	       count(*) FILTER (WHERE is_deleted)
	INTO v_inserted, v_updated, v_deleted
	FROM written;

	INSERT INTO netsuite_failed_records AS f (record_type, id, last_modified, error, details, job_id)
	SELECT DISTINCT ON (x->>'id') p_record_type, x->>'id', (x->>'lastModified')::timestamptz,
	       COALESCE(x->>'error', 'unknown error'), x->'details', (p_batch->>'jobId')::bigint
	FROM jsonb_array_elements(COALESCE(p_batch->'failed', '[]'::jsonb)) AS x
	ORDER BY x->>'id'
	ON CONFLICT (record_type, id) DO UPDATE
		SET last_modified = excluded.last_modified, error = excluded.error, details = excluded.details,
		    job_id = excluded.job_id, attempts = f.attempts + 1, last_failed_at = now(), resolved_at = NULL;

	RETURN QUERY SELECT v_received, v_inserted, v_updated, v_deleted,
	                    v_received - v_inserted - v_updated - v_deleted, v_failed;
END
$$;

-- Applies a sync request's force / since to the record type's cursor (see netsuite_sync_begin).
--   p_force: forget the cursor, sync everything again.  p_since: re-read at least from this instant
--   (moves the cursor back, never forward, so nothing after it is skipped).
CREATE OR REPLACE FUNCTION netsuite_sync_rewind(p_record_type text, p_force boolean, p_since timestamptz)
RETURNS void
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_since text;
BEGIN
	INSERT INTO netsuite_sync_state (record_type) VALUES (p_record_type) ON CONFLICT (record_type) DO NOTHING;
	IF p_force THEN
		UPDATE netsuite_sync_state s SET cursor = NULL, updated_at = now() WHERE s.record_type = p_record_type;
	ELSIF p_since IS NOT NULL THEN
		v_since := to_char(p_since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
		UPDATE netsuite_sync_state s SET updated_at = now(), cursor =
			CASE WHEN s.cursor IS NULL OR (s.cursor->>'lastModified')::timestamptz > p_since
			     THEN jsonb_build_object('lastModified', v_since, 'id', '0')
			     ELSE jsonb_build_object('lastModified', s.cursor->>'lastModified', 'id', s.cursor->>'id') END
			|| CASE WHEN s.cursor IS NULL OR s.cursor->>'deletedSince' IS NULL OR (s.cursor->>'deletedSince')::timestamptz > p_since
			        THEN jsonb_build_object('deletedSince', v_since, 'deletedId', '0')
			        ELSE jsonb_build_object('deletedSince', s.cursor->>'deletedSince', 'deletedId', s.cursor->>'deletedId') END
		WHERE s.record_type = p_record_type;
	END IF;
END
$$;

-- Takes the record type's lease and opens a job; answers (job_id, started, status).
--   started = true: this run holds the lease (p_force / p_since were applied to the cursor).
--   started = false: another run holds it; job_id is that run's job.
-- With p_job_id (a job another workflow opened for this run, e.g. the webhook): attaches this
-- execution to it and renews its lease instead.
--   p_force: forget the cursor, sync everything again.  p_since: re-read at least from this instant
--   (moves the cursor back, never forward, so nothing after it is skipped).
CREATE OR REPLACE FUNCTION netsuite_sync_begin(
	p_record_type text, p_workflow text, p_trigger text, p_workflow_id text, p_execution_id text,
	p_lease_seconds integer, p_force boolean DEFAULT false, p_since timestamptz DEFAULT NULL, p_job_id bigint DEFAULT NULL)
RETURNS TABLE (job_id bigint, started boolean, status text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_job bigint;
	v_claimed bigint;
BEGIN
	IF p_job_id IS NOT NULL THEN
		UPDATE netsuite_sync_locks l SET locked_until = now() + make_interval(secs => p_lease_seconds)
		WHERE l.record_type = p_record_type AND l.job_id = p_job_id;
		IF NOT FOUND THEN
			RETURN QUERY SELECT p_job_id, false, (SELECT j.status FROM netsuite_sync_jobs j WHERE j.id = p_job_id);
			RETURN;
		END IF;
		UPDATE netsuite_sync_jobs j SET workflow = p_workflow, workflow_id = p_workflow_id, execution_id = p_execution_id
		WHERE j.id = p_job_id;
		RETURN QUERY SELECT p_job_id, true, 'running'::text;
		RETURN;
	END IF;

	-- Claim the lease in one statement: insert it, or take it over only once it has run out. Two callers
	-- racing for it serialise on the row; the loser gets no row back.
	v_job := nextval(pg_get_serial_sequence('netsuite_sync_jobs', 'id'));
	INSERT INTO netsuite_sync_locks AS l (record_type, job_id, locked_until)
	VALUES (p_record_type, v_job, now() + make_interval(secs => p_lease_seconds))
	ON CONFLICT (record_type) DO UPDATE
		SET job_id = excluded.job_id, locked_at = now(), locked_until = excluded.locked_until
		WHERE l.locked_until <= now()
	RETURNING l.job_id INTO v_claimed;
	IF v_claimed IS NULL THEN
		RETURN QUERY SELECT (SELECT l.job_id FROM netsuite_sync_locks l WHERE l.record_type = p_record_type), false, 'running'::text;
		RETURN;
	END IF;

	INSERT INTO netsuite_sync_jobs (id, workflow, record_type, trigger, workflow_id, execution_id)
	VALUES (v_job, p_workflow, p_record_type, p_trigger, p_workflow_id, p_execution_id);
	-- Holding the lease, no other run of this type can be alive: one still marked running had its lease
	-- run out (crash or hang). Its committed batches stay; the cursor resumes after them.
	UPDATE netsuite_sync_jobs j SET status = 'failed', finished_at = now(),
		error = COALESCE(j.error, 'lease expired: the run stopped without finishing (crash or timeout)')
	WHERE j.record_type = p_record_type AND j.status = 'running' AND j.id <> v_job;

	PERFORM netsuite_sync_rewind(p_record_type, p_force, p_since);
	RETURN QUERY SELECT v_job, true, 'running'::text;
END
$$;

-- One durable batch, all or nothing: the records, the failed records, the cursor after them and the
-- job's progress commit together, and only while this job still holds the lease (a run whose lease
-- ran out and was taken over must not move the cursor under the new run).
--   p_batch = {"changes": [...], "failed": [...], "cursor": {...} | null, "hasMore", "calls", "retries", "throttled"}
CREATE OR REPLACE FUNCTION netsuite_sync_commit(p_job_id bigint, p_batch jsonb, p_lease_seconds integer)
RETURNS TABLE (job_id bigint, record_type text, batches integer, total integer, new integer, updated integer,
               deleted integer, unchanged integer, failed integer, has_more boolean, cursor jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_type text;
	a record;
BEGIN
	UPDATE netsuite_sync_locks l SET locked_until = now() + make_interval(secs => p_lease_seconds)
	WHERE l.job_id = p_job_id
	RETURNING l.record_type INTO v_type;
	IF v_type IS NULL THEN
		RAISE EXCEPTION 'sync job % no longer holds its lease (it expired and another run took over); this batch was not committed', p_job_id;
	END IF;

	SELECT * INTO a FROM netsuite_apply_batch(v_type, p_batch || jsonb_build_object('jobId', p_job_id));

	IF jsonb_typeof(p_batch->'cursor') = 'object' THEN
		INSERT INTO netsuite_sync_state AS s (record_type, cursor, last_job_id, updated_at)
		VALUES (v_type, p_batch->'cursor', p_job_id, now())
		ON CONFLICT (record_type) DO UPDATE SET cursor = excluded.cursor, last_job_id = excluded.last_job_id, updated_at = now();
	END IF;

	RETURN QUERY
	UPDATE netsuite_sync_jobs j SET
		batches = j.batches + 1,
		total = j.total + a.received + a.failed,
		new = j.new + a.inserted,
		updated = j.updated + a.updated,
		deleted = j.deleted + a.deleted,
		unchanged = j.unchanged + a.unchanged,
		failed = j.failed + a.failed,
		calls = j.calls + COALESCE((p_batch->>'calls')::integer, 0),
		retries = j.retries + COALESCE((p_batch->>'retries')::integer, 0),
		throttled = j.throttled + COALESCE((p_batch->>'throttled')::integer, 0),
		has_more = COALESCE((p_batch->>'hasMore')::boolean, false)
	WHERE j.id = p_job_id
	RETURNING j.id, j.record_type, j.batches, j.total, j.new, j.updated, j.deleted, j.unchanged, j.failed, j.has_more,
	          (SELECT s.cursor FROM netsuite_sync_state s WHERE s.record_type = v_type);
END
$$;

-- Closes a durable job as successful and releases its lease.
CREATE OR REPLACE FUNCTION netsuite_sync_finish(p_job_id bigint)
RETURNS SETOF netsuite_sync_jobs
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
	DELETE FROM netsuite_sync_locks l WHERE l.job_id = p_job_id;
	RETURN QUERY
	UPDATE netsuite_sync_jobs j SET status = 'success', finished_at = now(),
		duration_ms = (extract(epoch FROM now() - j.started_at) * 1000)::bigint
	WHERE j.id = p_job_id AND j.status = 'running'
	RETURNING j.*;
END
$$;

-- Called by the failure-alert workflow: marks the failed execution's job(s) failed with the error,
-- releases their lease at once (no need to wait for it to run out), or records a new failed job when
-- the run had not written one yet. Returns the affected jobs.
CREATE OR REPLACE FUNCTION netsuite_sync_fail(
	p_execution_id text, p_workflow_id text, p_workflow text, p_error text, p_error_node text)
RETURNS SETOF netsuite_sync_jobs
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_ids bigint[];
BEGIN
	WITH marked AS (
		UPDATE netsuite_sync_jobs j SET status = 'failed', finished_at = now(), error = p_error, error_node = p_error_node,
			duration_ms = (extract(epoch FROM now() - j.started_at) * 1000)::bigint
		WHERE p_execution_id IS NOT NULL AND j.execution_id = p_execution_id AND j.status <> 'failed'
		RETURNING j.id
	)
	SELECT array_agg(id) INTO v_ids FROM marked;
	IF v_ids IS NULL AND p_execution_id IS NOT NULL THEN
		-- A run that recorded its own failure first (the job worker, after the last retry) keeps its error.
		SELECT array_agg(j.id) INTO v_ids FROM netsuite_sync_jobs j WHERE j.execution_id = p_execution_id;
	END IF;
	IF v_ids IS NULL THEN
		INSERT INTO netsuite_sync_jobs (workflow, trigger, status, finished_at, workflow_id, execution_id, error, error_node)
		VALUES (COALESCE(p_workflow, 'unknown workflow'), 'error', 'failed', now(), p_workflow_id, p_execution_id, p_error, p_error_node)
		RETURNING ARRAY[id] INTO v_ids;
	END IF;
	DELETE FROM netsuite_sync_locks l WHERE l.job_id = ANY (v_ids);
	RETURN QUERY SELECT * FROM netsuite_sync_jobs j WHERE j.id = ANY (v_ids) ORDER BY j.id;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Metrics (workflow 8, GET /webhook/netsuite/metrics): Prometheus counters are sums over every job
-- row ever stored. Summing a year of rows (~600,000 at one poll a minute) on each scrape takes about
-- a second, so jobs that have SETTLED (finished more than a day ago: nothing changes them any more;
-- the failure workflow only touches runs it has just seen fail) are added once to a rollup and the
-- scrape sums the rollup plus the few rows after it. Deleting old job rows therefore never makes a
-- counter go down. A job left 'running' holds the rollup back until a later run of its type marks it
-- failed (its lease has run out); until then the scrape just sums a longer tail.
--
--   netsuite_sync_metrics_rollup   per record type and status: sums of the settled jobs
--   netsuite_sync_metrics_through  one row: the highest job id the rollup holds (every lower one too)
--   netsuite_sync_metrics()        advances the rollup (unless another scrape is doing it) and returns
--                                  every sample as (metric, labels, value)

CREATE TABLE IF NOT EXISTS netsuite_sync_metrics_rollup (
	record_type       text   NOT NULL,                  -- 'unknown' for failed runs that never named one
	status            text   NOT NULL,
	jobs              bigint NOT NULL DEFAULT 0,
	timed_jobs        bigint NOT NULL DEFAULT 0,        -- jobs with a duration
	duration_ms       bigint NOT NULL DEFAULT 0,
	batches           bigint NOT NULL DEFAULT 0,
	new               bigint NOT NULL DEFAULT 0,
	updated           bigint NOT NULL DEFAULT 0,
	deleted           bigint NOT NULL DEFAULT 0,
	unchanged         bigint NOT NULL DEFAULT 0,
	failed            bigint NOT NULL DEFAULT 0,
	calls             bigint NOT NULL DEFAULT 0,
	retries           bigint NOT NULL DEFAULT 0,
	throttled         bigint NOT NULL DEFAULT 0,
	last_success_at   timestamptz,
	last_caught_up_at timestamptz,
	PRIMARY KEY (record_type, status)
);
CREATE TABLE IF NOT EXISTS netsuite_sync_metrics_through (
	one    boolean PRIMARY KEY DEFAULT true CHECK (one),
	job_id bigint  NOT NULL DEFAULT 0
);
INSERT INTO netsuite_sync_metrics_through (one) VALUES (true) ON CONFLICT (one) DO NOTHING;
-- The scrape's "jobs not settled yet" search: running jobs (few) and recent ones, found by id range.
CREATE INDEX IF NOT EXISTS netsuite_sync_jobs_running ON netsuite_sync_jobs (id) WHERE status = 'running';

-- One row per job group, as the rollup stores it (used for the settled range and for the tail).
CREATE OR REPLACE FUNCTION netsuite_sync_metrics_sums(p_after bigint, p_through bigint)
RETURNS SETOF netsuite_sync_metrics_rollup
LANGUAGE sql STABLE AS $$
	SELECT COALESCE(j.record_type, 'unknown'), j.status, count(*), count(j.duration_ms), COALESCE(sum(j.duration_ms), 0),
	       sum(j.batches), sum(j.new), sum(j.updated), sum(j.deleted), sum(j.unchanged), sum(j.failed),
	       sum(j.calls), sum(j.retries), sum(j.throttled),
	       max(j.finished_at) FILTER (WHERE j.status = 'success'),
	       max(j.finished_at) FILTER (WHERE j.status = 'success' AND j.has_more IS NOT TRUE)
	FROM netsuite_sync_jobs j
	WHERE j.id > p_after AND (p_through IS NULL OR j.id <= p_through)
	GROUP BY 1, 2
$$;

CREATE OR REPLACE FUNCTION netsuite_sync_metrics(p_settle interval DEFAULT interval '1 day')
RETURNS TABLE (metric text, labels jsonb, value double precision)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_through bigint;
	v_next bigint;
BEGIN
	-- Only one scrape advances the rollup at a time; a concurrent one reads it as it is (SKIP LOCKED).
	SELECT t.job_id INTO v_through FROM netsuite_sync_metrics_through t FOR UPDATE SKIP LOCKED;
	IF v_through IS NOT NULL THEN
		-- The settled prefix: up to the first job after the rollup that is running or finished recently.
		SELECT COALESCE(min(j.id) - 1, (SELECT max(m.id) FROM netsuite_sync_jobs m), v_through) INTO v_next
		FROM netsuite_sync_jobs j
		WHERE j.id > v_through AND (j.status = 'running' OR j.finished_at IS NULL OR j.finished_at > now() - p_settle);
		IF v_next > v_through THEN
			INSERT INTO netsuite_sync_metrics_rollup AS r
			SELECT * FROM netsuite_sync_metrics_sums(v_through, v_next)
			ON CONFLICT (record_type, status) DO UPDATE SET
				jobs = r.jobs + excluded.jobs, timed_jobs = r.timed_jobs + excluded.timed_jobs,
				duration_ms = r.duration_ms + excluded.duration_ms, batches = r.batches + excluded.batches,
				new = r.new + excluded.new, updated = r.updated + excluded.updated, deleted = r.deleted + excluded.deleted,
				unchanged = r.unchanged + excluded.unchanged, failed = r.failed + excluded.failed,
				calls = r.calls + excluded.calls, retries = r.retries + excluded.retries, throttled = r.throttled + excluded.throttled,
				last_success_at = GREATEST(r.last_success_at, excluded.last_success_at),
				last_caught_up_at = GREATEST(r.last_caught_up_at, excluded.last_caught_up_at);
			UPDATE netsuite_sync_metrics_through t SET job_id = v_next;
			v_through := v_next;
		END IF;
	ELSE
		SELECT t.job_id INTO v_through FROM netsuite_sync_metrics_through t;
	END IF;

	RETURN QUERY
	WITH groups AS (
		SELECT * FROM netsuite_sync_metrics_rollup
		UNION ALL
		SELECT * FROM netsuite_sync_metrics_sums(COALESCE(v_through, 0), NULL)
	), t AS (
		SELECT g.record_type,
		       -- Only finished runs count: a queued job (RabbitMQ path) is not finished yet.
		       sum(g.jobs) FILTER (WHERE g.status IN ('success', 'failed')) AS finished,
		       sum(g.jobs) FILTER (WHERE g.status = 'failed') AS failed_jobs,
		       sum(g.jobs) FILTER (WHERE g.status = 'running') AS running,
		       sum(g.timed_jobs) AS timed_jobs, sum(g.duration_ms) AS duration_ms, sum(g.batches) AS batches,
		       sum(g.new) AS new, sum(g.updated) AS updated, sum(g.deleted) AS deleted, sum(g.unchanged) AS unchanged,
		       sum(g.failed) AS failed, sum(g.calls) AS calls, sum(g.retries) AS retries, sum(g.throttled) AS throttled,
		       max(g.last_success_at) AS last_success_at, max(g.last_caught_up_at) AS last_caught_up_at
		FROM groups g GROUP BY g.record_type
	), samples AS (
		SELECT s.metric, jsonb_build_object('record_type', t.record_type) || s.labels AS labels, s.value
		FROM t CROSS JOIN LATERAL (VALUES
			('netsuite_sync_jobs_total', '{}'::jsonb, COALESCE(t.finished, 0)::float8),
			('netsuite_sync_jobs_failed_total', '{}', COALESCE(t.failed_jobs, 0)),
			('netsuite_sync_jobs_running', '{}', COALESCE(t.running, 0)),
			('netsuite_sync_job_duration_seconds_count', '{}', t.timed_jobs),
			('netsuite_sync_job_duration_seconds_sum', '{}', t.duration_ms / 1000.0),
			('netsuite_sync_batches_total', '{}', t.batches),
			('netsuite_sync_records_total', '{"outcome": "new"}', t.new),
			('netsuite_sync_records_total', '{"outcome": "updated"}', t.updated),
			('netsuite_sync_records_total', '{"outcome": "deleted"}', t.deleted),
			('netsuite_sync_records_total', '{"outcome": "unchanged"}', t.unchanged),
			('netsuite_sync_records_total', '{"outcome": "failed"}', t.failed),
			('netsuite_sync_api_requests_total', '{}', t.calls),
			('netsuite_sync_api_retries_total', '{}', t.retries),
			('netsuite_sync_api_throttled_total', '{}', t.throttled),
			('netsuite_sync_last_success_timestamp_seconds', '{}', extract(epoch FROM t.last_success_at)),
			('netsuite_sync_last_caught_up_timestamp_seconds', '{}', extract(epoch FROM t.last_caught_up_at)),
			('netsuite_sync_freshness_seconds', '{}', extract(epoch FROM now() - t.last_caught_up_at))
		) AS s(metric, labels, value)
		UNION ALL
		SELECT 'netsuite_sync_failed_records_open', jsonb_build_object('record_type', f.record_type), count(*)
		FROM netsuite_failed_records f WHERE f.resolved_at IS NULL GROUP BY f.record_type
		UNION ALL
		SELECT 'netsuite_sync_cursor_age_seconds', jsonb_build_object('record_type', c.record_type), extract(epoch FROM now() - c.updated_at)
		FROM netsuite_sync_state c WHERE c.cursor IS NOT NULL
		UNION ALL
		SELECT 'netsuite_sync_cursor_timestamp_seconds', jsonb_build_object('record_type', c.record_type),
		       extract(epoch FROM (c.cursor->>'lastModified')::timestamptz)
		FROM netsuite_sync_state c WHERE c.cursor->>'lastModified' IS NOT NULL
	)
	SELECT s.metric, s.labels, s.value FROM samples s WHERE s.value IS NOT NULL ORDER BY s.metric, s.labels::text;
END
$$;

-- ---------------------------------------------------------------------------------------------------
-- RabbitMQ job queue (workflows "Sync jobs API" and "Sync job worker"). A queued job is a
-- netsuite_sync_jobs row with trigger 'queue': queued → running → success, or back to queued for the
-- next retry tier, or failed once it is dead-lettered. attempts counts the worker's starts.
ALTER TABLE netsuite_sync_jobs ADD COLUMN IF NOT EXISTS attempts integer NOT NULL DEFAULT 0;
ALTER TABLE netsuite_sync_jobs ADD COLUMN IF NOT EXISTS params jsonb;   -- the request: force, since, batchSize
ALTER TABLE netsuite_sync_jobs DROP CONSTRAINT IF EXISTS netsuite_sync_jobs_status_check;
ALTER TABLE netsuite_sync_jobs ADD CONSTRAINT netsuite_sync_jobs_status_check
	CHECK (status IN ('queued', 'running', 'success', 'failed'));
-- At most one open queued job per record type: a second request gets the open one (and two racing
-- requests serialise on this index).
CREATE UNIQUE INDEX IF NOT EXISTS netsuite_sync_jobs_one_open_queued ON netsuite_sync_jobs (record_type)
	WHERE trigger = 'queue' AND status IN ('queued', 'running');

-- Records a queued job, or answers the open one of the record type (created = false).
CREATE OR REPLACE FUNCTION netsuite_job_enqueue(
	p_record_type text, p_params jsonb, p_workflow text, p_workflow_id text, p_execution_id text)
RETURNS TABLE (job_id bigint, created boolean, status text, attempts integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	v_job bigint;
BEGIN
	INSERT INTO netsuite_sync_jobs (workflow, record_type, trigger, status, params, workflow_id, execution_id)
	VALUES (p_workflow, p_record_type, 'queue', 'queued', COALESCE(p_params, '{}'::jsonb), p_workflow_id, p_execution_id)
	ON CONFLICT (record_type) WHERE trigger = 'queue' AND status IN ('queued', 'running') DO NOTHING
	RETURNING id INTO v_job;
	IF v_job IS NOT NULL THEN
		RETURN QUERY SELECT v_job, true, 'queued'::text, 0;
		RETURN;
	END IF;
	RETURN QUERY SELECT j.id, false, j.status, j.attempts FROM netsuite_sync_jobs j
		WHERE j.record_type = p_record_type AND j.trigger = 'queue' AND j.status IN ('queued', 'running');
END
$$;

-- Undoes an enqueue or replay whose message RabbitMQ did not take: a new job is removed, a replayed
-- one is failed again (with its attempts before the replay), so no 'queued' row waits for nothing.
CREATE OR REPLACE FUNCTION netsuite_job_unqueue(p_job_id bigint, p_attempts integer DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	IF p_attempts IS NULL THEN
		DELETE FROM netsuite_sync_jobs j WHERE j.id = p_job_id AND j.status = 'queued' AND j.attempts = 0;
	ELSE
		UPDATE netsuite_sync_jobs j SET status = 'failed', attempts = p_attempts WHERE j.id = p_job_id AND j.status = 'queued';
	END IF;
END
$$;

-- The worker's start of one delivery: takes the record type's lease for the job (also when this job
-- already holds it: a redelivery after a crash), counts the attempt, applies force / since on the
-- first attempt only (a redelivered job continues from its committed cursor).
--   started = false: reason says why; done = true when there is nothing left to do (unknown or
--   finished job: a duplicate delivery), false when it should be retried (lease held by another run).
CREATE OR REPLACE FUNCTION netsuite_job_start(
	p_job_id bigint, p_workflow text, p_workflow_id text, p_execution_id text, p_lease_seconds integer)
RETURNS TABLE (job_id bigint, started boolean, done boolean, reason text, record_type text, attempts integer, params jsonb)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	j netsuite_sync_jobs;
	v_claimed bigint;
BEGIN
	SELECT * INTO j FROM netsuite_sync_jobs x WHERE x.id = p_job_id FOR UPDATE;
	IF NOT FOUND THEN
		RETURN QUERY SELECT p_job_id, false, true, 'no such job'::text, NULL::text, 0, NULL::jsonb;
		RETURN;
	END IF;
	IF j.status NOT IN ('queued', 'running') THEN
		RETURN QUERY SELECT p_job_id, false, true, format('job already %s', j.status), j.record_type, j.attempts, j.params;
		RETURN;
	END IF;
	UPDATE netsuite_sync_jobs x SET attempts = x.attempts + 1, workflow = p_workflow, workflow_id = p_workflow_id,
		execution_id = p_execution_id
	WHERE x.id = p_job_id;

	INSERT INTO netsuite_sync_locks AS l (record_type, job_id, locked_until)
	VALUES (j.record_type, p_job_id, now() + make_interval(secs => p_lease_seconds))
	ON CONFLICT (record_type) DO UPDATE
		SET job_id = excluded.job_id, locked_at = now(), locked_until = excluded.locked_until
		WHERE l.locked_until <= now() OR l.job_id = excluded.job_id
	RETURNING l.job_id INTO v_claimed;
	IF v_claimed IS NULL THEN
		RETURN QUERY SELECT p_job_id, false, false,
			format('another run is syncing %s (job %s)', j.record_type, (SELECT l.job_id FROM netsuite_sync_locks l WHERE l.record_type = j.record_type)),
			j.record_type, j.attempts + 1, j.params;
		RETURN;
	END IF;
	-- As in netsuite_sync_begin: a run whose lease ran out is not alive any more.
	UPDATE netsuite_sync_jobs x SET status = 'failed', finished_at = now(),
		error = COALESCE(x.error, 'lease expired: the run stopped without finishing (crash or timeout)')
	WHERE x.record_type = j.record_type AND x.status = 'running' AND x.id <> p_job_id;

	UPDATE netsuite_sync_jobs x SET status = 'running' WHERE x.id = p_job_id;
	IF j.attempts = 0 THEN
		PERFORM netsuite_sync_rewind(j.record_type, COALESCE((j.params->>'force')::boolean, false), (j.params->>'since')::timestamptz);
	ELSE
		INSERT INTO netsuite_sync_state (record_type) VALUES (j.record_type) ON CONFLICT (record_type) DO NOTHING;
	END IF;
	RETURN QUERY SELECT p_job_id, true, false, NULL::text, j.record_type, j.attempts + 1, j.params;
END
$$;

-- A failed attempt: p_final = false → back to 'queued' (its message waits in a retry tier);
-- p_final = true → 'failed' (its message is in the dead-letter queue). Either way the lease goes.
CREATE OR REPLACE FUNCTION netsuite_job_attempt_failed(p_job_id bigint, p_error text, p_error_node text, p_final boolean)
RETURNS SETOF netsuite_sync_jobs
LANGUAGE plpgsql AS $$
#variable_conflict use_column
BEGIN
	DELETE FROM netsuite_sync_locks l WHERE l.job_id = p_job_id;
	RETURN QUERY
	UPDATE netsuite_sync_jobs j SET
		status = CASE WHEN p_final THEN 'failed' ELSE 'queued' END,
		finished_at = CASE WHEN p_final THEN now() ELSE NULL END,
		duration_ms = CASE WHEN p_final THEN (extract(epoch FROM now() - j.started_at) * 1000)::bigint ELSE NULL END,
		error = p_error, error_node = p_error_node
	WHERE j.id = p_job_id AND j.status IN ('queued', 'running')
	RETURNING j.*;
END
$$;

-- Replay of a dead-lettered (failed) queued job: back to 'queued' with attempts reset. replayed =
-- false with the reason when it is not a failed queued job, or the type already has an open job.
CREATE OR REPLACE FUNCTION netsuite_job_replay(p_job_id bigint)
RETURNS TABLE (job_id bigint, replayed boolean, reason text, record_type text, params jsonb, previous_attempts integer)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
	j netsuite_sync_jobs;
	v_open bigint;
BEGIN
	SELECT * INTO j FROM netsuite_sync_jobs x WHERE x.id = p_job_id FOR UPDATE;
	IF NOT FOUND OR j.trigger IS DISTINCT FROM 'queue' THEN
		RETURN QUERY SELECT p_job_id, false, 'no queued sync job with this id'::text, NULL::text, NULL::jsonb, 0;
		RETURN;
	END IF;
	IF j.status <> 'failed' THEN
		RETURN QUERY SELECT p_job_id, false, format('only a failed (dead-lettered) job can be replayed; this one is %s', j.status),
			j.record_type, j.params, j.attempts;
		RETURN;
	END IF;
	SELECT x.id INTO v_open FROM netsuite_sync_jobs x
	WHERE x.record_type = j.record_type AND x.trigger = 'queue' AND x.status IN ('queued', 'running');
	IF v_open IS NOT NULL THEN
		RETURN QUERY SELECT p_job_id, false, format('job %s for %s is already queued or running', v_open, j.record_type),
			j.record_type, j.params, j.attempts;
		RETURN;
	END IF;
	UPDATE netsuite_sync_jobs x SET status = 'queued', attempts = 0, finished_at = NULL, duration_ms = NULL
	WHERE x.id = p_job_id;
	RETURN QUERY SELECT p_job_id, true, NULL::text, j.record_type, j.params, j.attempts;
END
$$;

-- ─── Search (workflow 9 "Search") ────────────────────────────────────────────────────────────────
-- Case- and accent-insensitive substring search over the synced copy, served by a trigram index.
--
-- Why a stored column + pg_trgm GIN: a GIN trigram index answers LIKE '%acme%' (any substring, not
-- only prefixes, which a btree could serve) by intersecting posting lists, so a search over 100,000
-- customers reads tens of rows, not all of them. The column holds every searchable field folded
-- (lower case, accents removed) and joined by newlines, so the index is computed once per write
-- instead of once per search, and the query's LIKE prefilter is exact up to field boundaries
-- (the query never contains a newline). netsuite_search then matches each field of the search
-- type (Settings → searchTypes) exactly and ranks: exact, prefix, word prefix, substring, then
-- trigram similarity.
-- Needs the contrib extensions pg_trgm and unaccent (in PostgreSQL's standard packages, Amazon RDS,
-- Cloud SQL and Azure): CREATE EXTENSION needs a role allowed to create them, once.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its rules file could change), so an index or generated column cannot
-- call it; naming the dictionary makes the result depend on its input alone. If you edit unaccent's
-- rules, run: UPDATE netsuite_records SET payload = payload; to refold the stored column.
-- Line breaks and tabs become spaces (a search runs within one field, see netsuite_search_text).
CREATE OR REPLACE FUNCTION netsuite_fold(p_text text)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(lower(public.unaccent('public.unaccent'::regdictionary, translate(p_text, E'\n\r\t', '   '))), '') $$;

-- The fields a search may look in. A search type's fields (workflow 9's Settings) must be among
-- these; to search another field, add it here and to netsuite_search_fields(), then run this file.
CREATE OR REPLACE FUNCTION netsuite_search_fields()
RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT ARRAY['companyName', 'entityId', 'email', 'phone', 'itemId', 'displayName', 'upcCode'] $$;

CREATE OR REPLACE FUNCTION netsuite_search_text(p jsonb)
RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
	-- One line per field of netsuite_search_fields(), in its order (empty when absent), so a field's
	-- folded value is split_part(search_text, E'\n', its position) without folding it again.
	SELECT concat_ws(E'\n', netsuite_fold(p->>'companyName'), netsuite_fold(p->>'entityId'), netsuite_fold(p->>'email'),
		netsuite_fold(p->>'phone'), netsuite_fold(p->>'itemId'), netsuite_fold(p->>'displayName'), netsuite_fold(p->>'upcCode'))
$$;

-- Adding it to an existing table computes it once for every row (a table rewrite).
ALTER TABLE netsuite_records ADD COLUMN IF NOT EXISTS search_text text
	GENERATED ALWAYS AS (netsuite_search_text(payload)) STORED;
CREATE INDEX IF NOT EXISTS netsuite_records_search ON netsuite_records
	USING gin (search_text gin_trgm_ops) WHERE NOT is_deleted;

-- One search: {"cold": true} when no record of these types was ever synced (the workflow then asks
-- NetSuite and starts a sync), else {"cold": false, "results": [{id, recordType, name, <fields>}]}.
-- p_query is taken literally: % _ and \ are escaped before LIKE, and it only ever travels as a
-- bound parameter. Deleted records are never returned.
-- Two steps, so that a query matching most rows (say "555" in phone numbers) stays cheap: every
-- match is ranked from the stored column alone (a field equal to the query, a field starting with
-- it, a word starting with it, anywhere; then shorter text first) and the best 10 × limit go on to
-- the exact ranking, per field of the search type, with trigram similarity.
CREATE OR REPLACE FUNCTION netsuite_search(p_record_types text[], p_query text, p_limit integer, p_fields text[])
RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
DECLARE
	q text := netsuite_fold(regexp_replace(btrim(p_query), '\s+', ' ', 'g'));
	escaped text;
	unknown text[];
	results jsonb;
BEGIN
	IF q IS NULL OR length(q) < 2 THEN
		RAISE EXCEPTION 'netsuite_search: the query must have at least 2 characters';
	END IF;
	SELECT array_agg(f) INTO unknown FROM unnest(p_fields) f WHERE f <> ALL (netsuite_search_fields());
	IF unknown IS NOT NULL THEN
		RAISE EXCEPTION 'netsuite_search: % not searchable; add to netsuite_search_fields() and netsuite_search_text() in schema.sql and run it again', unknown;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM netsuite_records WHERE record_type = ANY (p_record_types))
		AND NOT EXISTS (SELECT 1 FROM netsuite_sync_state WHERE record_type = ANY (p_record_types)) THEN
		RETURN jsonb_build_object('cold', true, 'results', '[]'::jsonb);
	END IF;
	escaped := replace(replace(replace(q, '\', '\\'), '%', '\%'), '_', '\_');
	WITH pool AS (
		SELECT r.record_type, r.id, r.payload, r.search_text
		FROM netsuite_records r
		WHERE r.record_type = ANY (p_record_types) AND NOT r.is_deleted
			AND r.search_text LIKE '%' || escaped || '%'
		ORDER BY CASE WHEN position(E'\n' || q || E'\n' IN E'\n' || r.search_text || E'\n') > 0 THEN 0
				WHEN position(E'\n' || q IN E'\n' || r.search_text) > 0 THEN 1
				WHEN position(' ' || q IN r.search_text) > 0 THEN 2 ELSE 3 END,
			length(r.search_text), r.id
		LIMIT least(p_limit * 10, 1000)
	), hit AS (
		SELECT p.id, m.rank, m.sim, m.name,
			jsonb_build_object('id', p.id, 'recordType', p.record_type, 'name', m.name) || m.fields AS doc
		FROM pool p
		CROSS JOIN LATERAL (
			SELECT min(CASE WHEN v.folded = q THEN 0
					WHEN left(v.folded, length(q)) = q THEN 1
					WHEN position(' ' || q IN v.folded) > 0 THEN 2
					WHEN position(q IN v.folded) > 0 THEN 3 END) AS rank,
				max(similarity(v.folded, q)) AS sim,
				(array_agg(v.value ORDER BY v.ord) FILTER (WHERE v.value <> ''))[1] AS name,
				jsonb_object_agg(v.field, v.value) AS fields
			FROM unnest(p_fields) WITH ORDINALITY AS f(field, ord)
			CROSS JOIN LATERAL (SELECT f.field, f.ord, p.payload->>f.field AS value,
				split_part(p.search_text, E'\n', array_position(netsuite_search_fields(), f.field)) AS folded) v
		) m
		WHERE m.rank IS NOT NULL
		ORDER BY m.rank, m.sim DESC, m.name, p.id
		LIMIT p_limit
	)
	SELECT COALESCE(jsonb_agg(hit.doc ORDER BY hit.rank, hit.sim DESC, hit.name, hit.id), '[]'::jsonb) INTO results FROM hit;
	RETURN jsonb_build_object('cold', false, 'results', results);
END
$$;
