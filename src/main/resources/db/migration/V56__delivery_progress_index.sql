-- The register's ngày chuyển and ký nhận per line (IssueDeliveryProgress: min(sent_at), the
-- confirmed count and the count of a document's ISSUE deliveries) from the index alone: with
-- delivery_uq alone every delivery row was read from the table, 60,000 of them for a year's book
-- of 6,000 invitations, which on H2 with its default cache meant reading them from the file
-- (docs/benchmarks.md, "Scale"). H2 and PostgreSQL both answer from an index that holds every
-- column a query needs.
create index delivery_progress_idx on delivery (document_id, kind, sent_at, confirmed_at);
