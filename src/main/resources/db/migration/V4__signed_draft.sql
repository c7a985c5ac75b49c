-- The leader's signed text (number and date blank), one per document version signed: the issue step
-- numbers, dates and seals exactly these bytes, and refuses a document without them.
create table signed_draft (
    document_id  bigint       not null references document (id),
    version_no   int          not null,
    signer       varchar(64)  not null,
    signed_at    timestamp with time zone not null,
    sha256       varchar(64)  not null,
    -- where the signature block is (page, x, y, width, height in PDF points) and the leader's image in it
    signer_area  varchar(100) not null,
    image_area   varchar(100) not null,
    content      bytea        not null,
    primary key (document_id, version_no)
);
