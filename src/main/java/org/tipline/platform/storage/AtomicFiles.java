package org.tipline.platform.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that readers see either the old content or the new, never half of it,
 * even across a crash: the content goes to a temporary file beside the target, is flushed
 * to disk, and is then renamed over the target. For the office keyset files and the embedded
 * database's logins file.
 */
public final class AtomicFiles {

    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to {@code file} with the given POSIX permissions (ignored on file
     * systems without them). The temporary file is created with owner-only permissions, so the
     * content is never readable by others, even for a moment.
     *
     * @param mustBeNew refuse with {@link FileAlreadyExistsException} when the file exists
     */
    public static void write(Path file, byte[] content, Set<PosixFilePermission> permissions, boolean mustBeNew)
            throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        createDirectories(directory);
        Path temp = createTemp(directory, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            setPermissions(temp, permissions);
            if (mustBeNew && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(directory);
    }

    /** New directories get owner-only permissions: they hold keys and passwords. */
    private static void createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory);
        }
    }

    private static Path createTemp(Path directory, String name) throws IOException {
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        try {
            return Files.createTempFile(directory, "." + name + ".", ".tmp", ownerOnly);
        } catch (UnsupportedOperationException e) {
            return Files.createTempFile(directory, "." + name + ".", ".tmp");
        }
    }

    private static void setPermissions(Path file, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(file, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the platform's defaults apply.
        }
    }

    /** Makes the rename itself durable. Best effort: not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // The file content is already on disk; only the rename might be lost in a crash.
        }
    }
}
