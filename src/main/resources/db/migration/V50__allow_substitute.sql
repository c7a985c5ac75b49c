-- Whether an invitee may send someone in their place ("Cử người dự thay"); earlier drafts allowed it.
alter table document_version add column allow_substitute boolean default true not null;
