-- The recipient groups the drafter ticked (issue "The office's screens, round two", item 6),
-- comma-separated ids: the recipients are stored expanded, so without this a reopened draft
-- showed each member ticked singly instead of the group.
alter table document_version add column recipient_groups varchar(1000);
