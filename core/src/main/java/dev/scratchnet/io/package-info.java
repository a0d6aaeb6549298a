/**
 * Model files: {@link dev.scratchnet.io.NetworkFormat} (versioned binary with a magic header and
 * a checksum) and {@link dev.scratchnet.io.AtomicFiles} (write to a temporary file, then rename).
 */
package dev.scratchnet.io;
