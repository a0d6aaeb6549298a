package dev.scratchnet.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntConsumer;
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

    @Test
    void handingOutWorkAllocatesNothingOnceWarm() {
        AtomicIntegerArray runs = new AtomicIntegerArray(2);
        IntConsumer task = runs::incrementAndGet;
        // Rounds of 1000 runs until one allocates nothing on the caller (see JitPatience for why not a
        // fixed warm-up): a lock, a future or a lambda made per run would allocate in every round.
        long deadline = JitPatience.deadline();
        int rounds = 0;
        long allocated;
        do {
            long before = JitPatience.allocatedBytes();
            for (int i = 0; i < 1000; i++) {
                WorkerPool.run(2, task);
            }
            allocated = JitPatience.allocatedBytes() - before;
            rounds++;
        } while (allocated >= JitPatience.SLACK_BYTES && !JitPatience.over(deadline));
        assertTrue(allocated < JitPatience.SLACK_BYTES, "1000 runs allocated " + allocated + " bytes on the caller");
        assertEquals(rounds * 1000, runs.get(1));
    }

    @Test
    void concurrentCallersEachGetEveryShareRunExactlyOnce() throws Exception {
        int callers = 4, rounds = 2000, shares = 3;
        AtomicIntegerArray runs = new AtomicIntegerArray(callers * shares);
        Thread[] threads = new Thread[callers];
        for (int t = 0; t < callers; t++) {
            int caller = t;
            threads[t] = new Thread(() -> {
                for (int r = 0; r < rounds; r++) {
                    WorkerPool.run(shares, s -> runs.incrementAndGet(caller * shares + s));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join(60_000);
            assertTrue(!t.isAlive(), "a caller is stuck");
        }
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(rounds, runs.get(i), "caller " + i / shares + ", share " + i % shares);
        }
    }

    @Test
    void forEachGivesEachThreadARangeAndRunsNestedWorkOnTheTasksThread() {
        int tasks = 7;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        Thread[] ranOn = new Thread[tasks];
        boolean[] nestedOnSameThread = new boolean[tasks];
        WorkerPool.forEach(2, tasks, i -> {
            runs.incrementAndGet(i);
            ranOn[i] = Thread.currentThread();
            assertTrue(!WorkerPool.free(), "inside a task the team is taken");
            Thread[] inner = new Thread[3];
            WorkerPool.run(3, s -> inner[s] = Thread.currentThread()); // a kernel that asks for shares
            nestedOnSameThread[i] = inner[0] == ranOn[i] && inner[1] == ranOn[i] && inner[2] == ranOn[i];
        });
        assertTrue(WorkerPool.free(), "the team is free again after the run");
        for (int i = 0; i < tasks; i++) {
            assertEquals(1, runs.get(i), "task " + i);
            assertTrue(nestedOnSameThread[i], "nested shares of task " + i + " ran on its own thread");
        }
        // Tasks 0-2 on the caller and 3-6 on one worker: contiguous ranges, two threads in all.
        assertSame(Thread.currentThread(), ranOn[0]);
        assertSame(ranOn[0], ranOn[2]);
        assertSame(ranOn[3], ranOn[6]);
        assertTrue(ranOn[3] != ranOn[0], "the second range ran on a worker");
    }

    @Test
    void forEachAllocatesNothingOnceWarm() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4);
        IntConsumer task = runs::incrementAndGet;
        long deadline = JitPatience.deadline();
        long allocated;
        do {
            long before = JitPatience.allocatedBytes();
            for (int i = 0; i < 1000; i++) {
                WorkerPool.forEach(2, 4, task);
            }
            allocated = JitPatience.allocatedBytes() - before;
        } while (allocated >= JitPatience.SLACK_BYTES && !JitPatience.over(deadline));
        assertTrue(allocated < JitPatience.SLACK_BYTES, "1000 runs allocated " + allocated + " bytes on the caller");
    }

    @Test
    void aTaskRunAheadRunsOnAWorkerWhileTheCallerGoesOn() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch callerWentOn = new CountDownLatch(1);
        Thread[] ranOn = new Thread[1];
        boolean[] sawTheCaller = new boolean[1];
        WorkerPool.runAhead(1, part -> {
            ranOn[0] = Thread.currentThread();
            started.countDown();
            try {
                // Run on the caller, this would wait the full 10 s for a count-down that comes after it.
                sawTheCaller[0] = callerWentOn.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS), "the worker took the part while the caller waited");
        callerWentOn.countDown();
        WorkerPool.awaitAhead();
        assertTrue(sawTheCaller[0], "the caller went on while the task ran");
        assertTrue(ranOn[0] != Thread.currentThread() && ranOn[0].isDaemon(), "ran on a worker");
        WorkerPool.awaitAhead(); // nothing running: returns at once
    }

    @Test
    void thePartsTheWorkerHasNotStartedRunOnTheCallerInAwaitAhead() {
        // Whichever thread takes part 0 waits in it until part 1 has run, so the other thread must take part 1:
        // the worker, if the caller reached awaitAhead first, or else the caller, inside awaitAhead.
        CountDownLatch partOneRan = new CountDownLatch(1);
        Thread[] ranOn = new Thread[2];
        boolean[] released = new boolean[1];
        WorkerPool.runAhead(2, part -> {
            ranOn[part] = Thread.currentThread();
            if (part == 1) {
                partOneRan.countDown();
                return;
            }
            try {
                released[0] = partOneRan.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        WorkerPool.awaitAhead();
        assertTrue(released[0], "part 1 ran while part 0 waited for it");
        assertTrue(ranOn[0] != ranOn[1], "the two parts ran on two threads");
        assertTrue(ranOn[0] == Thread.currentThread() || ranOn[1] == Thread.currentThread(), "the caller ran one");
    }

    @Test
    void everyPartRunsOnceTaskAfterTask() {
        for (int task = 0; task < 200; task++) {
            int parts = task % 37;
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            WorkerPool.runAhead(parts, runs::incrementAndGet);
            if (task % 2 == 0) {
                WorkerPool.run(2, s -> { }); // a share for the worker in between its parts
            }
            WorkerPool.awaitAhead();
            for (int i = 0; i < parts; i++) {
                assertEquals(1, runs.get(i), "task " + task + ", part " + i);
            }
        }
    }

    @Test
    void sharesHandedOutWhileATaskRunsAheadAllRun() {
        CountDownLatch release = new CountDownLatch(1);
        runAheadUntil(release);
        AtomicIntegerArray runs = new AtomicIntegerArray(3);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(50); // the shares are handed out while worker 1 is still busy
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        releaser.start();
        WorkerPool.run(3, runs::incrementAndGet);
        WorkerPool.awaitAhead();
        for (int s = 0; s < 3; s++) {
            assertEquals(1, runs.get(s), "share " + s);
        }
    }

    @Test
    void whatATaskRunAheadThrowsComesOutOfAwaitAhead() {
        AtomicIntegerArray runs = new AtomicIntegerArray(8);
        WorkerPool.runAhead(8, part -> {
            runs.incrementAndGet(part);
            if (part == 3) {
                throw new IllegalStateException("the gather failed");
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, WorkerPool::awaitAhead);
        assertEquals("the gather failed", e.getMessage());
        for (int i = 0; i < 8; i++) {
            assertEquals(1, runs.get(i), "part " + i + " still ran");
        }
        WorkerPool.awaitAhead(); // the failure is reported once
        int[] ran = new int[1];
        WorkerPool.runAhead(1, part -> ran[0]++);
        WorkerPool.awaitAhead();
        assertEquals(1, ran[0], "the next task runs");
    }

    @Test
    void aTaskRunAheadFromInsideARunOrWhileAnotherRunsAheadRunsOnTheCaller() {
        Thread[] ranOn = new Thread[2];
        WorkerPool.run(2, s -> {
            if (s == 0) {
                WorkerPool.runAhead(1, part -> ranOn[0] = Thread.currentThread());
                ranOn[1] = Thread.currentThread();
            }
        });
        assertSame(ranOn[1], ranOn[0], "inside a run: on the share's own thread, at once");
        CountDownLatch release = new CountDownLatch(1);
        runAheadUntil(release);
        Thread[] second = new Thread[1];
        WorkerPool.runAhead(1, part -> second[0] = Thread.currentThread());
        assertSame(Thread.currentThread(), second[0], "one task ahead at a time: the second ran at once");
        release.countDown();
        WorkerPool.awaitAhead();
    }

    @Test
    void aSecondThreadNeitherWaitsForNorTakesTheFirstThreadsTaskAhead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        boolean[] finished = runAheadUntil(release);
        Thread[] secondRanOn = new Thread[1];
        Thread other = new Thread(() -> {
            WorkerPool.runAhead(1, part -> secondRanOn[0] = Thread.currentThread()); // worker 1 is busy: at once
            WorkerPool.awaitAhead(); // must return at once, not wait for the first thread's task
        });
        other.start();
        other.join(5_000);
        assertTrue(!other.isAlive(), "the second thread waited for the first thread's task");
        assertSame(other, secondRanOn[0]);
        release.countDown();
        WorkerPool.awaitAhead();
        assertTrue(finished[0], "the first thread waited for its own task");
    }

    /**
     * Starts a task ahead of one part that holds worker 1 until {@code release} is counted down, for at most 10 s,
     * and returns once the worker has started it.
     *
     * @return one flag, set once the task has run: whether it was released rather than timed out
     */
    private static boolean[] runAheadUntil(CountDownLatch release) {
        boolean[] released = new boolean[1];
        CountDownLatch started = new CountDownLatch(1);
        WorkerPool.runAhead(1, part -> {
            started.countDown();
            try {
                released[0] = release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            assertTrue(started.await(10, TimeUnit.SECONDS), "worker 1 took the task");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return released;
    }
}
