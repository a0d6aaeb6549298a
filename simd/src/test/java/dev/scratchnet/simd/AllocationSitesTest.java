package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AllocationSitesTest {
    private static volatile float[] kept;

    @Test
    void namesTheLineOfOurOwnCodeThatAllocates() {
        String sites = AllocationSites.of(() -> {
            for (int i = 0; i < 20_000; i++) {
                allocate();
            }
        });
        assertTrue(sites.contains("sampled at AllocationSitesTest.allocate:"), sites);
    }

    private static void allocate() {
        kept = new float[1000];
    }
}
