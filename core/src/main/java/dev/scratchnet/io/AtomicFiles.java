package dev.scratchnet.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader sees either the old file or the complete new one, never a part:
 * the bytes go to a new temporary file in the same folder, are flushed to the disk, and the
 * temporary file is then renamed over the target in one step, and the folder is flushed so the
 * rename itself survives a power cut. A crash at any moment leaves the old file.
 *
 * <p>The temporary file is {@code .NAME.PID.RANDOM.tmp}, created exclusively ({@code CREATE_NEW}
 * never follows a symbolic link and never reuses a file): a link planted at that name cannot
 * redirect the write, and two runs saving to the same path each get their own. A process killed
 * mid-write leaves its temporary file behind; the next write to the same target deletes those
 * whose process is gone.
 */
public final class AtomicFiles {
    private static final String SUFFIX = ".tmp";

    private AtomicFiles() {
    }

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        /**
         * @param out the stream to write to; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces (or creates) {@code target} atomically with the given bytes.
     *
     * @param target the file to write
     * @param bytes the complete content
     * @throws IOException if the file cannot be written; the old file is then untouched
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces (or creates) {@code target} atomically with what the writer produces. A new file
     * gets the usual permissions (those of a plain new file under the umask); a replaced file
     * keeps its own.
     *
     * @param target the file to write
     * @param writer produces the content
     * @throws IOException if the file cannot be written, with a message that names {@code target};
     *                     the old file is then untouched
     */
    public static void write(Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "is a folder, not a file; give a file name");
        }
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        removeStaleTemporaries(absolute);
        Path temp = createTemporary(absolute, target);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.writeTo(out);
                out.flush();
                channel.force(true); // on the disk before the rename makes it visible
            } catch (IOException e) {
                throw failure(target, e);
            }
            keepPermissions(absolute, temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            forceFolder(folder);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Checks, before a long job, that {@code target} could be written later: it is not a folder,
     * and its folder exists (or can be made) and takes new files. Writes and deletes one empty
     * temporary file to find out, since permission bits do not tell (read-only mounts, root).
     *
     * @param target the file a later {@link #write} will write
     * @throws IOException naming {@code target} and the problem
     */
    public static void checkWritable(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new FileSystemException(target.toString(), null, "is a folder, not a file; give a file name");
        }
        try {
            Files.createDirectories(absolute.getParent());
        } catch (IOException e) {
            throw failure(target, e);
        }
        Files.delete(createTemporary(absolute, target));
    }

    /** Our temporary files for {@code target}: {@code .NAME.PID.RANDOM.tmp}, and the older fixed {@code .NAME.tmp}. */
    private static Pattern temporaryName(Path target) {
        return Pattern.compile(Pattern.quote("." + target.getFileName()) + "(?:\\.(\\d+)\\.[0-9a-f]{16})?"
                + Pattern.quote(SUFFIX));
    }

    private static Path createTemporary(Path absolute, Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String name = "." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + SUFFIX;
            Path temp = absolute.resolveSibling(name);
            try {
                // CREATE_NEW is O_CREAT|O_EXCL: it fails on any existing name, a symbolic link included.
                FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 10) {
                    throw failure(target, e);
                }
            } catch (IOException e) {
                throw failure(target, e);
            }
        }
    }

    /** Deletes temporary files of this target left by processes that have since ended (killed mid-write). */
    private static void removeStaleTemporaries(Path absolute) {
        Pattern ours = temporaryName(absolute);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(absolute.getParent(),
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path file : files) {
                Matcher m = ours.matcher(file.getFileName().toString());
                if (m.matches() && (m.group(1) == null || !alive(m.group(1)))) {
                    Files.deleteIfExists(file); // a symbolic link is removed, never followed
                }
            }
        } catch (IOException | RuntimeException e) {
            // Tidying is a courtesy: a leftover that cannot be removed must not stop the write.
        }
    }

    private static boolean alive(String pid) {
        try {
            long id = Long.parseLong(pid);
            return id == ProcessHandle.current().pid() || ProcessHandle.of(id).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void keepPermissions(Path target, Path temp) {
        try {
            PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (old != null && Files.exists(target)) {
                Set<PosixFilePermission> permissions = old.readAttributes().permissions();
                Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or not ours to change: the new file keeps the default permissions.
        }
    }

    /** Makes the rename durable; folders cannot be opened for this on every system (Windows), so failures are ignored. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // The file's content is already on the disk; only the rename's durability is best-effort here.
        }
    }

    /** The JDK's messages for a full disk or a read-only folder do not name the file we were writing. */
    private static IOException failure(Path target, IOException e) {
        if (e instanceof FileSystemException f && target.toString().equals(f.getFile())) {
            return e;
        }
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            reason = e.getClass().getSimpleName();
        }
        if (reason.contains("No space left")) {
            reason = "the disk is full (" + reason + "); free some space or write elsewhere";
        } else if (reason.contains("Read-only file system")) {
            reason = "the folder is on a read-only file system; write elsewhere";
        } else if (e instanceof AccessDeniedException) {
            reason = "permission denied; write elsewhere or fix the folder's permissions";
        }
        FileSystemException wrapped = new FileSystemException(target.toString(), null, "cannot be written: " + reason);
        wrapped.initCause(e);
        return wrapped;
    }
}
