package vn.vanthu.system;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only the service's own account may read: backups and keys. Made 0600 in a 0700 folder from
 * their creation, not chmod-ed afterwards, so that there is no moment another account on the server
 * can open them; on a file system without POSIX permissions (Windows) the folder's ACL is relied on.
 */
public final class PrivateFiles {

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private PrivateFiles() {}

    /** Creates the folder (and missing parents) if needed; the folder itself becomes 0700. */
    public static Path folder(Path folder) throws IOException {
        if (POSIX && !Files.exists(folder)) {
            Files.createDirectories(
                    folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(folder);
        }
        if (POSIX) {
            // an existing folder, or one whose mode the umask narrowed or widened
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        }
        return folder;
    }

    /** A new file, 0600 from its creation; fails if it exists. */
    public static OutputStream create(Path file) throws IOException {
        if (POSIX) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        }
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }
}
