-- an invitee's own secret, in the UID of the calendar event sent to them (vanthu-{id}-{secret}@host):
-- a calendar client echoes it in its REPLY, which proves the answer comes from that invitation's
-- mailbox; invitations sent before this have none (the old, guessable UID)
alter table delivery add column reply_secret varchar(40);
create unique index delivery_reply_secret_idx on delivery (reply_secret);

-- a REPLY not proven to come from the invitee is kept for the clerks to see, never counted
alter table calendar_reply add column sender varchar(320);
alter table calendar_reply add column part_stat varchar(20);
alter table calendar_reply add column note varchar(200);
create index calendar_reply_document_idx on calendar_reply (document_id, outcome);

-- a secret every node of one installation shares (one database): a node proves with it that the
-- address vanthu.public-url leads to this installation (operations.PublicUrlCheck)
create table installation_secret (
    name    varchar(40) primary key,
    secret  varchar(64) not null
);
