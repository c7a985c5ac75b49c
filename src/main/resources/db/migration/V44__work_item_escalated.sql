-- hạn xử lý: when an overdue task was escalated (its holder and the office chief emailed); set once,
-- by a conditional update, so that with several nodes only one of them sends
alter table work_item add column escalated_at timestamp with time zone;
create index work_item_due_idx on work_item (due_at);
