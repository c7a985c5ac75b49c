-- Issue 13: what a draft says about its printing and publication, and what the register keeps of it.

-- the drafter's choices (null urgency / circulation: none); printed_recipients: Nơi nhận lines as
-- printed, one per line (null: one line per email recipient)
alter table document_version add column urgency varchar(20);
alter table document_version add column publish boolean not null default true;
alter table document_version add column circulation varchar(20);
alter table document_version add column printed_recipients varchar(60000);

-- a copy in the register, so that the board and the register never need the draft tables
alter table outgoing_register add column urgency varchar(20);
alter table outgoing_register add column published boolean not null default true;
alter table outgoing_register add column circulation varchar(20);
alter table outgoing_register add column printed_recipients varchar(60000);
alter table outgoing_register add column copies int;

-- a recall rests on a decision: who decided it, and "theo … số … ngày …"
alter table outgoing_register add column recall_decided_by varchar(300);
alter table outgoing_register add column recall_basis varchar(500);
alter table outgoing_register add column recalled_at timestamp with time zone;
