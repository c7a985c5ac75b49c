-- The document lists' order (newest first: the issue time, else the last change) as a column of its
-- own, written with every save (DocumentStore), so that an index gives a list's first page without
-- sorting every document the caller may read (docs/benchmarks.md, "Scale": at 100,000 documents
-- the sort was most of a list's time). H2 has no index on an expression, hence the column.
alter table document add column listed_at timestamp with time zone;
update document set listed_at = coalesce(issued_at, updated_at);
alter table document alter column listed_at set not null;
create index document_listed_idx on document (listed_at desc, id desc);
