package vn.vanthu.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;

/**
 * Granted pairing tokens, kept as SHA-256 hashes (one per line, with the origin they were granted
 * to) in a file only the user can read: a copy of the file does not give a token away.
 */
final class Pairings {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String origin;
    private final Set<String> hashes = new HashSet<>();

    Pairings(Path file, String origin) {
        this.file = file;
        this.origin = origin;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.strip().split("\\s+");
                    // a token granted to another origin (the agent was started for another one) stays unused
                    if (parts.length == 2 && parts[1].equals(origin)) {
                        hashes.add(parts[0]);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Không đọc được tệp ghép nối " + file, e);
        }
    }

    /** A new token, stored hashed before it is returned. */
    synchronized String grant() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String hash = hash(token);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null && !Files.exists(dir)) {
                Files.createDirectories(dir);
                restrict(dir, "rwx------");
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            restrict(file, "rw-------");
            Files.writeString(file, hash + " " + origin + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Không ghi được tệp ghép nối " + file, e);
        }
        hashes.add(hash);
        return token;
    }

    synchronized boolean granted(String token) {
        return token != null && !token.isBlank() && hashes.contains(hash(token.strip()));
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException windows) {
            // Windows: the file is under the user's profile, whose ACL already keeps others out
        }
    }

    private static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
