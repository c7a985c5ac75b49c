-- A leader's signature made with the leader's own token in two steps (docs/signing.md, "Signing with
-- the leader's own token"): what step 2 needs to rebuild exactly the PDF whose data-to-sign was handed
-- out (the rendered bytes, the signing time, the area and image), the certificate path checked in step 1,
-- and where the request stands. V41, not V7: a database that has V40 would refuse a lower new version.
create table client_sign_request (
    request_id   varchar(36)  not null primary key,
    task_id      varchar(64)  not null,
    document_id  bigint       not null references document (id),
    version_no   int          not null,
    signer       varchar(64)  not null,
    -- PENDING, COMPLETED
    status       varchar(20)  not null,
    signing_time timestamp with time zone not null,
    expires_at   timestamp with time zone not null,
    -- the certificate path checked in step 1, leaf first (CertPath "PkiPath" encoding)
    chain        bytea        not null,
    data_to_sign bytea        not null,
    signer_area  varchar(100) not null,
    image        bytea        not null,
    content      bytea        not null
);

create index client_sign_request_document on client_sign_request (document_id);
