package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.vanthu.signing.VerificationReport.Verdict;

/** The route's shape as the verdict reads it, without DSS or a PDF: one check per signature. */
class VerdictsTest {

    static final Instant T = Instant.parse("2026-12-07T03:00:00Z");

    static SignatureCheck leader(boolean coversWholeFile) {
        return check("Nguyễn Văn An", coversWholeFile, VerificationReport.TOTAL_PASSED, null, false, false);
    }

    static SignatureCheck seal(boolean coversWholeFile) {
        return check("Đảng ủy Khối", coversWholeFile, VerificationReport.TOTAL_PASSED, null, false, true);
    }

    static SignatureCheck check(
            String signer, boolean covers, String indication, String sub, boolean timestamp, boolean seal) {
        return new SignatureCheck(signer, T, true, true, covers, indication, sub, T, timestamp, seal);
    }

    @Test
    void theLeaderThenTheSealIsAnIssuedOriginalAndOnlyThatIsValid() {
        VerificationReport report = Verdicts.judge(List.of(leader(false), seal(true)));
        assertThat(report.verdict()).isEqualTo(Verdict.ISSUED_ORIGINAL);
        assertThat(report.valid()).isTrue();
        assertThat(report.reason()).isNull();
        // a document timestamp after the seal (B-LTA) changes nothing
        SignatureCheck stamp = check("TSA", true, VerificationReport.TOTAL_PASSED, null, true, false);
        assertThat(Verdicts.judge(List.of(leader(false), seal(true), stamp)).verdict())
                .isEqualTo(Verdict.ISSUED_ORIGINAL);
    }

    @Test
    void theLeadersRevisionAloneIsSignedNotIssued() {
        VerificationReport report = Verdicts.judge(List.of(leader(true)));
        assertThat(report.verdict()).isEqualTo(Verdict.SIGNED_NOT_ISSUED);
        assertThat(report.valid()).isFalse();
        assertThat(report.reason()).isEqualTo(PadesValidation.NOT_ISSUED);
    }

    @Test
    void aSignatureTheRouteDoesNotMakeIsAModification() {
        SignatureCheck stranger = check("Trần Thị Bình", true, VerificationReport.TOTAL_PASSED, null, false, false);
        // after the seal (a shadow signature, even by a trusted key)
        assertThat(Verdicts.judge(List.of(leader(false), seal(false), stranger)).reason())
                .startsWith(PadesValidation.FOREIGN_SIGNATURE);
        // in the seal's place, and the seal first
        assertThat(Verdicts.judge(List.of(leader(false), stranger)).verdict()).isEqualTo(Verdict.MODIFIED);
        assertThat(Verdicts.judge(List.of(seal(true))).verdict()).isEqualTo(Verdict.MODIFIED);
    }

    @Test
    void anythingButValidationDataAfterTheSealIsAModification() {
        VerificationReport report = Verdicts.judge(List.of(leader(false), seal(false)));
        assertThat(report.verdict()).isEqualTo(Verdict.MODIFIED);
        assertThat(report.reason()).isEqualTo(PadesValidation.CHANGED_AFTER_SEAL);
        assertThat(Verdicts.judge(List.of(leader(false))).reason()).isEqualTo(PadesValidation.ADDED_AFTER);
    }

    @Test
    void aBrokenSignatureIsAModificationAnUntrustedOneIsUntrusted() {
        SignatureCheck broken = new SignatureCheck(
                "Nguyễn Văn An",
                T,
                false,
                true,
                false,
                VerificationReport.TOTAL_FAILED,
                "HASH_FAILURE",
                T,
                false,
                false);
        assertThat(Verdicts.judge(List.of(broken, seal(true))).verdict()).isEqualTo(Verdict.MODIFIED);
        SignatureCheck refused =
                check("Nguyễn Văn An", false, VerificationReport.TOTAL_FAILED, "FORMAT_FAILURE", false, false);
        assertThat(Verdicts.judge(List.of(refused, seal(true))).verdict()).isEqualTo(Verdict.MODIFIED);
        SignatureCheck untrusted = check(
                "Nguyễn Văn An", false, VerificationReport.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND", false, false);
        VerificationReport report = Verdicts.judge(List.of(untrusted, seal(true)));
        assertThat(report.verdict()).isEqualTo(Verdict.UNTRUSTED);
        assertThat(report.reason()).contains(PadesValidation.UNTRUSTED);
    }
}
