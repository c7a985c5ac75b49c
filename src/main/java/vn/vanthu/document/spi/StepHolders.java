package vn.vanthu.document.spi;

import vn.vanthu.document.AccessPolicy;
import vn.vanthu.document.DocumentSearch;

/**
 * Who holds the open steps of a document's route (the workflow knows; it implements this). The
 * access rules let them read the draft they hold a step of.
 */
public interface StepHolders {

    /** No route runs (no workflow in the context): nobody holds a step. */
    StepHolders NONE = new StepHolders() {
        @Override
        public AccessPolicy.Holders openSteps(Long documentId) {
            return AccessPolicy.Holders.NONE;
        }

        @Override
        public java.util.Map<Long, java.util.List<DocumentSearch.Holder>> openStepsOf(
                java.util.Collection<Long> documentIds) {
            return java.util.Map.of();
        }
    };

    AccessPolicy.Holders openSteps(Long documentId);

    /**
     * The open steps of each of these documents, oldest first, in one query (the lists show a
     * page of documents at a time); a document without an open step is absent from the map.
     */
    java.util.Map<Long, java.util.List<DocumentSearch.Holder>> openStepsOf(java.util.Collection<Long> documentIds);
}
