package vn.vanthu.issuing;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.Signer;
import vn.vanthu.document.Document;
import vn.vanthu.document.DocumentRules;
import vn.vanthu.document.DraftContent;
import vn.vanthu.rendering.DocumentSheet;
import vn.vanthu.rendering.VietnameseDates;
import vn.vanthu.signing.NoSigningKeyException;
import vn.vanthu.signing.SigningCertificates;
import vn.vanthu.signing.SigningKeys;

/**
 * A document's content as the sheet the renderer lays out, number and date blank. The signer's
 * name printed under the signature is the name in the signer's certificate, not the user's profile
 * (which its owner can edit); the position is the configured one.
 */
@Component
class DocumentSheets {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final OrganisationProperties settings;
    private final DocumentRules rules;
    private final SigningKeys keys;
    private final SigningCertificates enrolment;

    DocumentSheets(
            OrganisationProperties settings, DocumentRules rules, SigningKeys keys, SigningCertificates enrolment) {
        this.settings = settings;
        this.rules = rules;
        this.keys = keys;
        this.enrolment = enrolment;
    }

    String dateLine(LocalDate day) {
        return VietnameseDates.dateLine(settings.organisation().place(), day);
    }

    /**
     * The name the signer's certificate carries: the APPROVED enrolled one's, else the key file's;
     * the directory's while they have neither (previews only).
     */
    String signerName(Signer leader) {
        try {
            String cn = SigningKeys.commonName(
                    enrolment.approved(leader.userId()).orElseGet(() -> keys.signerCertificate(leader.userId())));
            return cn == null ? leader.fullName() : cn;
        } catch (NoSigningKeyException e) {
            return leader.fullName();
        }
    }

    DocumentSheet unnumbered(Document document, DraftContent content, Signer leader, LocalDate day) {
        OrganisationProperties.Organisation org = settings.organisation();
        DocumentSheet.Meeting meeting = content.meeting() == null
                ? null
                : new DocumentSheet.Meeting(
                        content.meeting().start().atZone(OrganisationProperties.VIETNAM),
                        content.meeting().end().atZone(OrganisationProperties.VIETNAM),
                        content.meeting().location(),
                        content.meeting().chair(),
                        // "Kính mời:" is never left empty: without a list, it points at Nơi nhận
                        content.meeting().invitees() == null
                                ? "Các đồng chí có tên tại Nơi nhận"
                                : content.meeting().invitees(),
                        content.meeting().preparation(),
                        content.meeting().contact());
        List<String> paragraphs = Arrays.stream(content.body().split("\\R"))
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .toList();
        String type = document.getType();
        if (meeting == null) {
            paragraphs = withEndMark(paragraphs, rules.endMark(type));
        }
        // a signer the configuration no longer lists for this type still gets the general lines
        List<String> authority = rules.authorityLines(leader.userId(), type, leader.position())
                .orElseGet(
                        () -> rules.authorityLines("", type, leader.position()).orElseThrow());
        DocumentSheet.Marks marks = new DocumentSheet.Marks(
                content.urgency() == null ? null : content.urgency().label(),
                content.circulation() == null ? null : content.circulation().label(),
                false,
                rules.titleLine(type),
                authority);
        return new DocumentSheet(
                org.superiorBody(),
                rules.issuingBody(org.name()),
                null,
                type + "/" + org.abbreviation(),
                dateLine(day),
                settings.type(type).name(),
                content.title(),
                paragraphs,
                meeting,
                content.printedLines(),
                org.collectiveSigner(),
                leader.position().toUpperCase(VIETNAMESE),
                signerName(leader),
                marks);
    }

    /**
     * The body's last line closed with the type's end mark ("./."), unless the drafter typed it; a
     * line already ending with "." gets only "/.". An invitation's closing line carries its own.
     */
    static List<String> withEndMark(List<String> paragraphs, String mark) {
        if (mark == null || paragraphs.isEmpty()) {
            return paragraphs;
        }
        List<String> out = new java.util.ArrayList<>(paragraphs);
        String last = out.get(out.size() - 1);
        if (!last.endsWith(mark)) {
            boolean overlap = mark.startsWith(".") && last.endsWith(".");
            out.set(out.size() - 1, last + (overlap ? mark.substring(1) : mark));
        }
        return out;
    }
}
