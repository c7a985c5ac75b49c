-- The address book kept by the office without SQL (issue 14, item 3): each entry's unit and
-- position, and disabling instead of deleting, since issued documents and groups refer to it.
alter table address_entry add column unit varchar(300);
alter table address_entry add column position varchar(200);
alter table address_entry add column active boolean default true not null;
