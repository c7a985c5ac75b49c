package vn.vanthu.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.vanthu.support.SoftHsmStore;

/**
 * The organisation's seal and a leader's key in a PKCS#11 token (Debian's softhsm2, which .ci/run
 * installs): the private key stays in the token, signs through SunPKCS11, and the token's PIN is
 * the only way in. SOFTHSM2_CONF points at target/softhsm (pom.xml): the JVM's token store, made
 * with every test's tokens at once (SoftHsmStore).
 */
class Pkcs11SigningTest {

    static final String LIBRARY = "/usr/lib/softhsm/libsofthsm2.so";
    static final String SEAL_PIN = SoftHsmStore.SEAL_PIN;
    static final String LEADER_PIN = SoftHsmStore.LEADER_PIN;

    static Path dir;
    static SigningKeys demo;
    static SigningKeys production;

    @BeforeAll
    static void tokens() throws Exception {
        assumeTrue(SoftHsmStore.available(), "softhsm2 not installed or SOFTHSM2_CONF not set");
        SoftHsmStore.Token sealToken = SoftHsmStore.token(SoftHsmStore.SEAL);
        SoftHsmStore.Token leaderToken = SoftHsmStore.token(SoftHsmStore.LEADER);
        dir = Files.createDirectories(SoftHsmStore.dir().resolve("pkcs11-signing"));

        // keys issued by the demo CA, imported into the tokens (in production the CA's own process)
        demo = SigningKeys.demo(dir.resolve("demo"));
        demo.ensureDemoSigner("bithu", "Nguyễn Văn An");
        demo.ensureDemoOrganisation("Đảng ủy Khối");
        int sealSlot = sealToken.slot();
        int leaderSlot = leaderToken.slot();
        Pkcs11Tokens tokens = new Pkcs11Tokens(LIBRARY);
        put(tokens.keyStore(sealSlot, SEAL_PIN.toCharArray()), "organisation", demo.organisation());
        put(tokens.keyStore(leaderSlot, LEADER_PIN.toCharArray()), "bithu", demo.signer("bithu", "demo".toCharArray()));
        Path signers = Files.createDirectories(dir.resolve("signers"));
        Files.write(
                signers.resolve("bithu.cer"), demo.signerCertificate("bithu").getEncoded());

        production = new SigningKeys(
                new SigningProperties(
                        null,
                        null,
                        null,
                        "Đảng ủy Khối",
                        null,
                        signers.toString(),
                        null,
                        new SigningProperties.Pkcs11(LIBRARY, sealSlot, SEAL_PIN, Map.of("bithu", leaderSlot))),
                dir);
    }

    @Test
    void theSealSignsInsideTheToken() throws Exception {
        SigningIdentity seal = production.organisation();
        assertThat(seal.privateKey()).isNotInstanceOf(java.security.interfaces.ECPrivateKey.class); // a token handle
        assertThat(seal.certificate()).isEqualTo(demo.organisation().certificate());

        DocumentSigner signer = new DocumentSigner(
                production,
                new TimestampAuthority(
                        new SigningProperties(null, null, null, null, null, null, "", null), production));
        SignatureImages images = new SignatureImages(new SignatureImages.Settings(null, null));
        var rendered = new vn.vanthu.rendering.DocumentRenderer().render(SigningTest.sheet());
        SigningIdentity leader = production.signer("bithu", LEADER_PIN.toCharArray());
        byte[] image = images.signer("bithu", leader.displayName());
        byte[] signed = signer.signAsLeader(rendered.pdf(), leader, image, rendered.signerArea(), SigningTest.NOW);
        byte[] sealed = signer.seal(
                signed,
                "Số 118-GM/ĐUK",
                "Quy Nhơn, ngày 28 tháng 11 năm 2026",
                seal,
                images.seal("Đảng ủy Khối"),
                rendered.signerArea(),
                DocumentSigner.leaderImageArea(rendered.signerArea(), image),
                "Đảng ủy Khối",
                SigningTest.NOW);
        try (PDDocument doc = Loader.loadPDF(sealed)) {
            var signatures = doc.getSignatureDictionaries();
            assertThat(signatures).hasSize(2);
            for (var signature : signatures) {
                int[] br = signature.getByteRange();
                byte[] covered = new byte[br[1] + br[3]];
                System.arraycopy(sealed, 0, covered, 0, br[1]);
                System.arraycopy(sealed, br[2], covered, br[1], br[3]);
                CMSSignedData cms = new CMSSignedData(
                        new CMSProcessableByteArray(covered), SignedPdfs.firstObject(signature.getContents()));
                SignerInformation info =
                        cms.getSignerInfos().getSigners().iterator().next();
                assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder()
                                .build(
                                        signature == signatures.get(0)
                                                ? new JcaX509CertificateHolder(leader.certificate())
                                                : new JcaX509CertificateHolder(seal.certificate()))))
                        .isTrue();
            }
        }
    }

    @Test
    void aLeadersTokenOpensOnlyWithTheLeadersPin() {
        assertThatThrownBy(() -> production.signer("bithu", "0000".toCharArray()))
                .isInstanceOf(WrongPinException.class);
        assertThat(production.signer("bithu", LEADER_PIN.toCharArray()).certificate())
                .isEqualTo(production.signerCertificate("bithu"));
        assertThatThrownBy(() -> production.changePin("bithu", LEADER_PIN.toCharArray(), "9999".toCharArray()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static void put(KeyStore token, String alias, SigningIdentity id) throws Exception {
        PrivateKey key = id.privateKey();
        token.setKeyEntry(alias, key, null, id.chain().toArray(new Certificate[0]));
    }
}
