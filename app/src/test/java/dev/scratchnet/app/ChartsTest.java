package dev.scratchnet.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scratchnet.layer.Shape;
import dev.scratchnet.layer.UnitWeights;
import dev.scratchnet.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
    @TempDir
    Path tmp;

    static List<EpochRecord> history(int epochs, boolean validation) {
        List<EpochRecord> list = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double loss = 1.0 / e;
            list.add(new EpochRecord(e, loss, 1 - loss / 4, validation ? loss * 1.1 : Double.NaN,
                    validation ? 1 - loss / 3 : Double.NaN, loss * 1.2, 1 - loss / 3.5, 0.1, 2.5, 24000));
        }
        return list;
    }

    static BufferedImage decode(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image != null, png + " does not decode as an image");
        return image;
    }

    @Test
    void learningCurvesAreTwoChartsSideBySide() throws Exception {
        Path png = tmp.resolve("learning-curves.png");
        Charts.learningCurves(history(5, true), png);
        BufferedImage image = decode(png);
        assertEquals(1200, image.getWidth());
        assertEquals(420, image.getHeight());
        assertTrue(distinctColours(image) > 3, "the chart should have lines, not be blank");
    }

    @Test
    void learningCurvesCopeWithOneEpochAndNoValidation() throws Exception {
        Path png = tmp.resolve("curves.png");
        Charts.learningCurves(history(1, false), png);
        decode(png);
        Charts.learningCurves(List.of(), png);
        decode(png);
    }

    @Test
    void confusionMatrixIsAHeatMap() throws Exception {
        int[][] confusion = new int[10][10];
        for (int i = 0; i < 10; i++) {
            confusion[i][i] = 950 + i;
            confusion[i][(i + 1) % 10] = 7;
        }
        Path png = tmp.resolve("confusion.png");
        Charts.confusionMatrix(confusion, png);
        BufferedImage image = decode(png);
        assertEquals(640, image.getWidth());
        assertEquals(600, image.getHeight());
        assertTrue(distinctColours(image) > 3);
    }

    @Test
    void withoutHistoryNoPointIsInventedOnlyASentence() throws Exception {
        Path png = tmp.resolve("curves.png");
        Charts.learningCurves(List.of(), png);
        BufferedImage image = decode(png);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                assertTrue(r == g && g == b, "a coloured pixel (a series) at " + x + "," + y);
            }
        }
    }

    @Test
    void axisNumbersAreShortNotFullDoubles() {
        org.knowm.xchart.XYChart chart = Charts.curve("Loss", "loss", "0.###", org.knowm.xchart.style.Styler.LegendPosition.InsideNE,
                history(1, false), List.of("train"), List.of(EpochRecord::trainLoss));
        assertEquals("0.###", chart.getStyler().getYAxisDecimalPattern());
        assertEquals("0.308", new java.text.DecimalFormat(chart.getStyler().getYAxisDecimalPattern(),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)).format(0.307515128312407));
    }

    @Test
    void confusionColoursArePerRowSoSmallMistakesShow() throws Exception {
        int[][] confusion = new int[10][10];
        for (int i = 0; i < 10; i++) {
            confusion[i][i] = 950 + i * 20;
        }
        confusion[4][9] = 22;
        confusion[5][3] = 7;
        Path png = tmp.resolve("confusion.png");
        Charts.confusionMatrix(confusion, png);
        BufferedImage image = decode(png);
        int cell = Charts.confusionCell(10);
        java.util.function.BiFunction<Integer, Integer, java.awt.Color> corner = (t, p) -> new java.awt.Color(
                image.getRGB(Charts.CONFUSION_LEFT + p * cell + 3, Charts.CONFUSION_TOP + t * cell + 3));
        assertEquals(new java.awt.Color(0xd7, 0x30, 0x1f), corner.apply(4, 9), "the largest mistake is full red");
        java.awt.Color seven = corner.apply(5, 3);
        assertTrue(seven.getGreen() < 200 && seven.getRed() > 200, "7 of 1,057 is still clearly red: " + seven);
        assertEquals(java.awt.Color.WHITE, corner.apply(0, 1), "no mistakes: white");
        java.awt.Color diagonal = corner.apply(0, 0);
        assertTrue(diagonal.getGreen() > diagonal.getRed() + 80, "the diagonal is green: " + diagonal);
    }

    @Test
    void digitGridDrawsInkDarkWithCaptions() throws Exception {
        int[] pixels = new int[784];
        for (int y = 4; y < 24; y++) {
            pixels[y * 28 + 14] = 255;
        }
        List<Charts.Example> examples = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            examples.add(new Charts.Example(i, pixels, 1, 7, 0.93));
        }
        Path png = tmp.resolve("grid.png");
        Charts.digitGrid("Most confident mistakes", examples, 6, png);
        BufferedImage image = decode(png);
        int cell = 28 * Charts.SCALE;
        assertEquals(6 * (cell + 8) + 8, image.getWidth());
        // The stroke at column 14, row 10 of the first digit is black; the paper around it white.
        int x0 = 8;
        int y0 = 28;
        assertEquals(0x000000, image.getRGB(x0 + 14 * Charts.SCALE, y0 + 10 * Charts.SCALE) & 0xffffff);
        assertEquals(0xffffff, image.getRGB(x0 + 2 * Charts.SCALE, y0 + 10 * Charts.SCALE) & 0xffffff);
    }

    @Test
    void emptyGridStillDecodes() throws Exception {
        Path png = tmp.resolve("none.png");
        Charts.digitGrid("Most confident mistakes", List.of(), 10, png);
        decode(png);
    }

    @Test
    void firstLayerWeightsShowSignAsColour() throws Exception {
        int units = 4;
        Tensor w = new Tensor(units, 784);
        for (int i = 0; i < 784; i++) {
            w.set(0, i, i < 392 ? 1f : -1f); // unit 0: top half positive, bottom half negative
        }
        Path png = tmp.resolve("weights.png");
        Charts.firstLayerWeights(new UnitWeights(Shape.flat(784), w), png);
        BufferedImage image = decode(png);
        int x0 = 4;
        int y0 = 28;
        assertEquals(0xff0000, image.getRGB(x0 + 5, y0 + 5) & 0xffffff, "positive weights are red");
        assertEquals(0x0000ff, image.getRGB(x0 + 5, y0 + 27 * Charts.SCALE) & 0xffffff, "negative weights are blue");
        assertNotEquals(image.getRGB(x0 + 5, y0 + 5), image.getRGB(x0 + 5, y0 + 27 * Charts.SCALE));
    }

    @Test
    void manyUnitsAreCappedAtOneHundred() throws Exception {
        Path png = tmp.resolve("weights.png");
        Charts.firstLayerWeights(new UnitWeights(Shape.flat(784), new Tensor(300, 784)), png);
        int cell = 28 * Charts.SCALE;
        assertEquals(10 * (cell + 4) + 4, decode(png).getWidth());
    }

    @Test
    void weightsOfANonImageLayerAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Charts.firstLayerWeights(
                new UnitWeights(Shape.flat(10), new Tensor(2, 10)), tmp.resolve("w.png")));
        assertThrows(IllegalArgumentException.class, () -> Charts.firstLayerWeights(
                new UnitWeights(new Shape(3, 5, 5), new Tensor(2, 75)), tmp.resolve("w.png")));
        assertTrue(Files.notExists(tmp.resolve("w.png")));
    }

    @Test
    void smallFiltersAreDrawnAsLargeAsADigit() throws Exception {
        Path png = tmp.resolve("filters.png");
        Tensor w = new Tensor(4, 25);
        w.set(0, 0, 1f); // filter 0: top-left tap positive
        Charts.firstLayerWeights(new UnitWeights(new Shape(1, 5, 5), w), png);
        int scale = 28 * Charts.SCALE / 5;
        BufferedImage image = decode(png);
        assertEquals(2 * (5 * scale + 4) + 4, image.getWidth());
        assertEquals(0xff0000, image.getRGB(4 + scale / 2, 28 + scale / 2) & 0xffffff);
        assertEquals(0xffffff, image.getRGB(4 + scale + scale / 2, 28 + scale / 2) & 0xffffff);
    }

    @Test
    void thePictureGridFollowsTheField() {
        assertArrayEquals(new int[] {28, 28}, Charts.pictureGrid(Shape.flat(784)).orElseThrow());
        assertArrayEquals(new int[] {7, 9}, Charts.pictureGrid(new Shape(1, 7, 9)).orElseThrow());
        assertTrue(Charts.pictureGrid(Shape.flat(10)).isEmpty());
        assertTrue(Charts.pictureGrid(new Shape(2, 5, 5)).isEmpty());
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    @Test
    void featureMapsAreGreyPicturesWithTheStrongestValueBlack() throws Exception {
        Path png = tmp.resolve("maps.png");
        float[] maps = new float[2 * 4 * 4];
        maps[0] = 3f;       // channel 0, top-left: the largest value, black
        maps[16 + 5] = -1f; // channel 1: negative values draw white, like 0
        Charts.featureMaps("two maps", new Shape(2, 4, 4), maps, png);
        BufferedImage image = decode(png);
        int scale = 28 * Charts.SCALE / 4;
        assertEquals(0x000000, image.getRGB(4 + 1, 28 + 1) & 0xffffff);
        assertEquals(0xffffff, image.getRGB(4 + scale + 1, 28 + 1) & 0xffffff);
        assertEquals(0xffffff, image.getRGB(4 + 4 * scale + 4 + scale + 1, 28 + scale + 1) & 0xffffff);
    }
}
