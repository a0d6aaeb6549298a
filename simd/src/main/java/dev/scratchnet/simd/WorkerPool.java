package dev.scratchnet.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The long-lived threads that large matrix products share, one pool for the whole JVM.
 *
 * <p>Why not {@code ForkJoinPool.commonPool()}: it has one worker fewer than there are processors
 * (a single worker on a 2-core machine) and other code may be using it. Here the caller always runs
 * share 0 itself, so {@code threads} shares need only {@code threads − 1} workers. The pool grows to the
 * largest thread count any backend has asked for. Workers are daemon threads, so they never keep the JVM
 * alive, and they end after a minute without work.
 */
final class WorkerPool {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ThreadPoolExecutor POOL = createPool();

    private WorkerPool() {
    }

    private static ThreadPoolExecutor createPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread t = new Thread(task, "scratchnet-simd-" + COUNTER.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Makes sure the pool has at least {@code workers} threads. */
    private static synchronized void ensureWorkers(int workers) {
        if (POOL.getMaximumPoolSize() < workers) {
            POOL.setMaximumPoolSize(workers);
            POOL.setCorePoolSize(workers);
        }
    }

    /**
     * Runs {@code task.accept(s)} for s = 0 … shares−1 and returns when all have finished: share 0 on the
     * calling thread, the others on pool workers. The first exception thrown by any share is rethrown
     * after all shares have stopped, so no worker is still writing when the caller sees it.
     *
     * @param shares how many shares, at least 1
     * @param task the work for one share
     */
    static void run(int shares, IntConsumer task) {
        ensureWorkers(shares - 1);
        List<Future<?>> futures = new ArrayList<>(shares - 1);
        for (int s = 1; s < shares; s++) {
            int share = s;
            futures.add(POOL.submit(() -> task.accept(share)));
        }
        Throwable failure = null;
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // The workers are writing into the caller's output, so wait for them regardless.
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause();
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("a matrix product worker failed", failure);
        }
    }
}
