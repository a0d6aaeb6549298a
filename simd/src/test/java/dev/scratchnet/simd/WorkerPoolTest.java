package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void runsEveryShareOnceWithShareZeroOnTheCaller() {
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[5];
        WorkerPool.run(5, s -> {
            runs.incrementAndGet(s);
            ranOn[s] = Thread.currentThread();
        });
        for (int s = 0; s < 5; s++) {
            assertEquals(1, runs.get(s), "share " + s);
        }
        assertSame(caller, ranOn[0]);
        for (int s = 1; s < 5; s++) {
            assertTrue(ranOn[s].isDaemon(), "workers are daemon threads");
        }
    }

    @Test
    void aFailingWorkerIsRethrownAfterAllSharesFinish() {
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WorkerPool.run(3, s -> {
            runs.incrementAndGet(s);
            if (s == 2) {
                throw new IllegalStateException("share 2 failed");
            }
        }));
        assertEquals("share 2 failed", e.getMessage());
        assertEquals(1, runs.get(0));
        assertEquals(1, runs.get(1));
    }
}
