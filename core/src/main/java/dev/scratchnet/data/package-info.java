/**
 * Training data: loaders for IDX folders ({@link dev.scratchnet.data.IdxFolder}, with
 * {@link dev.scratchnet.data.MnistDataset} for plain MNIST), CSV files
 * ({@link dev.scratchnet.data.CsvDataset}) and folders of pictures
 * ({@link dev.scratchnet.data.ImageFolderDataset}); an in-memory {@link dev.scratchnet.data.Dataset}
 * of inputs and targets; reusable {@link dev.scratchnet.data.Batch} buffers that the trainer fills
 * without allocating; and {@link dev.scratchnet.data.ImageShift}, which augments image batches with
 * randomly shifted copies.
 *
 * <p>Every loader returns {@link dev.scratchnet.data.LabelledData}: the training set, the test set if
 * the source has one, and a {@link dev.scratchnet.data.DatasetInfo} (class names, the
 * {@link dev.scratchnet.data.ImageGeometry} of image inputs, and the
 * {@link dev.scratchnet.data.Preprocessing} from raw values to inputs). A held-out test set and a
 * {@link dev.scratchnet.data.Standardization} are fitted on the training set only, and recorded in
 * the info so that a model file can prepare new data the same way.
 *
 * <p>Reading order: {@code IdxFile} (what is on disk) → {@code IdxReader} (how it is checked) →
 * {@code Normalization} (bytes to floats) → {@code MnistDataset} → {@code Dataset} → {@code Batch};
 * then {@code DatasetInfo} → {@code IdxFolder} → {@code CsvDataset} → {@code ImageFolderDataset} →
 * {@code LabelledData} → {@code Standardization} → {@code ImageShift}. The formats and their errors are described in
 * docs/data.md.
 *
 * <p>Bad input fails with a {@link dev.scratchnet.data.DataFormatException} (for IDX files its
 * subclass {@link dev.scratchnet.data.IdxFormatException}) whose message is one sentence naming the
 * file and, where it helps, the line or picture, saying what is wrong and what to do about it.
 */
package dev.scratchnet.data;
