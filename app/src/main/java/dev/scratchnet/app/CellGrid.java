package dev.scratchnet.app;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The layout the report's small-multiple pictures share (first-layer weights, feature maps): a title,
 * then {@code cells} pictures of height × width pixels in a near-square grid, each pixel drawn as a
 * square block so that small filters come out as large as a digit.
 */
final class CellGrid {
    private static final int PAD = 4;
    private static final int TITLE_HEIGHT = 28;

    private final int columns;
    private final int width;
    private final int scale;
    private final int cellWidth;
    private final int cellHeight;
    private final String title;
    private final BufferedImage image;

    /**
     * @param cells how many pictures
     * @param height each picture's height in pixels of data
     * @param width each picture's width in pixels of data
     * @param title the heading
     * @param minimumWidth the least image width, so a long title fits
     */
    CellGrid(int cells, int height, int width, String title, int minimumWidth) {
        this.width = width;
        this.title = title;
        this.scale = Math.max(1, 28 * Charts.SCALE / Math.max(height, width));
        this.cellWidth = width * scale;
        this.cellHeight = height * scale;
        this.columns = (int) Math.ceil(Math.sqrt(cells));
        int rows = (cells + columns - 1) / columns;
        this.image = new BufferedImage(Math.max(columns * (cellWidth + PAD) + PAD, minimumWidth),
                TITLE_HEIGHT + rows * (cellHeight + PAD) + PAD, BufferedImage.TYPE_INT_RGB);
    }

    BufferedImage image() {
        return image;
    }

    /** White paper and the title in black. */
    void paintBackgroundAndTitle(Graphics2D g) {
        Charts.paper(g, image, title, PAD);
    }

    int cellWidth() {
        return cellWidth;
    }

    int cellHeight() {
        return cellHeight;
    }

    /** @return the left edge of cell {@code cell} */
    int cellX(int cell) {
        return PAD + (cell % columns) * (cellWidth + PAD);
    }

    /** @return the top edge of cell {@code cell} */
    int cellY(int cell) {
        return TITLE_HEIGHT + (cell / columns) * (cellHeight + PAD);
    }

    /** Fills data pixel {@code i} (row-major) of cell {@code cell} with the current colour. */
    void fillPixel(Graphics2D g, int cell, int i) {
        g.fillRect(cellX(cell) + (i % width) * scale, cellY(cell) + (i / width) * scale, scale, scale);
    }
}
