package vn.vanthu.absence;

/**
 * Published in the recording transaction when an absence already in force is recorded: the sign
 * tasks the leader holds now are handed to the deputy at once (workflow.SigningDeputies), in the
 * same transaction, so the record and the hand-over stand or fall together.
 */
public record AbsenceRecorded(Absence absence) {}
