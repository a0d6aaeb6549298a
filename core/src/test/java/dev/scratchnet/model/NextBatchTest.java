package dev.scratchnet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scratchnet.data.Batch;
import dev.scratchnet.data.Dataset;
import dev.scratchnet.data.ImageGeometry;
import dev.scratchnet.data.ImageShift;
import org.junit.jupiter.api.Test;

class NextBatchTest {
    @Test
    void aBatchGatheredInPartsInAnyOrderIsTheBatchGatheredAtOnce() {
        Dataset data = SyntheticData.bars(40, 8, 3);
        ImageShift shift = new ImageShift(new ImageGeometry(1, 8, 8), 2);
        int[] order = new int[40];
        for (int i = 0; i < order.length; i++) {
            order[i] = (i * 7) % order.length; // a permutation, not the identity
        }
        // 13 rows: three parts of four and a last part of one.
        Batch atOnce = new Batch(13, data.inputSize(), data.outputSize());
        new NextBatch(data, shift).of(order, 5, atOnce, 99).gatherHere();
        Batch inParts = new Batch(13, data.inputSize(), data.outputSize());
        NextBatch next = new NextBatch(data, shift).of(order, 5, inParts, 99);
        assertEquals(4, next.parts());
        for (int part = next.parts() - 1; part >= 0; part--) {
            next.accept(part);
        }
        assertArrayEquals(atOnce.inputs().data(), inParts.inputs().data());
        assertArrayEquals(atOnce.targets().data(), inParts.targets().data());
        assertArrayEquals(atOnce.labels(), inParts.labels());
    }
}
