-- a task is known by the kind its route declares (docs/routes.md), not by its id in the BPMN
alter table work_item add column kind varchar(40);
-- tasks open before routes declared kinds: the ids the one route used
update work_item set kind = 'review' where task_key = 'review';
update work_item set kind = 'sign' where task_key = 'sign';
update work_item set kind = 'revise' where task_key = 'revise';
update work_item set kind = 'resolve-issue-failure' where task_key = 'resolveIssueFailure';
create index work_item_document_kind_idx on work_item (document_id, kind);

-- the staff a draft's route asks for an opinion (xin ý kiến): user ids, one a line
alter table document_version add column consultees varchar(4000);
