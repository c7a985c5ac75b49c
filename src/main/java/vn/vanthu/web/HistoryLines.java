package vn.vanthu.web;

import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.vanthu.document.DocumentView.HistoryEntry;

/**
 * The document page's history: the approval trail line by line, and the recipients' receipts and
 * answers (two lines per recipient, dozens on an invitation) as one line pointing to the
 * attendance page, so they do not bury who drafted, reviewed and signed.
 */
record HistoryLines(List<HistoryEntry> steps, Tally recipients) {

    /** How many recipients said they have the document, how many answered, and when the last did. */
    record Tally(int received, int answered, OffsetDateTime last) {

        /** "12 nơi nhận đã nhận, 5 đã trả lời". */
        public String text() {
            return received + " nơi nhận đã nhận" + (answered > 0 ? ", " + answered + " đã trả lời" : "");
        }
    }

    static HistoryLines of(List<HistoryEntry> history) {
        Set<String> received = new HashSet<>();
        Set<String> answered = new HashSet<>();
        OffsetDateTime last = null;
        List<HistoryEntry> steps = new java.util.ArrayList<>();
        for (HistoryEntry entry : history) {
            if (entry.actor() == null || !entry.actor().startsWith(WebLabels.RECIPIENT)) {
                steps.add(entry);
                continue;
            }
            // an answer implies receipt (DeliveryService records both); a changed answer counts once
            received.add(entry.actor());
            if (!"RECEIVED".equals(entry.action())) {
                answered.add(entry.actor());
            }
            if (last == null || entry.at().isAfter(last)) {
                last = entry.at();
            }
        }
        return new HistoryLines(
                List.copyOf(steps), received.isEmpty() ? null : new Tally(received.size(), answered.size(), last));
    }
}
