-- Bytes per row of the digest ledger and of link tokens, as the sender writes them, on a migrated PaperDigest database
-- that holds no subscribers yet (docs/benchmarks.md, "What a year of digests costs on disk"):
--   psql -d DATABASE -f bench/ledger-size.sql
INSERT INTO subscribers (email, status, created_at, confirmed_at, permanent_failures, frequency, max_papers, min_upvotes, tags)
  SELECT 'r' || g || '@example.com', 'Active', now(), now(), 0, 'Daily', 10, 0, '{}' FROM generate_series(1, 100000) g;
INSERT INTO digest_editions (frequency, last_day, created_at) VALUES ('Daily', '2026-01-01', now());
INSERT INTO digest_deliveries (subscriber_id, edition_id, state, attempts, sent_at, paper_ids)
  SELECT s.id, (SELECT max(id) FROM digest_editions), 'Sent', 1, now(),
         ARRAY(SELECT '2608.' || lpad((s.id * 10 + k)::text, 5, '0') FROM generate_series(1, 10) k) FROM subscribers s;
INSERT INTO subscriber_tokens (hash, subscriber_id, purpose, created_at)
  SELECT sha256(s.id::text::bytea), s.id, 'Manage', now() FROM subscribers s;
VACUUM ANALYZE digest_deliveries;
VACUUM ANALYZE subscriber_tokens;
SELECT 'digest_deliveries' AS "table", pg_total_relation_size('digest_deliveries') / count(*) AS bytes_a_row,
       pg_relation_size('digest_deliveries') / count(*) AS heap, pg_indexes_size('digest_deliveries') / count(*) AS indexes
FROM digest_deliveries
UNION ALL
SELECT 'subscriber_tokens', pg_total_relation_size('subscriber_tokens') / count(*), pg_relation_size('subscriber_tokens') / count(*),
       pg_indexes_size('subscriber_tokens') / count(*)
FROM subscriber_tokens;
