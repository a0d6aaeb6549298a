/**
 * Training data: reading IDX files ({@link dev.scratchnet.data.IdxReader}), the MNIST and
 * Fashion-MNIST loaders ({@link dev.scratchnet.data.MnistDataset}), an in-memory
 * {@link dev.scratchnet.data.Dataset} of inputs and targets, and reusable
 * {@link dev.scratchnet.data.Batch} buffers that the trainer fills without allocating.
 *
 * <p>Reading order: {@code IdxFile} (what is on disk) → {@code IdxReader} (how it is checked) →
 * {@code Normalization} (bytes to floats) → {@code MnistDataset} → {@code Dataset} → {@code Batch}.
 *
 * <p>Damaged or foreign files fail with an {@link dev.scratchnet.data.IdxFormatException} whose
 * message names the file, says what is wrong, and what to do about it.
 */
package dev.scratchnet.data;
