package dev.scratchnet.simd;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The long-lived threads that large matrix products share, one team for the whole JVM.
 *
 * <p>Why not {@code ForkJoinPool.commonPool()}: it has one worker fewer than there are processors
 * (a single worker on a 2-core machine) and other code may be using it. Here the caller always runs
 * share 0 itself, so {@code threads} shares need only {@code threads − 1} workers.
 *
 * <p>Handing out work allocates nothing: each worker is a daemon thread with a mailbox (the task and
 * its share), and the caller waits on a counter. An executor would allocate a future and a queue node
 * per share, on every product of every training step.
 *
 * <p>Both sides spin for a short while ({@link #SPIN_NANOS}) before they park. A training step hands
 * out work every few tens of microseconds, and waking a parked thread took about 30 µs here (a
 * 2-core virtual machine, where the idle core is halted): as long as a whole small product. A worker
 * that has just finished a share is still spinning when the next one comes, and picks it up in well
 * under a microsecond. After {@link #SPIN_NANOS} of nothing it parks and costs no CPU.
 *
 * <p>One caller at a time owns the team; a second thread that finds it busy runs all its shares
 * itself, which gives the same result, because shares split the output, never a sum.
 *
 * <p>Worker 1 can also take one task that runs ahead of its caller ({@link #runAhead}): the trainer's
 * gather of the next batch. The task comes in parts (a few rows of the batch each), and the worker runs a
 * share given to it before its next part, so a product that wants both cores waits for one part at most;
 * the parts it has not reached when the caller asks for the result, the caller runs itself.
 */
final class WorkerPool {
    private static final ReentrantLock OWNER = new ReentrantLock();
    /** Workers 1, 2, …; grows to the largest share count asked for. Guarded by OWNER. */
    private static final List<Worker> WORKERS = new ArrayList<>();
    /** Shares still running on workers in the current run. */
    private static final AtomicInteger PENDING = new AtomicInteger();
    /** The thread that owns the team in the current run, woken by the last worker to finish. */
    private static volatile Thread caller;

    /**
     * How long a waiting thread spins before it parks: longer than the serial gaps between the split
     * kernels of one training step, short enough that an idle pool gives its core back at once.
     */
    static final long SPIN_NANOS = 100_000;

    /**
     * How long worker 1 spins after a task run ahead: the trainer hands it one per step, and a small
     * network's step (relu128's, about 250 µs) is longer than {@link #SPIN_NANOS}. Parked in between, the
     * worker had to be woken each time, and that made relu128's two-thread step 27–33% slower than
     * gathering on the caller; spinning, 11% faster (2026-12-02, docs/benchmarks.md).
     */
    static final long AHEAD_SPIN_NANOS = 1_000_000;

    private WorkerPool() {
    }

    /**
     * Runs {@code task.accept(s)} for s = 0 … shares−1 and returns when all have finished: share 0 on the
     * calling thread, the others on workers. The first exception thrown by any share is rethrown
     * after all shares have stopped, so no worker is still writing when the caller sees it.
     *
     * @param shares how many shares, at least 1
     * @param task the work for one share
     */
    static void run(int shares, IntConsumer task) {
        if (shares == 1 || !free() || !OWNER.tryLock()) {
            runHere(shares, task);
            return;
        }
        try {
            growTo(shares - 1);
            caller = Thread.currentThread();
            PENDING.set(shares - 1);
            for (int s = 1; s < shares; s++) {
                WORKERS.get(s - 1).give(task, s);
            }
            Throwable failure = null;
            try {
                task.accept(0);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            awaitZero(PENDING); // the workers are writing into the caller's output, so wait for them regardless
            for (int s = 1; s < shares && failure == null; s++) {
                failure = WORKERS.get(s - 1).failure;
            }
            rethrow(failure);
        } finally {
            OWNER.unlock();
        }
    }

    /**
     * Waits until {@code counter} is 0: spins for {@link #SPIN_NANOS}, then parks until the thread that brings it
     * to 0 unparks this one. An interrupt does not end the wait (the work is still writing into the caller's
     * arrays); it is kept for the caller to see afterwards.
     */
    private static void awaitZero(AtomicInteger counter) {
        boolean interrupted = false;
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (counter.get() > 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
                continue;
            }
            LockSupport.park(WorkerPool.class);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code task.accept(i)} for i = 0 … count − 1 on the calling thread, in order. */
    private static void runHere(int count, IntConsumer task) {
        for (int i = 0; i < count; i++) {
            task.accept(i);
        }
    }

    /** Starts workers until there are at least {@code workers}. Called with OWNER held. */
    private static void growTo(int workers) {
        while (WORKERS.size() < workers) {
            WORKERS.add(new Worker(WORKERS.size() + 1));
        }
    }

    /** The worker running a task ahead of its caller, until {@link #awaitAhead} has seen it finish. */
    private static volatile Worker aheadWorker;

    /**
     * Starts parts 0 … parts − 1 of {@code task} on worker 1 and returns; the worker takes them one at a time,
     * and a share handed to it meanwhile runs before its next part. Runs them all now instead when called from
     * a worker or from inside a run, when another thread owns the team, or when a task is already running ahead.
     *
     * @param parts how many parts, each independent of the others
     * @param task the work for part i, which must touch nothing the caller uses before {@link #awaitAhead}
     */
    static void runAhead(int parts, IntConsumer task) {
        if (aheadWorker != null || !free() || !OWNER.tryLock()) {
            runHere(parts, task);
            return;
        }
        try {
            growTo(1);
            Worker worker = WORKERS.get(0);
            aheadWorker = worker;
            worker.giveAhead(task, parts, Thread.currentThread());
        } finally {
            OWNER.unlock();
        }
    }

    /**
     * Finishes the task that this thread started with {@link #runAhead}, if one is running: runs the parts the
     * worker has not started on this thread, waits for the one it is running, and rethrows what a part threw.
     * Another thread's task is not this thread's to finish: its own ran at once.
     */
    static void awaitAhead() {
        Worker worker = aheadWorker;
        if (worker == null || worker.aheadCaller != Thread.currentThread()) {
            return;
        }
        while (worker.runAheadPart()) {
            // the worker was busy (a share, or a part of its own): take what it has not started
        }
        awaitZero(worker.aheadLeft); // the worker unparks its ahead caller when it finishes the last part
        worker.aheadTask = null; // a finished task keeps nothing alive; no part of it can be claimed any more
        aheadWorker = null;
        Throwable failure = worker.aheadFailure;
        worker.aheadFailure = null;
        rethrow(failure);
    }

    /** One reusable job per calling thread for {@link #forEach}, so handing out tasks allocates nothing. */
    private static final ThreadLocal<TaskRange> TASKS = ThreadLocal.withInitial(TaskRange::new);

    /**
     * Runs {@code task.accept(i)} for i = 0 … count − 1 on up to {@code threads} threads, each thread taking
     * a contiguous range of tasks; on one thread (or inside another run) in order on the caller.
     *
     * @param threads the most threads to use
     * @param count how many tasks
     * @param task the work for task i
     */
    static void forEach(int threads, int count, IntConsumer task) {
        int shares = free() ? Math.min(threads, count) : 1;
        if (shares <= 1) {
            runHere(count, task);
            return;
        }
        TaskRange range = TASKS.get();
        range.set(count, shares, task);
        try {
            run(shares, range);
        } finally {
            range.task = null;
        }
    }

    /** Share s of a {@link #forEach}: tasks [count·s/shares, count·(s+1)/shares). */
    private static final class TaskRange implements IntConsumer {
        private int count;
        private int shares;
        private IntConsumer task;

        void set(int count, int shares, IntConsumer task) {
            this.count = count;
            this.shares = shares;
            this.task = task;
        }

        @Override
        public void accept(int s) {
            int from = (int) ((long) count * s / shares), to = (int) ((long) count * (s + 1) / shares);
            for (int i = from; i < to; i++) {
                task.accept(i);
            }
        }
    }

    /**
     * @return false on a worker, and on the thread that owns the team, while a run is going on: a share
     *         that itself asks for shares (a kernel inside {@link dev.scratchnet.backend.Backend#parallelFor})
     *         gets the answer "run them yourself", because the other threads are busy with its siblings
     */
    static boolean free() {
        return !(Thread.currentThread() instanceof Worker) && !OWNER.isHeldByCurrentThread();
    }

    private static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("a worker thread failed", failure);
        }
    }

    /**
     * A daemon thread that runs one share at a time, or a part of a task run ahead when it has no share, and
     * spins, then parks, in between.
     */
    private static final class Worker extends Thread {
        private volatile IntConsumer task;
        private volatile int share;
        private volatile Throwable failure;
        /**
         * The task run ahead: its parts are the numbers [aheadFirst, aheadEnd) of a counter that only grows,
         * so a part is claimed once, by whichever thread moves the counter past it, and a claim left over from
         * one task can never take a part of the next (see {@link #runAheadPart}).
         */
        private final AtomicLong aheadNext = new AtomicLong();
        private long aheadFirst;
        private IntConsumer aheadTask;
        /** Written last by {@link #giveAhead}: the signal that a task is there. */
        private volatile long aheadEnd;
        /** Parts not yet finished; the thread that finishes the last one wakes {@link #aheadCaller}. */
        private final AtomicInteger aheadLeft = new AtomicInteger();
        private volatile Thread aheadCaller;
        private volatile Throwable aheadFailure;

        Worker(int number) {
            super("scratchnet-simd-" + number);
            setDaemon(true);
            start();
        }

        /** Called by the owner: the share is set before the task, which is the signal. */
        void give(IntConsumer work, int shareIndex) {
            failure = null;
            share = shareIndex;
            task = work;
            LockSupport.unpark(this);
        }

        /**
         * Called by the caller of {@link #runAhead}, once the last task's parts are all done (so the counter
         * stands at its end): everything is set before aheadEnd, which is the signal.
         */
        void giveAhead(IntConsumer work, int parts, Thread caller) {
            aheadFailure = null;
            aheadCaller = caller;
            aheadTask = work;
            aheadFirst = aheadNext.get();
            aheadLeft.set(parts);
            aheadEnd = aheadFirst + parts;
            LockSupport.unpark(this);
        }

        /**
         * Claims the next part of the task run ahead and runs it on this thread.
         *
         * @return false when every part had been claimed already
         */
        boolean runAheadPart() {
            long end = aheadEnd; // read first: it publishes aheadFirst and aheadTask
            long next = aheadNext.get();
            if (next >= end || !aheadNext.compareAndSet(next, next + 1)) {
                return next < end; // lost a race for this part: try the next one
            }
            try {
                aheadTask.accept((int) (next - aheadFirst));
            } catch (Throwable e) {
                if (aheadFailure == null) {
                    aheadFailure = e;
                }
            }
            if (aheadLeft.decrementAndGet() == 0 && Thread.currentThread() != aheadCaller) {
                LockSupport.unpark(aheadCaller);
            }
            return true;
        }

        @Override
        public void run() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (true) {
                IntConsumer work = task;
                if (work == null && runAheadPart()) { // a share first: the caller is waiting for it
                    spinUntil = System.nanoTime() + AHEAD_SPIN_NANOS;
                    continue;
                }
                if (work == null) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.park(this); // an unpark that came first leaves a permit: no lost wake-up
                    }
                    continue;
                }
                try {
                    work.accept(share);
                } catch (Throwable e) {
                    failure = e;
                }
                task = null;
                if (PENDING.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
                spinUntil = System.nanoTime() + SPIN_NANOS;
            }
        }
    }
}
