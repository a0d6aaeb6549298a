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
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Fetches data files from a list of mirrors. Each file goes to a temporary file in the target
 * folder, is checked against its SHA-256, and only then is moved into place with an atomic
 * rename: a half-finished or corrupted download never sits under the real name.
 *
 * <p>Copies already in the folder are checked too, gzipped and unpacked: the loader prefers an
 * unpacked file, so a damaged one would hide a good download; damaged copies are removed once a
 * good one is in place. Each attempt has an idle timeout and an overall deadline (a mirror that
 * trickles a byte a second never times out on reads alone), and temporary files that an
 * interrupted earlier run left behind are removed.
 */
final class Downloader {

    /** No mirror delivered the file; says whether any attempt failed for lack of network. */
    static final class DownloadFailed extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean networkProblem;

        DownloadFailed(String message, boolean networkProblem) {
            super(message);
            this.networkProblem = networkProblem;
        }

        /** @return true if some mirror could not be reached or stalled, so the machine may be offline */
        boolean networkProblem() {
            return networkProblem;
        }
    }

    /** Why one attempt failed; the next mirror is tried. */
    static final class AttemptFailed extends Exception {
        private static final long serialVersionUID = 1L;

        AttemptFailed(String message) {
            super(message);
        }

        AttemptFailed(String message, Throwable cause) {
            super(message, cause);
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
    private final Duration deadline;

    /**
     * @param connectTimeout how long to wait for a mirror to accept the connection
     * @param readTimeout how long a mirror may send nothing
     * @param deadline how long one attempt at one file may take in all
     */
    Downloader(List<URI> mirrors, ProgressPrinter progress, Duration connectTimeout, Duration readTimeout,
            Duration deadline) {
        if (mirrors.isEmpty()) {
            throw new IllegalArgumentException("no mirrors to download from");
        }
        this.mirrors = List.copyOf(mirrors);
        this.progress = progress;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.deadline = deadline;
    }

    /**
     * Makes sure {@code file} is in {@code dir}, downloading it if it is missing or wrong.
     *
     * @return true if it was downloaded, false if a good copy was already there
     * @throws IOException if no mirror delivered a good copy; the message lists each mirror's problem
     */
    boolean ensure(Path dir, RemoteFile file) throws IOException {
        Files.createDirectories(dir);
        removeLeftoverParts(dir, file);
        Path good = null;
        Map<Path, String> damaged = new LinkedHashMap<>();
        for (String name : List.of(file.unpackedName(), file.name())) {
            Path existing = dir.resolve(name);
            if (Files.isRegularFile(existing)) {
                String problem = problemWith(existing, file);
                if (problem == null) {
                    good = good != null ? good : existing;
                } else {
                    damaged.put(existing, problem);
                }
            }
        }
        boolean downloaded = false;
        if (good == null) {
            download(dir, file);
            downloaded = true;
            damaged.remove(dir.resolve(file.name())); // replaced by the download
        }
        for (Map.Entry<Path, String> d : damaged.entrySet()) {
            Files.delete(d.getKey());
            progress.line("removed the damaged " + d.getKey() + " (" + d.getValue() + ")");
        }
        return downloaded;
    }

    private void download(Path dir, RemoteFile file) throws IOException {
        List<String> problems = new ArrayList<>();
        boolean networkProblem = false;
        for (URI mirror : mirrors) {
            URI uri = mirror.resolve(file.name());
            Path part = Files.createTempFile(dir, partPrefix(file), PART_SUFFIX);
            try {
                fetch(uri, file, part);
                verify(part, file);
                moveIntoPlace(part, dir.resolve(file.name()));
                return;
            } catch (AttemptFailed e) {
                problems.add(uri + ": " + e.getMessage());
                networkProblem |= isNetworkProblem(e.getCause());
            } catch (IOException e) {
                problems.add(uri + ": " + Failures.describe(e));
                networkProblem |= isNetworkProblem(e);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        throw new DownloadFailed("could not download " + file.name() + " from any mirror ("
                + String.join("; ", problems) + ")", networkProblem);
    }

    /** Unreachable, unknown or stalled: the kind of failure that no network (or a proxy) explains. */
    private static boolean isNetworkProblem(Throwable e) {
        return e instanceof java.net.ConnectException || e instanceof java.net.UnknownHostException
                || e instanceof java.net.SocketTimeoutException || e instanceof java.net.NoRouteToHostException
                || e instanceof java.net.SocketException;
    }

    private static final String PART_SUFFIX = ".part";

    /** {@code .NAME.PID.}: the process id tells a live download's temporary file from a dead one's. */
    private static String partPrefix(RemoteFile file) {
        return "." + file.name() + "." + ProcessHandle.current().pid() + ".";
    }

    /** Temporary files of this file that an interrupted earlier run left (its process is gone). */
    private static void removeLeftoverParts(Path dir, RemoteFile file) throws IOException {
        Pattern ours = Pattern.compile(Pattern.quote("." + file.name() + ".") + "(\\d+)\\.\\d+" + Pattern.quote(PART_SUFFIX));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir,
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path part : parts) {
                Matcher m = ours.matcher(part.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1)))) {
                    Files.deleteIfExists(part);
                }
            }
        }
    }

    private static boolean alive(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
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
                throw new AttemptFailed("the server answered HTTP " + status
                        + (status == HttpURLConnection.HTTP_NOT_FOUND ? " (it does not have this file)" : ""));
            }
        }
        long expectedLength = connection.getContentLengthLong();
        long limit = file.size() + SLACK_BYTES;
        if (expectedLength > limit) {
            throw new AttemptFailed("the server offers " + expectedLength + " bytes, more than this file can have");
        }
        ProgressPrinter.Task task = progress.start(file.name(), expectedLength, "MB", 1e6);
        long received = 0;
        long start = System.nanoTime();
        try (InputStream in = connection.getInputStream(); OutputStream out = Files.newOutputStream(part)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                received += n;
                if (received > limit) {
                    throw new AttemptFailed("the server sent more than " + limit + " bytes, more than this file can have");
                }
                if (System.nanoTime() - start > deadline.toNanos()) {
                    throw new AttemptFailed("gave up after " + deadline.toSeconds() + " s with " + received + " bytes "
                            + "received; the mirror is too slow (raise --max-time to wait longer)",
                            new java.net.SocketTimeoutException("deadline"));
                }
                task.update(received);
            }
        } catch (IOException e) {
            throw new AttemptFailed("the connection broke after " + received + " bytes (" + Failures.describe(e) + ")", e);
        } catch (AttemptFailed e) {
            if (connection instanceof HttpURLConnection http) {
                http.disconnect(); // close the socket now, rather than drain what the mirror still sends
            }
            throw e;
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
