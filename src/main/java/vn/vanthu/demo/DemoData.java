package vn.vanthu.demo;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import vn.vanthu.config.OrganisationProperties;
import vn.vanthu.directory.DemoAddressBook;
import vn.vanthu.directory.DemoDirectory;
import vn.vanthu.directory.Signer;
import vn.vanthu.signing.SigningKeys;

/**
 * The embedded default's demo: users and groups, the address book, and a demo key per signer and
 * for the organisation. Runs once all beans exist (the engine is up), before the web server starts;
 * the keys right after the start ({@link SigningKeys#prepareDemoKeys}).
 * A module of its own: it uses several (directory, signing, config) and none uses it.
 */
@Component
class DemoData implements SmartInitializingSingleton {

    private final ObjectProvider<DemoDirectory> demo;
    private final ObjectProvider<DemoAddressBook> addressBook;
    private final SigningKeys keys;
    private final OrganisationProperties settings;

    DemoData(
            ObjectProvider<DemoDirectory> demo,
            ObjectProvider<DemoAddressBook> addressBook,
            SigningKeys keys,
            OrganisationProperties settings) {
        this.demo = demo;
        this.addressBook = addressBook;
        this.keys = keys;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        DemoDirectory directory = demo.getIfAvailable();
        if (directory == null) {
            return;
        }
        java.util.Map<String, String> signers = new java.util.LinkedHashMap<>();
        for (Signer signer : directory.ensureDemoUsers()) {
            signers.put(signer.userId(), signer.fullName());
        }
        // the keys after the start (the signing warm-up), or by whatever needs one first
        keys.prepareDemoKeys(signers, settings.organisation().name());
        addressBook.ifAvailable(DemoAddressBook::ensureDemoEntries);
    }
}
