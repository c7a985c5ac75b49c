package vn.vanthu.signing;

import eu.europa.esig.dss.enumerations.SubIndication;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * From the checks of each signature to the verdict on the file (docs/signing.md, "Verification"): the
 * route makes the leader's signature, then the organisation's seal, then at most validation data and
 * document timestamps; anything else is a modification, an untrusted certificate, or a file not issued
 * yet. No validation and no PDF here (only DSS's names for the findings), so the
 * rules read and test on their own (VerdictsTest).
 */
final class Verdicts {

    private Verdicts() {}

    /**
     * The verdict, the worst indication, and the first problem in plain Vietnamese. In this order: a
     * signature broken; a signature the route does not make (a third one, a second one not the seal's);
     * anything after the last signature or, after the seal, anything but validation data; a modification
     * DSS's policy refuses; a certificate not trusted; no seal yet.
     */
    static VerificationReport judge(List<SignatureCheck> checks) {
        String worst = null;
        for (SignatureCheck c : checks) {
            worst = VerificationReport.worse(worst, c.indication());
        }
        for (int i = 0; i < checks.size(); i++) {
            SignatureCheck c = checks.get(i);
            if (!c.intact()
                    || isOneOf(c.subIndication(), SubIndication.HASH_FAILURE, SubIndication.SIG_CRYPTO_FAILURE)) {
                return modified(
                        worst,
                        which(i, c) + " không còn nguyên vẹn: " + PadesValidation.ALTERED + " hoặc chữ ký bị hỏng",
                        checks);
            }
        }
        List<Integer> signatures = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            if (!checks.get(i).documentTimestamp()) {
                signatures.add(i);
            }
        }
        int seal = -1;
        for (int i = 0; i < signatures.size(); i++) {
            int at = signatures.get(i);
            boolean expected = i == 0
                    ? !checks.get(at).organisationSeal()
                    : i == 1 && checks.get(at).organisationSeal();
            if (!expected) {
                // the route makes the leader's signature and then the organisation's seal, nothing else
                return modified(
                        worst,
                        PadesValidation.FOREIGN_SIGNATURE + ": " + lowerFirst(which(at, checks.get(at))),
                        checks);
            }
            if (i == 1) {
                seal = at;
            }
        }
        if (seal >= 0 && !checks.get(seal).coversWholeFile()) {
            return modified(worst, PadesValidation.CHANGED_AFTER_SEAL, checks);
        }
        if (!checks.get(checks.size() - 1).coversWholeFile()) {
            return modified(worst, PadesValidation.ADDED_AFTER, checks);
        }
        for (int i = 0; i < checks.size(); i++) {
            SignatureCheck c = checks.get(i);
            if (!c.passed() && isOneOf(c.subIndication(), SubIndication.FORMAT_FAILURE)) {
                return modified(worst, problem(c) + " — " + lowerFirst(which(i, c)), checks);
            }
        }
        for (int i = 0; i < checks.size(); i++) {
            SignatureCheck c = checks.get(i);
            if (!c.passed()) {
                return new VerificationReport(
                        false,
                        worst,
                        problem(c) + " — " + lowerFirst(which(i, c)),
                        checks,
                        VerificationReport.Verdict.UNTRUSTED);
            }
        }
        if (seal < 0) {
            return new VerificationReport(
                    false, worst, PadesValidation.NOT_ISSUED, checks, VerificationReport.Verdict.SIGNED_NOT_ISSUED);
        }
        return new VerificationReport(true, worst, null, checks, VerificationReport.Verdict.ISSUED_ORIGINAL);
    }

    static VerificationReport modified(String worst, String reason, List<SignatureCheck> checks) {
        return new VerificationReport(false, worst, reason, checks, VerificationReport.Verdict.MODIFIED);
    }

    private static String problem(SignatureCheck c) {
        String sub = c.subIndication() == null ? "" : c.subIndication();
        return switch (sub) {
            case "NO_CERTIFICATE_CHAIN_FOUND", "NO_CERTIFICATE_CHAIN_FOUND_NO_POE", "CHAIN_CONSTRAINTS_FAILURE" ->
                c.documentTimestamp()
                        ? "Chứng thư số của đơn vị cấp dấu thời gian không do tổ chức chứng thực được tin cậy cấp"
                        : PadesValidation.UNTRUSTED;
            case "REVOKED", "REVOKED_NO_POE", "REVOKED_CA_NO_POE" -> "Chứng thư số của người ký đã bị thu hồi";
            case "TRY_LATER" -> "Chưa kiểm tra được tình trạng thu hồi chứng thư số của người ký";
            // in DSS 6.4 also what missing revocation data gives
            case "CERTIFICATE_CHAIN_GENERAL_FAILURE" ->
                "Không xác minh được chứng thư số của người ký (chưa có thông tin thu hồi hoặc chuỗi chứng thư không hợp lệ)";
            case "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED", "EXPIRED", "NOT_YET_VALID" ->
                "Chứng thư số của người ký đã hết hạn hoặc chưa có hiệu lực tại thời điểm ký";
            case "FORMAT_FAILURE" -> "Chữ ký sai định dạng hoặc tài liệu đã bị thay đổi trái với quy định của chữ ký";
            case "CRYPTO_CONSTRAINTS_FAILURE", "CRYPTO_CONSTRAINTS_FAILURE_NO_POE" ->
                "Chữ ký dùng thuật toán mật mã không còn đủ an toàn";
            case "SIGNED_DATA_NOT_FOUND" -> "Không tìm thấy dữ liệu đã ký";
            case "NO_SIGNING_CERTIFICATE_FOUND" -> "Không tìm thấy chứng thư số của người ký";
            default ->
                "Chữ ký số không hợp lệ (" + c.indication()
                        + (c.subIndication() == null ? "" : " / " + c.subIndication()) + ")";
        };
    }

    private static String which(int index, SignatureCheck c) {
        return (c.documentTimestamp() ? "Dấu thời gian thứ " : "Chữ ký số thứ ")
                + (index + 1)
                + (c.signer() == null ? "" : " (" + c.signer() + ")");
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean isOneOf(String value, SubIndication... subs) {
        return value != null && Arrays.stream(subs).anyMatch(s -> s.name().equals(value));
    }
}
