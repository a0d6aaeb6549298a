package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.backend.Activation;
import dev.scratchnet.loss.LossKind;
import dev.scratchnet.model.Evaluation;
import dev.scratchnet.model.Network;
import dev.scratchnet.model.Trainer;
import dev.scratchnet.model.TrainingConfig;
import dev.scratchnet.optim.OptimizerKind;
import dev.scratchnet.testing.TestData;
import java.io.BufferedWriter;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static LabelledData load(Path file) throws IOException {
        return CsvDataset.load(file, null, CsvOptions.DEFAULTS);
    }

    private static void rejects(Executable call, String... hints) {
        DataFormatException e = assertThrows(DataFormatException.class, call);
        for (String hint : hints) {
            assertTrue(e.getMessage().contains(hint), () -> "message lacks \"" + hint + "\": " + e.getMessage());
        }
    }

    @Test
    void readsLabelFirstWithoutHeaderAndSortsWholeNumberLabelsNumerically() throws IOException {
        LabelledData data = load(csv("plain.csv", "10,1,2\n2,3,4.5\n10,-6,7e1\n"));
        assertEquals(List.of("2", "10"), data.info().classNames(), "numeric order, not \"10\" before \"2\"");
        assertArrayEquals(new int[] {1, 0, 1}, data.train().labels());
        assertArrayEquals(new float[] {1, 2, 3, 4.5f, -6, 70}, data.train().inputs().data());
        assertEquals(2, data.info().inputSize());
        assertNull(data.info().image());
        assertNull(data.test());
        assertEquals("plain", data.info().name());
    }

    @Test
    void readsTheKaggleMnistLayoutAsIs() throws IOException {
        LabelledData data = load(csv("mnist_train.csv", "label,1x1,1x2,2x1,2x2\n5,0,255,0,12\n0,7,0,0,0\n"));
        assertEquals(List.of("0", "5"), data.info().classNames());
        assertEquals(2, data.train().size());
        assertArrayEquals(new float[] {0, 255, 0, 12, 7, 0, 0, 0}, data.train().inputs().data());
    }

    @Test
    void detectsSemicolonsDecimalCommasQuotesSpacesByteOrderMarkAndWindowsLineEnds() throws IOException {
        String text = "\uFEFF\"kind\" ; \"width\";height\r\n\r\n\"a;b\";1,5; 2\r\n c ;\"3\";4,25\r\n";
        LabelledData data = load(csv("excel.csv", text));
        assertEquals(List.of("a;b", "c"), data.info().classNames());
        assertArrayEquals(new float[] {1.5f, 2f, 3f, 4.25f}, data.train().inputs().data());
    }

    @Test
    void choosesTheLabelColumnByNameOrByIndexFromTheEnd() throws IOException {
        Path iris = csv("iris.csv", "sepal,species,petal\n1,setosa,2\n3,virginica,4\n5,setosa,6\n");
        LabelledData byName = CsvDataset.load(iris, null, CsvOptions.DEFAULTS.withLabelColumn("species"));
        assertEquals(List.of("setosa", "virginica"), byName.info().classNames());
        assertArrayEquals(new int[] {0, 1, 0}, byName.train().labels());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, byName.train().inputs().data());

        Path last = csv("last.csv", "1,2,b\n3,4,a\n");
        LabelledData byIndex = CsvDataset.load(last, null, CsvOptions.DEFAULTS.withLabelColumnSpec("-1"));
        assertEquals(List.of("a", "b"), byIndex.info().classNames(), "strings sort as strings");
        assertArrayEquals(new int[] {1, 0}, byIndex.train().labels());
        assertArrayEquals(new float[] {1, 2, 3, 4}, byIndex.train().inputs().data());
    }

    @Test
    void aHeaderOfNumbersIsDataUnlessTheOptionsSayHeader() throws IOException {
        Path file = csv("numbered.csv", "9,0,1\n1,5,6\n2,7,8\n");
        assertEquals(3, load(file).train().size());
        LabelledData withHeader = CsvDataset.load(file, null, CsvOptions.DEFAULTS.withHeader(CsvOptions.Header.PRESENT));
        assertEquals(2, withHeader.train().size());
        assertEquals(List.of("1", "2"), withHeader.info().classNames());
    }

    @Test
    void aTestFileUsesTheTrainingClasses() throws IOException {
        Path train = csv("train.csv", "y,x\ncat,1\ndog,2\n");
        Path test = csv("test.csv", "y,x\ndog,3\ndog,4\n");
        LabelledData data = CsvDataset.load(train, test, CsvOptions.DEFAULTS);
        assertArrayEquals(new int[] {1, 1}, data.test().labels());
        assertEquals(2, data.test().classes());
        Path unknown = csv("unknown.csv", "y,x\ndog,3\n\nbird,4\n");
        rejects(() -> CsvDataset.load(train, unknown, CsvOptions.DEFAULTS), unknown.toString(), "line 4",
                "\"bird\"", "2 classes of the training data (cat, dog)");
        Path wider = csv("wider.csv", "y,x,z\ndog,3,4\n");
        rejects(() -> CsvDataset.load(train, wider, CsvOptions.DEFAULTS), wider.toString(), "3 columns", "has 2");
        Path renamed = csv("renamed.csv", "y,z\ndog,3\n");
        rejects(() -> CsvDataset.load(train, renamed, CsvOptions.DEFAULTS), "names its 2nd column \"z\"");
    }

    @Test
    void loadingForAModelAppliesItsScaleAndStandardization() throws IOException {
        Path train = csv("train.csv", "0,10,100\n1,20,300\n");
        LabelledData trained = CsvDataset.load(train, null, CsvOptions.DEFAULTS.withScale(0.1f))
                .standardized(Standardization.Mode.PER_FEATURE);
        Dataset again = CsvDataset.load(train, CsvOptions.DEFAULTS, trained.info());
        assertArrayEquals(trained.train().inputs().data(), again.inputs().data());
        assertArrayEquals(new float[] {-1, -1, 1, 1}, again.inputs().data(), 1e-6f);
        Path narrow = csv("narrow.csv", "0,10\n");
        rejects(() -> CsvDataset.load(narrow, CsvOptions.DEFAULTS, trained.info()), narrow.toString(),
                "1 features per line but the model was trained on 2");
    }

    @Test
    void aLongFirstLineThatUnderestimatesTheRowsStillLoadsThemAll() throws IOException {
        StringBuilder text = new StringBuilder("0,1.00000000000000000000000000000000000000000000000000000000000000,2\n");
        for (int i = 0; i < 500; i++) {
            text.append(i % 2).append(',').append(i).append(",7\n");
        }
        LabelledData data = load(csv("grow.csv", text.toString()));
        assertEquals(501, data.train().size());
        assertEquals(499f, data.train().inputs().get(500, 0));
        assertEquals(7f, data.train().inputs().get(500, 1));
        assertEquals(1, data.train().labels()[500]);
    }

    @Test
    void raggedRowsNameTheFileAndLine() throws IOException {
        Path file = csv("ragged.csv", "a,b,c\n1,2,3\n\n1,2\n");
        rejects(() -> load(file), "CSV file " + file + " line 4 has 2 cells but line 1 has 3");
    }

    @Test
    void nonNumericAndEmptyCellsNameTheLineAndColumn() throws IOException {
        Path text = csv("text.csv", "label,width,height\n1,2,3\n0,4,four\n");
        rejects(() -> load(text), text.toString(), "line 3, 3rd cell (\"height\"): \"four\" is not a number");
        Path empty = csv("missing.csv", "1,2,3\n0,,4\n");
        rejects(() -> load(empty), "line 2, 2nd cell is empty", "missing values");
        Path emptyFirst = csv("missingfirst.csv", "1,,3\n0,2,4\n");
        rejects(() -> load(emptyFirst), "line 1, 2nd cell is empty");
        for (String javaOnly : List.of("NaN", "Infinity", "1f", "0x1p3", "1e99")) {
            Path file = csv("java.csv", "1,2\n0," + javaOnly + "\n");
            rejects(() -> load(file), "line 2, 2nd cell");
        }
        Path noLabel = csv("nolabel.csv", "1,2\n ,4\n");
        rejects(() -> load(noLabel), "line 2 has an empty label");
    }

    @Test
    void emptyOrShapelessFilesAreRejected() throws IOException {
        rejects(() -> load(csv("empty.csv", "")), "is empty");
        rejects(() -> load(csv("blank.csv", "\n \n")), "is empty");
        rejects(() -> load(csv("header.csv", "label,x\n")), "has a header (line 1) but no examples");
        rejects(() -> load(csv("one.csv", "1\n2\n")), "line 1 has a single column");
        rejects(() -> load(csv("single.csv", "7,1\n7,2\n")), "a single class, \"7\"");
        rejects(() -> load(csv("quote.csv", "\"a,1\n")), "line 1 opens a quote in its 1st cell but never closes it");
        Path binary = dir.resolve("binary.csv");
        Files.write(binary, new byte[] {'1', ',', '2', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
        rejects(() -> load(binary), "line 2 is not UTF-8 text");
        assertThrows(FileNotFoundException.class, () -> load(dir.resolve("nope.csv")));
    }

    @Test
    void aMissingLabelColumnNameListsTheColumns() throws IOException {
        Path file = csv("named.csv", "a,b\n1,2\n");
        rejects(() -> CsvDataset.load(file, null, CsvOptions.DEFAULTS.withLabelColumn("label")),
                "no column named \"label\"", "a, b");
        rejects(() -> CsvDataset.load(file, null, CsvOptions.DEFAULTS.withLabelColumn(5)), "no label column 5");
    }

    // ---- real data: a CSV written from MNIST's IDX files loads to the same tensors ----

    @Test
    void aCsvMadeFromMnistLoadsToExactlyTheIdxInputsAndLabels() throws IOException {
        LabelledData idx = IdxFolder.load(TestData.mnist());
        int rows = 5000;
        Path train = writeKaggleCsv("mnist_train.csv", idx.train(), rows);
        Path test = writeKaggleCsv("mnist_test.csv", idx.test(), rows);
        LabelledData csv = CsvDataset.load(train, test, CsvOptions.DEFAULTS.withScale(1f / 255f));
        assertEquals(idx.info().classNames(), csv.info().classNames());
        assertEquals(idx.info().preprocessing(), csv.info().preprocessing());
        Dataset idxTrain = idx.train().slice(0, rows);
        Dataset idxTest = idx.test().slice(0, rows);
        assertArrayEquals(idxTrain.inputs().data(), csv.train().inputs().data(), "bit-identical training inputs");
        assertArrayEquals(idxTrain.labels(), csv.train().labels());
        assertArrayEquals(idxTrain.targets().data(), csv.train().targets().data());
        assertArrayEquals(idxTest.inputs().data(), csv.test().inputs().data(), "bit-identical test inputs");
        assertArrayEquals(idxTest.labels(), csv.test().labels());
        // So training with the same seed gives the same network: one short epoch on each shows it.
        Evaluation fromIdx = trainOneEpoch(idxTrain.slice(0, 1000), idxTest.slice(0, 1000));
        Evaluation fromCsv = trainOneEpoch(csv.train().slice(0, 1000), csv.test().slice(0, 1000));
        assertEquals(fromIdx.loss(), fromCsv.loss());
        assertEquals(fromIdx.correct(), fromCsv.correct());
    }

    private static Evaluation trainOneEpoch(Dataset train, Dataset test) {
        Network network = Network.builder().input(784).dense(32, Activation.RELU).dense(10, Activation.IDENTITY)
                .loss(LossKind.CROSS_ENTROPY).seed(5).build();
        TrainingConfig config = TrainingConfig.builder().optimizer(OptimizerKind.SGD).learningRate(0.1f)
                .batchSize(50).epochs(1).seed(5).build();
        new Trainer(network, config).fit(train, null);
        return network.evaluate(test);
    }

    /** Kaggle's layout: a header label,1x1,…,28x28, then the label and the 784 pixel bytes of each image. */
    private Path writeKaggleCsv(String name, Dataset images, int rows) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("label");
            for (int r = 1; r <= 28; r++) {
                for (int c = 1; c <= 28; c++) {
                    header.append(',').append(r).append('x').append(c);
                }
            }
            out.write(header.append('\n').toString());
            float[] x = images.inputs().data();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                line.append(images.labels()[i]);
                for (int j = 0; j < 784; j++) {
                    line.append(',').append(Math.round(x[i * 784 + j] * 255f));
                }
                out.write(line.append('\n').toString());
            }
        }
        return file;
    }

    @Test
    void sortedClassesAreNumericOnlyWhenEveryLabelIsAWholeNumber() {
        assertEquals(List.of("-1", "2", "10"), CsvDataset.sortedClasses(Arrays.asList("10", "2", "-1")));
        assertEquals(List.of("10", "2", "x"), CsvDataset.sortedClasses(Arrays.asList("2", "x", "10")));
    }
}
