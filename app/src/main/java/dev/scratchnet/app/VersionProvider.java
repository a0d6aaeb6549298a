package dev.scratchnet.app;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version from the jar manifest, plus the JVM it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "scratchnet " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), "
                    + Runtime.getRuntime().availableProcessors() + " processors"
        };
    }
}
