-- Accounts whose password an administrator reset (issue "Hardening, round three", item 2): their next
-- sign-in goes to the change-password page, and nothing else works until they have chosen their own.
-- An administrator who knows a reviewer's new password thus cannot act as the reviewer unnoticed.
create table password_change_required (
    user_id      varchar(64)  primary key,
    required_at  timestamp with time zone not null,
    required_by  varchar(64)  not null
);
