/**
 * The kernel interface {@link dev.scratchnet.backend.Backend}, its reference implementation
 * {@link dev.scratchnet.backend.ScalarBackend}, and run-time selection through
 * {@link dev.scratchnet.backend.Backends} and the {@link dev.scratchnet.backend.BackendProvider} service.
 */
package dev.scratchnet.backend;
