-- which route (a deployed process key) a document type's drafts start on (docs/routes.md); a type
-- without a row starts on the default route
create table route_binding (
    doc_type varchar(20) not null primary key,
    process_key varchar(255) not null,
    bound_by varchar(64) not null,
    bound_at timestamp with time zone not null
);

-- a route may offer a step to named people (camunda:candidateUsers): ",user1,user2," so that their
-- task lists find it (work_item kept only the assignee and the first candidate group)
alter table work_item add column candidate_users varchar(1000);
