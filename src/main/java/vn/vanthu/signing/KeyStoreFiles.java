package vn.vanthu.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import vn.vanthu.system.PrivateFiles;

/** PKCS#12 files: the keystore, the leaders' PIN-encrypted key files, read and written. */
final class KeyStoreFiles {

    private KeyStoreFiles() {}

    /**
     * A leader's key file opened with the PIN the leader gives now.
     *
     * @throws WrongPinException     the PIN does not open it
     * @throws NoSigningKeyException it cannot be read
     */
    static KeyStore unlock(Path p12, String userId, char[] pin) {
        KeyStore ks;
        try (InputStream in = Files.newInputStream(p12)) {
            ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pin);
        } catch (IOException e) {
            // PKCS#12 reports a wrong password as an IOException whose cause is UnrecoverableKeyException
            if (e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password")) {
                throw new WrongPinException(userId);
            }
            throw new NoSigningKeyException(userId, "unreadable key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new NoSigningKeyException(userId, "unreadable key: " + e.getMessage());
        }
        return ks;
    }

    /** An empty PKCS#12 store. */
    static KeyStore empty() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keystore at {@code path}; failing names the settings to check. */
    static KeyStore load(Path path, char[] password) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot load the signing keystore " + path.toAbsolutePath()
                            + " (vanthu.signing.keystore / keystore-password)",
                    e);
        }
    }

    /**
     * A folder of demo keys (demo mode only: an operator's own keystore folder keeps its modes),
     * 0700; its parent too when it is the demo {@code keys/} folder's {@code signers/}, so that both
     * levels keep other accounts out.
     */
    static void keyFolder(Path folder) throws IOException {
        if (folder.getFileName().toString().equals("signers")
                && folder.getParent() != null
                && folder.getParent().getFileName().toString().equals("keys")) {
            PrivateFiles.folder(folder.getParent());
        }
        PrivateFiles.folder(folder);
    }

    /** Writes the store readable by its owner only, replacing the file atomically. */
    static void write(KeyStore ks, char[] storePassword, Path target) throws IOException, GeneralSecurityException {
        Files.createDirectories(target.getParent()); // the demo folders are made 0700 by keyFolder
        Path tmp = target.resolveSibling("keys-" + java.util.UUID.randomUUID() + ".tmp");
        try {
            // 0600 from its creation, in a 0700 folder
            try (OutputStream out = PrivateFiles.create(tmp)) {
                ks.store(out, storePassword);
            }
            // atomic so that a crash never leaves a half-written keystore behind
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
