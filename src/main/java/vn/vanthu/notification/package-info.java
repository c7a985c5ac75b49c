/**
 * In-app notifications, the header's bell (docs/notifications.md): what the step emails say
 * (workflow.StepNotices, DeadlineEscalation, issuing) kept per person in staff_notification, read
 * through {@link vn.vanthu.notification.Notifications} and the API under /api/me/notifications.
 * A person only ever reads and marks their own.
 */
package vn.vanthu.notification;
