-- which route (a deployed process key) a document type's drafts start on (docs/routes.md); a type
-- without a row starts on the default route
create table route_binding (
    doc_type varchar(20) not null primary key,
    process_key varchar(255) not null,
    bound_by varchar(64) not null,
    bound_at timestamp with time zone not null
);
