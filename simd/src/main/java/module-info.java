/**
 * The Vector API backend. {@code requires jdk.incubator.vector} makes the JVM resolve the incubator
 * module whenever this module is on the module path, so no {@code --add-modules} is needed there; on the
 * class path this file is ignored and the flag is still required. No package is exported: the backend
 * is reached only through {@link dev.scratchnet.backend.Backends}, as the {@code simd} provider.
 */
module dev.scratchnet.simd {
    requires dev.scratchnet.core;
    requires jdk.incubator.vector;

    provides dev.scratchnet.backend.BackendProvider with dev.scratchnet.simd.VectorBackendProvider;
}
