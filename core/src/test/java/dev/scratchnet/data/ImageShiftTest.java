package dev.scratchnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageShiftTest {

    /** A 4×4 image whose pixel (y, x) holds 10·y + x + 1, so every value names where it came from. */
    private static final float[] IMAGE = {
        1, 2, 3, 4,
        11, 12, 13, 14,
        21, 22, 23, 24,
        31, 32, 33, 34,
    };
    private static final ImageGeometry SQUARE = new ImageGeometry(1, 4, 4);

    private static float[] shifted(float[] image, ImageGeometry geometry, int dx, int dy) {
        float[] out = new float[image.length];
        Arrays.fill(out, Float.NaN); // every pixel must be written, the border with 0
        new ImageShift(geometry, 1).shift(image, 0, out, 0, dx, dy);
        return out;
    }

    @Test
    void shiftRightAndDownMovesEachPixelThereAndFillsTheBorderWithZero() {
        assertArrayEquals(new float[] {
            0, 0, 0, 0,
            0, 1, 2, 3,
            0, 11, 12, 13,
            0, 21, 22, 23,
        }, shifted(IMAGE, SQUARE, 1, 1));
    }

    @Test
    void shiftLeftAndUpMovesEachPixelThereAndFillsTheBorderWithZero() {
        assertArrayEquals(new float[] {
            12, 13, 14, 0,
            22, 23, 24, 0,
            32, 33, 34, 0,
            0, 0, 0, 0,
        }, shifted(IMAGE, SQUARE, -1, -1));
    }

    @Test
    void shiftAlongOneAxisLeavesTheOtherAlone() {
        assertArrayEquals(new float[] {0, 1, 2, 3, 0, 11, 12, 13, 0, 21, 22, 23, 0, 31, 32, 33},
                shifted(IMAGE, SQUARE, 1, 0));
        assertArrayEquals(new float[] {11, 12, 13, 14, 21, 22, 23, 24, 31, 32, 33, 34, 0, 0, 0, 0},
                shifted(IMAGE, SQUARE, 0, -1));
    }

    @Test
    void shiftZeroIsTheIdentity() {
        assertArrayEquals(IMAGE, shifted(IMAGE, SQUARE, 0, 0));
    }

    @Test
    void everyChannelMovesTheSameWayWithinItsOwnPlane() {
        float[] twoChannels = new float[2 * 16];
        for (int i = 0; i < 16; i++) {
            twoChannels[i] = IMAGE[i];
            twoChannels[16 + i] = -IMAGE[i];
        }
        float[] out = shifted(twoChannels, new ImageGeometry(2, 4, 4), 1, 1);
        assertArrayEquals(new float[] {
            0, 0, 0, 0, 0, 1, 2, 3, 0, 11, 12, 13, 0, 21, 22, 23,
            0, 0, 0, 0, 0, -1, -2, -3, 0, -11, -12, -13, 0, -21, -22, -23,
        }, out);
    }

    @Test
    void shiftsReadAndWriteAtTheGivenOffsets() {
        float[] from = new float[3 + 16];
        System.arraycopy(IMAGE, 0, from, 3, 16);
        float[] to = new float[5 + 16 + 2];
        Arrays.fill(to, -7f);
        new ImageShift(SQUARE, 1).shift(from, 3, to, 5, -1, 1);
        float[] image = Arrays.copyOfRange(to, 5, 21);
        assertArrayEquals(new float[] {0, 0, 0, 0, 2, 3, 4, 0, 12, 13, 14, 0, 22, 23, 24, 0}, image);
        assertEquals(-7f, to[4], "nothing before the image is written");
        assertEquals(-7f, to[21], "nothing after the image is written");
    }

    @Test
    void drawnShiftsStayInRangeAndReachEveryValue() {
        ImageShift shift = new ImageShift(new ImageGeometry(1, 28, 28), 2);
        Set<Integer> seenX = new HashSet<>();
        Set<Integer> seenY = new HashSet<>();
        for (int example = 0; example < 1000; example++) {
            int dx = shift.shiftX(99, example), dy = shift.shiftY(99, example);
            assertTrue(dx >= -2 && dx <= 2 && dy >= -2 && dy <= 2, dx + ", " + dy);
            seenX.add(dx);
            seenY.add(dy);
        }
        assertEquals(Set.of(-2, -1, 0, 1, 2), seenX);
        assertEquals(Set.of(-2, -1, 0, 1, 2), seenY);
    }

    @Test
    void theShiftOfAnExampleDependsOnlyOnTheSeedAndItsIndex() {
        ImageShift shift = new ImageShift(new ImageGeometry(1, 28, 28), 3);
        ImageShift again = new ImageShift(new ImageGeometry(1, 28, 28), 3);
        int[] first = new int[200];
        int[] second = new int[200];
        int[] otherSeed = new int[200];
        for (int example = 0; example < 200; example++) {
            first[example] = 7 * shift.shiftX(5, example) + shift.shiftY(5, example);
            second[example] = 7 * again.shiftX(5, example) + again.shiftY(5, example);
            otherSeed[example] = 7 * shift.shiftX(6, example) + shift.shiftY(6, example);
        }
        assertArrayEquals(first, second);
        assertNotEquals(Arrays.toString(first), Arrays.toString(otherSeed),
                "another epoch's seed must move the images differently");
    }

    @Test
    void applyShiftsEachBatchRowByItsExamplesOwnShiftWhateverItsPositionInTheBatch() {
        ImageGeometry g = SQUARE;
        float[][] rows = taggedImages(5);
        Dataset data = Dataset.ofClasses(rows, new int[] {1, 0, 0, 1, 0}, 2);
        ImageShift shift = new ImageShift(g, 1);
        int[] order = {4, 2, 0, 3, 1};
        Batch batch = new Batch(2, 16, 2);
        data.fillBatch(order, 1, batch);
        shift.apply(data, order, 1, batch, 17);
        for (int row = 0; row < 2; row++) {
            int example = order[1 + row];
            float[] expected = shifted(rows[example], g, shift.shiftX(17, example), shift.shiftY(17, example));
            assertArrayEquals(expected, Arrays.copyOfRange(batch.inputs().data(), row * 16, row * 16 + 16),
                    "row " + row + " holds example " + example);
        }
        assertArrayEquals(new int[] {0, 1}, batch.labels(), "labels and targets stay as fillBatch left them");
    }

    /** n copies of IMAGE whose first pixel is 100 + the copy's index, which tells the examples apart. */
    private static float[][] taggedImages(int n) {
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = IMAGE.clone();
            rows[i][0] = 100 + i;
        }
        return rows;
    }

    @Test
    void aBatchShiftedInPartsIsTheBatchShiftedAtOnce() {
        Dataset data = Dataset.ofClasses(taggedImages(5), new int[] {1, 0, 0, 1, 0}, 2);
        ImageShift shift = new ImageShift(SQUARE, 1);
        int[] order = {4, 2, 0, 3, 1};
        Batch atOnce = new Batch(4, 16, 2);
        data.fillBatch(order, 1, atOnce);
        shift.apply(data, order, 1, atOnce, 5);
        Batch inParts = new Batch(4, 16, 2);
        for (int[] part : new int[][] {{3, 4}, {0, 1}, {1, 3}}) {
            data.fillBatch(order, 1, inParts, part[0], part[1]);
            shift.apply(data, order, 1, inParts, 5, part[0], part[1]);
        }
        assertArrayEquals(atOnce.inputs().data(), inParts.inputs().data());
    }

    @Test
    void anEpochMovesManyExamplesAndADifferentEpochMovesThemDifferently() {
        ImageGeometry g = SQUARE;
        float[][] rows = new float[64][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = IMAGE.clone();
        }
        Dataset data = Dataset.ofClasses(rows, new int[64], 2);
        int[] order = new int[64];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Batch epoch1 = new Batch(64, 16, 2);
        Batch epoch2 = new Batch(64, 16, 2);
        ImageShift shift = new ImageShift(g, 1);
        data.fillBatch(order, 0, epoch1);
        shift.apply(data, order, 0, epoch1, 1);
        data.fillBatch(order, 0, epoch2);
        shift.apply(data, order, 0, epoch2, 2);
        int moved = 0, differ = 0;
        for (int row = 0; row < 64; row++) {
            float[] a = Arrays.copyOfRange(epoch1.inputs().data(), row * 16, row * 16 + 16);
            float[] b = Arrays.copyOfRange(epoch2.inputs().data(), row * 16, row * 16 + 16);
            moved += Arrays.equals(a, IMAGE) ? 0 : 1;
            differ += Arrays.equals(a, b) ? 0 : 1;
        }
        // 8 of the 9 (dx, dy) pairs move the image, so about 57 of 64 should move; a broken draw gives far fewer.
        assertTrue(moved > 40, moved + " of 64 images moved");
        assertTrue(differ > 40, differ + " of 64 images moved differently in the two epochs");
    }

    @Test
    void maxShiftZeroLeavesEveryImageAsItIs() {
        ImageShift none = new ImageShift(new ImageGeometry(1, 28, 28), 0);
        for (int example = 0; example < 50; example++) {
            assertEquals(0, none.shiftX(3, example));
            assertEquals(0, none.shiftY(3, example));
        }
    }

    @Test
    void aShiftBeyondAQuarterOfTheShorterSideIsRefusedWithTheRange() {
        ImageGeometry g = new ImageGeometry(1, 28, 20);
        assertEquals(5, ImageShift.largestShift(g));
        new ImageShift(g, 5);
        IllegalArgumentException tooFar = assertThrows(IllegalArgumentException.class, () -> new ImageShift(g, 6));
        assertTrue(tooFar.getMessage().contains("between 0 and 5") && tooFar.getMessage().contains("got 6"),
                tooFar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImageShift(g, -1));
    }

    @Test
    void dataOfAnotherSizeIsRefusedWithBothSizes() {
        ImageShift shift = new ImageShift(new ImageGeometry(1, 4, 4), 1);
        Dataset data = Dataset.ofClasses(new float[][] {new float[12]}, new int[] {0}, 2);
        Batch batch = new Batch(1, 12, 2);
        data.fillBatch(new int[] {0}, 0, batch);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> shift.apply(data, new int[] {0}, 0, batch, 1));
        assertTrue(e.getMessage().contains("12 inputs") && e.getMessage().contains("1×4×4"), e.getMessage());
    }
}
