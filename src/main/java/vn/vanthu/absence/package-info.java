/**
 * A leader's absence and who signs meanwhile (docs/routes.md, "Vắng mặt và ký thay"): the records,
 * their rules ({@link vn.vanthu.absence.Absences}) and the API under /api/me/absences and
 * /api/admin/absences. The hand-over of sign tasks is the workflow's (workflow.SigningDeputies),
 * which asks {@link vn.vanthu.absence.Absences#deputyFor} and listens to {@link vn.vanthu.absence.AbsenceRecorded}.
 */
package vn.vanthu.absence;
