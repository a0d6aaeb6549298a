package dev.scratchnet.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The four files of MNIST and of Fashion-MNIST, where to get them, and how to recognise them.
 *
 * <p>The SHA-256 is of the <em>decompressed</em> content: copies of the same data on different
 * mirrors differ in their gzip headers (stored name, timestamp), so the compressed bytes cannot be
 * compared. The values were computed from the files in the project's shared data folder, whose
 * MD5s match the original publications.
 */
enum DatasetFiles {
    MNIST("MNIST", "data/mnist", "http://yann.lecun.com/exdb/mnist/",
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/")),
            List.of(new RemoteFile("train-images-idx3-ubyte.gz",
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016L),
                    new RemoteFile("train-labels-idx1-ubyte.gz",
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008L),
                    new RemoteFile("t10k-images-idx3-ubyte.gz",
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016L),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz",
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008L))),
    FASHION("Fashion-MNIST", "data/fashion-mnist", "https://github.com/zalandoresearch/fashion-mnist",
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")),
            List.of(new RemoteFile("train-images-idx3-ubyte.gz",
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47_040_016L),
                    new RemoteFile("train-labels-idx1-ubyte.gz",
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_008L),
                    new RemoteFile("t10k-images-idx3-ubyte.gz",
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7_840_016L),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz",
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_008L)));

    /** Environment variable naming the data folder when {@code --data} is not given. */
    static final String DATA_ENV = "SCRATCHNET_DATA";

    /**
     * One file to fetch.
     *
     * @param name the file name on the mirrors, ending in {@code .gz}
     * @param sha256 lower-case hex SHA-256 of the decompressed content
     * @param size length of the decompressed content in bytes
     */
    record RemoteFile(String name, String sha256, long size) {
        /** @return the name once gunzipped, which the data loader accepts as well */
        String unpackedName() {
            return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        }
    }

    private final String title;
    private final String defaultFolder;
    private final String homepage;
    private final List<URI> mirrors;
    private final List<RemoteFile> files;

    DatasetFiles(String title, String defaultFolder, String homepage, List<URI> mirrors, List<RemoteFile> files) {
        this.title = title;
        this.defaultFolder = defaultFolder;
        this.homepage = homepage;
        this.mirrors = mirrors;
        this.files = files;
    }

    String title() {
        return title;
    }

    List<URI> mirrors() {
        return mirrors;
    }

    List<RemoteFile> files() {
        return files;
    }

    /** {@code $SCRATCHNET_DATA} for MNIST if set, else the folder under the working directory. */
    Path defaultFolder() {
        String env = System.getenv(DATA_ENV);
        if (this == MNIST && env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(defaultFolder);
    }

    /** The files of this set that are in {@code dir} neither gzipped nor unpacked. */
    List<RemoteFile> missingFrom(Path dir) {
        return files.stream()
                .filter(f -> !Files.isRegularFile(dir.resolve(f.name())) && !Files.isRegularFile(dir.resolve(f.unpackedName())))
                .toList();
    }

    /** How to get the data in place: the download command, or by hand without network. */
    String howToGet(Path dir) {
        return "run 'scratchnet download" + (this == FASHION ? " --fashion" : "") + " --data " + dir
                + "', or " + handInstructions(dir);
    }

    /** The sentence that tells someone without network how to get the data in place. */
    String handInstructions(Path dir) {
        return "fetch the four files by hand (" + String.join(", ", files.stream().map(RemoteFile::name).toList())
                + ") from " + mirrors.get(0) + " or " + homepage + " and put them in " + dir.toAbsolutePath()
                + " (gzipped or unpacked)";
    }
}
