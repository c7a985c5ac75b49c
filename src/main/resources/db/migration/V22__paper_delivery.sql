-- The clerk's record of a document delivered on paper (issue 14, item 7): when, and a note
-- (by hand, by post, to whom). The email's own state stays as it was.
alter table delivery add column paper_at timestamp with time zone;
alter table delivery add column paper_note varchar(500);
