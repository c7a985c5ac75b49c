package vn.vanthu.document;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.document.spi.DeliveryStatuses;

/**
 * A document as GET /api/documents/{id} shows it. Times are Vietnam time with offset. {@code urgent}:
 * the 3-working-day rule finds the invitation late; {@code urgency}: the level the drafter chose;
 * {@code printedRecipients}: Nơi nhận as it will be printed (before "- Lưu Văn phòng.").
 */
public record DocumentView(
        Long id,
        String type,
        String typeName,
        String title,
        String body,
        DocumentStatus status,
        String number,
        OffsetDateTime issuedAt,
        String drafter,
        String signer,
        String signerName,
        int version,
        boolean urgent,
        List<String> warnings,
        MeetingView meeting,
        List<RecipientView> recipients,
        List<HistoryEntry> history,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        Urgency urgency,
        Urgency suggestedUrgency,
        boolean publish,
        Circulation circulation,
        List<String> printedRecipients) {

    public record MeetingView(
            OffsetDateTime start,
            OffsetDateTime end,
            String location,
            String chair,
            String invitees,
            String preparation,
            String contact,
            OffsetDateTime replyBy) {}

    public record RecipientView(
            String name,
            String email,
            String delivery,
            OffsetDateTime sentAt,
            OffsetDateTime confirmedAt,
            String response) {}

    public record HistoryEntry(OffsetDateTime at, String actor, String action, Integer version, String comment) {}

    static DocumentView of(
            Document d,
            DocumentVersion v,
            String signerName,
            List<String> warnings,
            Urgency suggested,
            Map<Integer, DeliveryStatuses.Status> deliveries,
            List<DocumentEvent> events,
            OrganisationProperties settings) {
        DraftContent c = v.content();
        MeetingView meeting = c.meeting() == null
                ? null
                : new MeetingView(
                        vn(c.meeting().start()),
                        vn(c.meeting().end()),
                        c.meeting().location(),
                        c.meeting().chair(),
                        c.meeting().invitees(),
                        c.meeting().preparation(),
                        c.meeting().contact(),
                        vn(c.meeting().replyBy()));
        List<RecipientView> recipients = new java.util.ArrayList<>();
        for (int i = 0; i < c.recipients().size(); i++) {
            Recipient r = c.recipients().get(i);
            DeliveryStatuses.Status s = deliveries.get(i);
            recipients.add(
                    s == null
                            ? new RecipientView(r.getName(), r.getEmail(), null, null, null, null)
                            : new RecipientView(
                                    r.getName(),
                                    r.getEmail(),
                                    s.delivery(),
                                    vn(s.sentAt()),
                                    vn(s.confirmedAt()),
                                    s.response()));
        }
        List<HistoryEntry> history = events.stream()
                .map(e -> new HistoryEntry(
                        vn(e.getOccurredAt()), e.getActor(), e.getAction(), e.getVersionNo(), e.getComment()))
                .toList();
        return new DocumentView(
                d.getId(),
                d.getType(),
                settings.type(d.getType()).name(),
                c.title(),
                c.body(),
                d.getStatus(),
                d.getNumber(),
                vn(d.getIssuedAt()),
                d.getDrafter(),
                d.getSigner(),
                signerName,
                d.getCurrentVersion(),
                d.isUrgent() || !warnings.isEmpty(),
                warnings,
                meeting,
                recipients,
                history,
                vn(d.getCreatedAt()),
                vn(d.getUpdatedAt()),
                c.urgency(),
                suggested,
                c.publish(),
                c.circulation(),
                c.printedLines());
    }

    static OffsetDateTime vn(Instant instant) {
        return instant == null
                ? null
                : instant.atZone(OrganisationProperties.VIETNAM).toOffsetDateTime();
    }
}
