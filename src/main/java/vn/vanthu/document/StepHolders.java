package vn.vanthu.document;

/**
 * Who holds the open steps of a document's route (the workflow knows; it implements this). The
 * access rules let them read the draft they hold a step of.
 */
public interface StepHolders {

    AccessPolicy.Holders openSteps(Long documentId);
}
