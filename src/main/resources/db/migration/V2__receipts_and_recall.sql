-- Personal links in each email: receipt and, for an invitation, attend / decline / delegate.
-- Only a hash of the token is kept; every email gets fresh tokens, all valid until they expire.
create table recipient_token (
    token_hash   varchar(64) primary key,
    document_id  bigint      not null references document (id),
    position     int         not null,
    created_at   timestamp with time zone not null,
    expires_at   timestamp with time zone not null
);
create index recipient_token_doc_idx on recipient_token (document_id, position);

-- the person sent in the recipient's place, for a DELEGATED answer
alter table delivery add column delegate_name varchar(300);

-- why a document was recalled
alter table outgoing_register add column recall_reason varchar(2000);
