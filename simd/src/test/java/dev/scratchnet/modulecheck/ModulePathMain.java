package dev.scratchnet.modulecheck;

import dev.scratchnet.backend.Backend;
import dev.scratchnet.backend.Backends;

/**
 * Started by {@code ModulePathIT} in a JVM whose core and simd jars are on the module path:
 * prints the backend that {@code simd} selects and the module its class came from. Lives outside
 * the simd package so that this class-path code does not split that package.
 */
public final class ModulePathMain {
    private ModulePathMain() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        Backend backend = Backends.select("simd", 1);
        System.out.println(backend.name() + " from module " + backend.getClass().getModule().getName());
    }
}
