-- A leader's signature asked of a remote signing service (docs/remote-signing.md), one per document
-- version: what phase 2 needs to rebuild exactly the PDF whose data-to-sign was sent (the rendered
-- bytes, the signing time, the signature area and image), the service's request id, and where it stands.
create table remote_sign_request (
    document_id  bigint       not null references document (id),
    version_no   int          not null,
    signer       varchar(64)  not null,
    request_id   varchar(200) not null,
    -- PENDING, SIGNED, DENIED, EXPIRED, TIMED_OUT, CANCELLED, FAILED
    status       varchar(20)  not null,
    signing_time timestamp with time zone not null,
    deadline     timestamp with time zone not null,
    -- base64 SHA-256 of DSS's data-to-sign, as sent
    digest       varchar(64)  not null,
    signer_area  varchar(100) not null,
    -- polls that could not reach the service, in a row
    failures     int          not null default 0,
    image        bytea        not null,
    content      bytea        not null,
    primary key (document_id, version_no)
);

-- AWAITING_REMOTE_SIGNATURE is longer than the 20 characters of V1 (SET DATA TYPE: H2 and PostgreSQL alike)
alter table document alter column status set data type varchar(40);
