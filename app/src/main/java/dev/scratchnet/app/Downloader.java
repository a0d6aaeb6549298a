package dev.scratchnet.app;

import dev.scratchnet.app.DatasetFiles.RemoteFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches data files from a list of mirrors. Each file goes to a temporary file in the target
 * folder, is checked against its SHA-256, and only then is moved into place with an atomic
 * rename: a half-finished or corrupted download never sits under the real name.
 */
final class Downloader {

    /** Why one attempt failed; the next mirror is tried. */
    static final class AttemptFailed extends Exception {
        private static final long serialVersionUID = 1L;

        AttemptFailed(String message) {
            super(message);
        }
    }

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Compressed data is never much larger than the content; anything beyond this is not our file. */
    private static final long SLACK_BYTES = 1 << 20;

    private final List<URI> mirrors;
    private final ProgressPrinter progress;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    Downloader(List<URI> mirrors, ProgressPrinter progress, Duration connectTimeout, Duration readTimeout) {
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("no mirrors to download from");
        }
        this.mirrors = List.copyOf(mirrors);
        this.progress = progress;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /**
     * Makes sure {@code file} is in {@code dir}, downloading it if it is missing or wrong.
     *
     * @return true if it was downloaded, false if a good copy was already there
     * @throws IOException if no mirror delivered a good copy; the message lists each mirror's problem
     */
    boolean ensure(Path dir, RemoteFile file) throws IOException {
        for (String name : List.of(file.name(), file.unpackedName())) {
            Path existing = dir.resolve(name);
            if (Files.isRegularFile(existing) && matches(existing, file)) {
                return false;
            }
        }
        Files.createDirectories(dir);
        List<String> problems = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(file.name());
            Path part = Files.createTempFile(dir, "." + file.name() + ".", ".part");
            try {
                fetch(uri, file, part);
                verify(part, file);
                moveIntoPlace(part, dir.resolve(file.name()));
                return true;
            } catch (AttemptFailed | IOException e) {
                problems.add(uri + ": " + Failures.describe(e));
            } finally {
                Files.deleteIfExists(part);
            }
        }
        throw new IOException("could not download " + file.name() + " from any mirror ("
                + String.join("; ", problems) + ")");
    }

    private void fetch(URI uri, RemoteFile file, Path part) throws IOException, AttemptFailed {
        URLConnection connection = uri.toURL().openConnection();
        connection.setConnectTimeout((int) connectTimeout.toMillis());
        connection.setReadTimeout((int) readTimeout.toMillis());
        if (connection instanceof HttpURLConnection http) {
            http.setInstanceFollowRedirects(true);
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                http.disconnect();
                throw new AttemptFailed("the server answered HTTP " + status);
            }
        }
        long expectedLength = connection.getContentLengthLong();
        long limit = file.size() + SLACK_BYTES;
        if (expectedLength > limit) {
            throw new AttemptFailed("the server offers " + expectedLength + " bytes, more than this file can have");
        }
        ProgressPrinter.Task task = progress.start(file.name(), expectedLength, "MB", 1e6);
        long received = 0;
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                received += n;
                if (received > limit) {
                    throw new AttemptFailed("the server sent more than " + limit + " bytes, more than this file can have");
                }
                task.update(received);
            }
        } catch (IOException e) {
            throw new AttemptFailed("the connection broke after " + received + " bytes (" + Failures.describe(e) + ")");
        } finally {
            task.finish();
        }
        if (expectedLength >= 0 && received != expectedLength) {
            throw new AttemptFailed("the connection ended after " + received + " of " + expectedLength + " bytes");
        }
    }

    private static void verify(Path part, RemoteFile file) throws IOException, AttemptFailed {
        String problem = problemWith(part, file);
        if (problem != null) {
            throw new AttemptFailed(problem);
        }
    }

    static boolean matches(Path path, RemoteFile file) throws IOException {
        return problemWith(path, file) == null;
    }

    /**
     * Checks a local copy, gzipped or not, against the expected content.
     *
     * @return null if it is good, else what is wrong with it
     */
    static String problemWith(Path path, RemoteFile file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        long length = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
                InputStream in = isGzip(raw) ? new GZIPInputStream(raw, 1 << 16) : raw) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                sha256.update(buffer, 0, n);
                length += n;
                if (length > file.size()) {
                    return "it is longer than the " + file.size() + " bytes " + file.name() + " has";
                }
            }
        } catch (ZipException | java.io.EOFException e) {
            return "it is not a complete gzip file (" + e.getMessage() + ")";
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(file.sha256())) {
            return "SHA-256 mismatch: the content hashes to " + actual + ", expected " + file.sha256();
        }
        return null;
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        in.reset();
        return gzip;
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Same folder, so this is rare (some network file systems); the file was verified already.
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
