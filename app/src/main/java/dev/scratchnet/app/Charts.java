package dev.scratchnet.app;

import dev.scratchnet.io.AtomicFiles;
import dev.scratchnet.layer.Shape;
import dev.scratchnet.layer.UnitWeights;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's pictures, drawn from plain arrays so they can be tested without training anything.
 * Plots with axes come from XChart; the digit grids are plain images, one pixel block per pixel.
 */
final class Charts {
    /** Each MNIST pixel becomes a SCALE×SCALE block, so 28×28 digits are visible without zooming. */
    static final int SCALE = 3;
    static final int MAX_UNITS = 100;

    private Charts() {
    }

    /** One misclassified (or any) test image with what the network thought. */
    record Example(int index, int[] pixels, int label, int predicted, double confidence) {
    }

    /** Loss and accuracy per epoch, train against validation and test, side by side. */
    static void learningCurves(List<EpochRecord> epochs, Path png) throws IOException {
        XYChart loss = curve("Loss per epoch", "loss", Styler.LegendPosition.InsideNE, epochs,
                List.of("train", "validation", "test"),
                List.of(EpochRecord::trainLoss, EpochRecord::validationLoss, EpochRecord::testLoss));
        XYChart accuracy = curve("Accuracy per epoch", "accuracy (%)", Styler.LegendPosition.InsideSE, epochs,
                List.of("train", "validation", "test"),
                List.of(e -> 100 * e.trainAccuracy(), e -> 100 * e.validationAccuracy(), e -> 100 * e.testAccuracy()));
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, out, BitmapFormat.PNG));
    }

    private static XYChart curve(String title, String yTitle, Styler.LegendPosition legend, List<EpochRecord> epochs, List<String> names,
            List<ToDoubleFunction<EpochRecord>> values) {
        XYChart chart = new XYChartBuilder().width(600).height(420).title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        for (int s = 0; s < names.size(); s++) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (EpochRecord e : epochs) {
                double y = values.get(s).applyAsDouble(e);
                if (Double.isFinite(y)) {
                    xs.add((double) e.epoch());
                    ys.add(y);
                }
            }
            if (!xs.isEmpty()) {
                chart.addSeries(names.get(s), xs, ys).setMarker(SeriesMarkers.CIRCLE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            // XChart cannot draw an empty chart; an explicit placeholder says why it is blank.
            chart.addSeries("no data", new double[] {0}, new double[] {0});
        }
        return chart;
    }

    /** The confusion matrix as a heat map: rows are the true digit, columns the predicted one. */
    static void confusionMatrix(int[][] confusion, Path png) throws IOException {
        int classes = confusion.length;
        List<Integer> axis = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            axis.add(c);
        }
        List<Number[]> cells = new ArrayList<>();
        int max = 1;
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                // y counts upwards in XChart; flip it so the diagonal runs top-left to bottom-right as in the table.
                cells.add(new Number[] {p, classes - 1 - t, confusion[t][p]});
                max = Math.max(max, confusion[t][p]);
            }
        }
        List<Integer> yAxis = new ArrayList<>();
        for (int c = classes - 1; c >= 0; c--) {
            yAxis.add(c);
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(640).height(600).title("Confusion matrix (test set)")
                .xAxisTitle("predicted digit").yAxisTitle("true digit").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setMin(0);
        chart.getStyler().setMax(max);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xfd, 0xd4, 0x9e), new Color(0xd7, 0x30, 0x1f)});
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.addSeries("count", axis, yAxis, cells);
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapFormat.PNG));
    }

    /**
     * A grid of test digits, each captioned "true → predicted (confidence)".
     *
     * @param examples the digits, most interesting first; at most {@code columns × rows} are drawn
     */
    static void digitGrid(String title, List<Example> examples, int columns, Path png) throws IOException {
        int cell = 28 * SCALE;
        int captionHeight = 16;
        int pad = 8;
        int rows = Math.max(1, (examples.size() + columns - 1) / columns);
        int titleHeight = 28;
        BufferedImage image = new BufferedImage(columns * (cell + pad) + pad,
                titleHeight + rows * (cell + captionHeight + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(examples.isEmpty() ? title + ": none" : title, pad, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            int x0 = pad + (i % columns) * (cell + pad);
            int y0 = titleHeight + (i / columns) * (cell + captionHeight + pad);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    int v = 255 - Math.max(0, Math.min(255, e.pixels()[y * 28 + x])); // ink dark on white, like paper
                    g.setColor(new Color(v, v, v));
                    g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%d → %d (%.0f%%)", e.label(), e.predicted(), 100 * e.confidence()),
                    x0, y0 + cell + captionHeight - 4);
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /**
     * The height and width a unit's weights are drawn at: the field's own for a one-channel image,
     * a square for a flat field of a square size (a dense layer over 784 pixels: 28×28).
     *
     * @return {height, width}, or empty if the field is no single picture
     */
    static Optional<int[]> pictureGrid(Shape field) {
        if (field.isImage()) {
            return field.channels() == 1 ? Optional.of(new int[] {field.height(), field.width()}) : Optional.empty();
        }
        int side = (int) Math.round(Math.sqrt(field.size()));
        return side > 1 && side * side == field.size() ? Optional.of(new int[] {side, side}) : Optional.empty();
    }

    /**
     * The first layer's units as pictures over their receptive field (28×28 for a dense layer over
     * MNIST): row u of the weights is unit u, blue for negative, red for positive, each unit scaled to
     * its own largest |w| so faint units still show.
     *
     * @param unitWeights each unit's weights over its field; the field must have a {@link #pictureGrid}
     */
    static void firstLayerWeights(UnitWeights unitWeights, Path png) throws IOException {
        int[] grid = pictureGrid(unitWeights.field()).orElseThrow(() -> new IllegalArgumentException(
                "first-layer weights can be drawn only over a one-channel image or a square number of inputs; "
                        + "the layer's field is " + unitWeights.field()));
        int height = grid[0];
        int width = grid[1];
        int inputs = height * width;
        int units = unitWeights.units();
        float[] weights = unitWeights.weights().data();
        int scale = Math.max(1, 28 * SCALE / Math.max(height, width)); // small filters drawn as large as digits
        int shown = Math.min(units, MAX_UNITS);
        int columns = (int) Math.ceil(Math.sqrt(shown));
        int rows = (shown + columns - 1) / columns;
        int cellWidth = width * scale;
        int cellHeight = height * scale;
        int pad = 4;
        int titleHeight = 28;
        BufferedImage image = new BufferedImage(columns * (cellWidth + pad) + pad,
                titleHeight + rows * (cellHeight + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("First-layer weights" + (shown < units ? " (first " + shown + " of " + units + " units)" : ""), pad, 20);
        for (int u = 0; u < shown; u++) {
            float max = 1e-12f;
            for (int i = 0; i < inputs; i++) {
                max = Math.max(max, Math.abs(weights[u * inputs + i]));
            }
            int x0 = pad + (u % columns) * (cellWidth + pad);
            int y0 = titleHeight + (u / columns) * (cellHeight + pad);
            for (int i = 0; i < inputs; i++) {
                g.setColor(diverging(weights[u * inputs + i] / max));
                g.fillRect(x0 + (i % width) * scale, y0 + (i / width) * scale, scale, scale);
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /**
     * One example's feature maps after a layer with an image output: each channel drawn as a grey picture,
     * black for the layer's largest value and white for 0 or less (ReLU maps are mostly white, with the
     * strokes each filter responds to in black). One scale for all maps, so weak maps look weak.
     *
     * @param title the heading
     * @param shape channels × height × width of the maps
     * @param maps the values, channel-major ({@code shape.size()} of them)
     */
    static void featureMaps(String title, Shape shape, float[] maps, Path png) throws IOException {
        int height = shape.height(), width = shape.width(), area = height * width;
        int shown = Math.min(shape.channels(), MAX_UNITS);
        int scale = Math.max(1, 28 * SCALE / Math.max(height, width));
        int columns = (int) Math.ceil(Math.sqrt(shown));
        int rows = (shown + columns - 1) / columns;
        int cellWidth = width * scale, cellHeight = height * scale, pad = 4, titleHeight = 28;
        BufferedImage image = new BufferedImage(Math.max(columns * (cellWidth + pad) + pad, 8 * title.length()),
                titleHeight + rows * (cellHeight + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, pad, 20);
        float max = 1e-12f;
        for (int i = 0; i < shown * area; i++) {
            max = Math.max(max, maps[i]);
        }
        for (int c = 0; c < shown; c++) {
            int x0 = pad + (c % columns) * (cellWidth + pad);
            int y0 = titleHeight + (c / columns) * (cellHeight + pad);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x0 - 1, y0 - 1, cellWidth + 1, cellHeight + 1);
            for (int i = 0; i < area; i++) {
                int level = 255 - Math.round(255 * Math.max(0f, Math.min(1f, maps[c * area + i] / max)));
                g.setColor(new Color(level, level, level));
                g.fillRect(x0 + (i % width) * scale, y0 + (i / width) * scale, scale, scale);
            }
        }
        g.dispose();
        writeAtomically(png, out -> ImageIO.write(image, "png", out));
    }

    /** −1 → blue, 0 → white, +1 → red. */
    static Color diverging(float t) {
        float a = Math.min(1, Math.abs(t));
        int fade = Math.round(255 * (1 - a));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
