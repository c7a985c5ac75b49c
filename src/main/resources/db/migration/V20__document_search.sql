-- Search over number, title and body that ignores diacritics and case (issue 14, item 1): the
-- text is folded in Java (DocumentSearch.fold: no marks, đ → d, lower case) when a version is
-- saved or the document is issued, so the same LIKE works on H2 and PostgreSQL. Rows from before
-- this column are filled in at start-up (SearchTextBackfill).
alter table document add column search_text varchar(110000);
create index document_drafter_idx on document (drafter);
create index document_signer_idx on document (signer);
create index work_item_document_idx on work_item (document_id);
