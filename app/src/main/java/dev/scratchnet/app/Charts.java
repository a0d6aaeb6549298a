package dev.scratchnet.app;

import dev.scratchnet.data.ImageGeometry;
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
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's pictures, drawn from plain arrays so they can be tested without training anything.
 * The learning curves come from XChart; the confusion matrix and the digit grids are drawn directly
 * (a grid of cells, one pixel block per pixel).
 */
final class Charts {
    /** Each MNIST pixel becomes a SCALE×SCALE block, so 28×28 digits are visible without zooming. */
    static final int SCALE = 3;
    static final int MAX_UNITS = 100;
    static final int CURVES_WIDTH = 1200;
    static final int CURVES_HEIGHT = 420;
    static final int CONFUSION_WIDTH = 640;
    static final int CONFUSION_HEIGHT = 600;
    static final int CONFUSION_LEFT = 70;
    static final int CONFUSION_TOP = 70;

    private Charts() {
    }

    /** One misclassified (or any) test image with what the network thought; pixels 0..255, channel-major. */
    record Example(int index, int[] pixels, int label, int predicted, double confidence) {
    }

    /** "0", "1", …: the class names of MNIST's digits. */
    static List<String> numbers(int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** Loss and accuracy per epoch, train against validation and test, side by side. */
    static void learningCurves(List<EpochRecord> epochs, Path png) throws IOException {
        if (epochs.isEmpty()) {
            // Nothing to plot: say so, rather than drawing a made-up point for XChart's sake.
            notice(CURVES_WIDTH, CURVES_HEIGHT, "Learning curves", "No per-epoch history: train with --report to record "
                    + "one, or give report --history metrics.csv.", png);
            return;
        }
        XYChart loss = curve("Loss per epoch", "loss", "0.###", Styler.LegendPosition.InsideNE, epochs,
                List.of("train", "validation", "test"),
                List.of(EpochRecord::trainLoss, EpochRecord::validationLoss, EpochRecord::testLoss));
        XYChart accuracy = curve("Accuracy per epoch", "accuracy (%)", "0.#", Styler.LegendPosition.InsideSE, epochs,
                List.of("train", "validation", "test"),
                List.of(e -> 100 * e.trainAccuracy(), e -> 100 * e.validationAccuracy(), e -> 100 * e.testAccuracy()));
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(List.of(loss, accuracy), 1, 2, out, BitmapFormat.PNG));
    }

    /**
     * @param yPattern the y axis's number format: a few digits, not XChart's full double
     *                 (a one-epoch run has ticks only at its values, 0.307515128312407 and so on)
     */
    static XYChart curve(String title, String yTitle, String yPattern, Styler.LegendPosition legend,
            List<EpochRecord> epochs, List<String> names, List<ToDoubleFunction<EpochRecord>> values) {
        XYChart chart = new XYChartBuilder().width(CURVES_WIDTH / 2).height(CURVES_HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(legend);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern(yPattern);
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
        return chart;
    }

    /**
     * White paper over the whole image and the title in bold black at (titleX, 20): how every chart
     * starts. Leaves the colour black and the font bold for the caller.
     */
    static void paper(Graphics2D g, BufferedImage image, String title, int titleX) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, titleX, 20);
    }

    /** A titled picture holding one sentence, for a chart that has nothing to show. */
    private static void notice(int width, int height, String title, String text, Path png) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paper(g, image, title, 8);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(text, 8, height / 2);
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /**
     * The confusion matrix, rows the true digit and columns the predicted one, each cell with its
     * count and its share of the row. Colours are per row, since the classes differ in size:
     * the diagonal goes from white to green with the row's recall, and a mistake from white to red
     * with its share of the row, scaled to the largest such share so the worst confusions stand out
     * even when they are 1% (on one scale with the diagonal's 1,100 they would all be white).
     */
    static void confusionMatrix(int[][] confusion, Path png) throws IOException {
        confusionMatrix(confusion, numbers(confusion.length), png);
    }

    /**
     * The confusion matrix with the classes numbered along both sides and, if their names are not
     * just their numbers, a key from number to name below the legend.
     */
    static void confusionMatrix(int[][] confusion, List<String> classNames, Path png) throws IOException {
        int classes = confusion.length;
        double largestError = largestErrorShare(confusion);
        List<String> key = EvalCommand.isNumbered(classNames) ? List.of() : key(classNames);
        BufferedImage image = new BufferedImage(CONFUSION_WIDTH, CONFUSION_HEIGHT + 18 * key.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paper(g, image, "Confusion matrix (test set): count and share of the true class's examples", 8);
        int cell = confusionCell(classes);
        Font count = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(9, cell / 4));
        Font share = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, cell / 5));
        Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        for (int t = 0; t < classes; t++) {
            int rowTotal = 0;
            for (int p = 0; p < classes; p++) {
                rowTotal += confusion[t][p];
            }
            for (int p = 0; p < classes; p++) {
                int x = CONFUSION_LEFT + p * cell;
                int y = CONFUSION_TOP + t * cell;
                g.setColor(confusionColour(confusion[t][p], rowTotal, t == p, largestError));
                g.fillRect(x, y, cell, cell);
                g.setColor(Color.LIGHT_GRAY);
                g.drawRect(x, y, cell, cell);
                g.setColor(Color.BLACK);
                centred(g, count, String.format(Locale.ROOT, "%,d", confusion[t][p]), x + cell / 2, y + cell / 2);
                if (confusion[t][p] > 0) {
                    centred(g, share, String.format(Locale.ROOT, "%.1f%%", 100.0 * confusion[t][p] / rowTotal),
                            x + cell / 2, y + cell / 2 + cell / 4);
                }
            }
            centred(g, label, Integer.toString(t), CONFUSION_LEFT - 14, CONFUSION_TOP + t * cell + cell / 2 + 4);
        }
        for (int p = 0; p < classes; p++) {
            centred(g, label, Integer.toString(p), CONFUSION_LEFT + p * cell + cell / 2, CONFUSION_TOP - 6);
        }
        g.setFont(label);
        g.drawString("true class ↓   predicted class →", CONFUSION_LEFT - 30, CONFUSION_TOP - 24);
        int legendY = CONFUSION_TOP + classes * cell + 24;
        legend(g, "correct: 0% to 100% of the row", legendY, fraction -> confusionColour(fraction, 1, true, largestError));
        legend(g, String.format(Locale.ROOT, "mistakes: 0%% to %.1f%% of the row (the largest)", 100 * largestError),
                legendY + 28, fraction -> confusionColour(fraction * largestError, 1, false, largestError));
        g.setColor(Color.BLACK);
        g.setFont(label);
        for (int line = 0; line < key.size(); line++) {
            g.drawString(key.get(line), 8, legendY + 66 + 18 * line);
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }

    /** "0 T-shirt/top, 1 Trouser, …" in lines that fit the picture's width. */
    private static List<String> key(List<String> classNames) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < classNames.size(); c++) {
            String entry = c + " " + classNames.get(c) + (c < classNames.size() - 1 ? ", " : "");
            if (line.length() > 0 && line.length() + entry.length() > 95) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(entry);
        }
        lines.add(line.toString());
        return lines;
    }

    /** Side of one square cell: the matrix fills the width left of the margins and the height above the legend. */
    static int confusionCell(int classes) {
        return Math.max(8, Math.min((CONFUSION_WIDTH - CONFUSION_LEFT - 16) / classes,
                (CONFUSION_HEIGHT - CONFUSION_TOP - 80) / classes));
    }

    /** The largest share of a row that went to one wrong class, at least a tiny number so scales never divide by 0. */
    static double largestErrorShare(int[][] confusion) {
        double largest = 1e-9;
        for (int t = 0; t < confusion.length; t++) {
            int rowTotal = 0;
            for (int p = 0; p < confusion.length; p++) {
                rowTotal += confusion[t][p];
            }
            for (int p = 0; p < confusion.length; p++) {
                if (p != t && rowTotal > 0) {
                    largest = Math.max(largest, (double) confusion[t][p] / rowTotal);
                }
            }
        }
        return largest;
    }

    /** White to green with the row's recall on the diagonal; white to red with the error's share elsewhere. */
    static Color confusionColour(double count, double rowTotal, boolean diagonal, double largestError) {
        double shareOfRow = rowTotal > 0 ? count / rowTotal : 0;
        double t = Math.max(0, Math.min(1, diagonal ? shareOfRow : shareOfRow / largestError));
        Color full = diagonal ? new Color(0x31, 0xa3, 0x54) : new Color(0xd7, 0x30, 0x1f);
        return new Color(mix(255, full.getRed(), t), mix(255, full.getGreen(), t), mix(255, full.getBlue(), t));
    }

    private static int mix(int from, int to, double t) {
        return (int) Math.round(from + (to - from) * t);
    }

    private static void legend(Graphics2D g, String text, int y, java.util.function.DoubleFunction<Color> colour) {
        int width = 160;
        for (int i = 0; i < width; i++) {
            g.setColor(colour.apply(i / (width - 1.0)));
            g.fillRect(CONFUSION_LEFT + i, y, 1, 14);
        }
        g.setColor(Color.BLACK);
        g.drawRect(CONFUSION_LEFT, y, width, 14);
        g.drawString(text, CONFUSION_LEFT + width + 10, y + 12);
    }

    private static void centred(Graphics2D g, Font font, String text, int x, int baseline) {
        g.setFont(font);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /**
     * A grid of MNIST test digits, each captioned "true → predicted (confidence)".
     *
     * @param examples the digits, most interesting first; at most {@code columns × rows} are drawn
     */
    static void digitGrid(String title, List<Example> examples, int columns, Path png) throws IOException {
        exampleGrid(title, examples, new ImageGeometry(1, 28, 28), numbers(10), columns, png);
    }

    /**
     * A grid of test pictures of any size, grayscale or colour, each captioned "true → predicted
     * (confidence)" with the class names; a cell is as wide as its picture or its longest caption.
     *
     * @param examples the pictures, most interesting first
     * @param geometry channels (1 or 3), height and width of every picture
     */
    static void exampleGrid(String title, List<Example> examples, ImageGeometry geometry, List<String> classNames,
            int columns, Path png) throws IOException {
        int scale = Math.max(1, 28 * SCALE / Math.max(geometry.height(), geometry.width()));
        int captionHeight = 16;
        int pad = 8;
        int rows = Math.max(1, (examples.size() + columns - 1) / columns);
        int titleHeight = 28;
        Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        List<String> captions = new ArrayList<>();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        int cell = geometry.width() * scale;
        for (Example e : examples) {
            String caption = String.format(Locale.ROOT, "%s → %s (%.0f%%)", classNames.get(e.label()),
                    classNames.get(e.predicted()), 100 * e.confidence());
            captions.add(caption);
            cell = Math.max(cell, probe.createGraphics().getFontMetrics(captionFont).stringWidth(caption));
        }
        int cellHeight = geometry.height() * scale;
        BufferedImage image = new BufferedImage(columns * (cell + pad) + pad,
                titleHeight + rows * (cellHeight + captionHeight + pad) + pad, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        paper(g, image, examples.isEmpty() ? title + ": none" : title, pad);
        g.setFont(captionFont);
        int area = geometry.height() * geometry.width();
        // Light strokes on a dark ground (MNIST, Fashion-MNIST) are drawn dark on white, like ink on paper;
        // ordinary photographs stay as they are.
        long sum = 0;
        long count = 0;
        for (Example e : examples) {
            for (int v : e.pixels()) {
                sum += v;
            }
            count += e.pixels().length;
        }
        boolean invert = count > 0 && sum < 128 * count;
        for (int i = 0; i < examples.size(); i++) {
            Example e = examples.get(i);
            int x0 = pad + (i % columns) * (cell + pad);
            int y0 = titleHeight + (i / columns) * (cellHeight + captionHeight + pad);
            for (int y = 0; y < geometry.height(); y++) {
                for (int x = 0; x < geometry.width(); x++) {
                    int at = y * geometry.width() + x;
                    if (geometry.channels() == 3) {
                        g.setColor(new Color(clamp(e.pixels()[at]), clamp(e.pixels()[area + at]),
                                clamp(e.pixels()[2 * area + at])));
                    } else {
                        int v = invert ? 255 - clamp(e.pixels()[at]) : clamp(e.pixels()[at]);
                        g.setColor(new Color(v, v, v));
                    }
                    g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                }
            }
            g.setColor(Color.BLACK);
            g.drawString(captions.get(i), x0, y0 + cellHeight + captionHeight - 4);
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
        int[] field = pictureGrid(unitWeights.field()).orElseThrow(() -> new IllegalArgumentException(
                "first-layer weights can be drawn only over a one-channel image or a square number of inputs; "
                        + "the layer's field is " + unitWeights.field()));
        int height = field[0];
        int width = field[1];
        int inputs = height * width;
        int units = unitWeights.units();
        float[] weights = unitWeights.weights().data();
        int shown = Math.min(units, MAX_UNITS);
        CellGrid grid = new CellGrid(shown, height, width,
                "First-layer weights" + (shown < units ? " (first " + shown + " of " + units + " units)" : ""), 0);
        Graphics2D g = grid.image().createGraphics();
        grid.paintBackgroundAndTitle(g);
        for (int u = 0; u < shown; u++) {
            float max = 1e-12f;
            for (int i = 0; i < inputs; i++) {
                max = Math.max(max, Math.abs(weights[u * inputs + i]));
            }
            for (int i = 0; i < inputs; i++) {
                g.setColor(diverging(weights[u * inputs + i] / max));
                grid.fillPixel(g, u, i);
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(grid.image(), "png", out));
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
        CellGrid grid = new CellGrid(shown, height, width, title, 8 * title.length());
        Graphics2D g = grid.image().createGraphics();
        grid.paintBackgroundAndTitle(g);
        float max = 1e-12f;
        for (int i = 0; i < shown * area; i++) {
            max = Math.max(max, maps[i]);
        }
        for (int c = 0; c < shown; c++) {
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(grid.cellX(c) - 1, grid.cellY(c) - 1, grid.cellWidth() + 1, grid.cellHeight() + 1);
            for (int i = 0; i < area; i++) {
                int level = 255 - Math.round(255 * Math.max(0f, Math.min(1f, maps[c * area + i] / max)));
                g.setColor(new Color(level, level, level));
                grid.fillPixel(g, c, i);
            }
        }
        g.dispose();
        AtomicFiles.write(png, out -> ImageIO.write(grid.image(), "png", out));
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** −1 → blue, 0 → white, +1 → red. */
    static Color diverging(float t) {
        float a = Math.min(1, Math.abs(t));
        int fade = Math.round(255 * (1 - a));
        return t >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
