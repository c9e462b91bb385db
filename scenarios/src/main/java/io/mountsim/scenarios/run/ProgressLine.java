package io.mountsim.scenarios.run;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line on stderr: points and replications done, elapsed, estimated time
 * left ({@link RemainingWork}: learnt per point, not a count of tasks, since one point of
 * a sweep can take ten times another). Silent for the first second (short runs print nothing) and redrawn at most
 * every quarter second.
 */
public final class ProgressLine implements ProgressListener {
    private static final long QUIET_START_NS = 1_000_000_000L;
    private static final long REDRAW_NS = 250_000_000L;

    /** Without a terminal (a batch job's log) a full line every 10 s instead of redrawing. */
    private static final long LOG_LINE_NS = 10_000_000_000L;

    private final PrintStream err;
    private final LongSupplier clockNs;
    private final boolean terminal;
    private final long startNs;
    private long lastDrawNs;
    private boolean shown;
    private boolean drawn;
    private RemainingWork work;

    public ProgressLine(PrintStream err) {
        this(err, System::nanoTime, System.console() != null);
    }

    ProgressLine(PrintStream err, LongSupplier clockNs, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
        this.clockNs = clockNs;
        this.startNs = clockNs.getAsLong();
    }

    @Override
    public synchronized void replicationDone(int point, long taskNs, int done, int total, int pointsDone, int pointsTotal) {
        if (work == null) {
            work = new RemainingWork(pointsTotal, Math.max(1, total / Math.max(1, pointsTotal)));
        }
        work.finished(point, taskNs);
        long now = clockNs.getAsLong();
        long elapsed = now - startNs;
        boolean last = done == total;
        if (elapsed < QUIET_START_NS || (shown && !last && now - lastDrawNs < (terminal ? REDRAW_NS : LOG_LINE_NS))) {
            return;
        }
        lastDrawNs = now;
        shown = true;
        double elapsedS = elapsed / 1e9;
        double etaS = last ? 0 : work.leftSeconds(elapsedS);
        String text = String.format(Locale.ROOT, "points %d/%d, replications %d/%d, elapsed %s, left %s",
                pointsDone, pointsTotal, done, total, clock(elapsedS), Double.isNaN(etaS) ? "?" : clock(etaS));
        if (terminal) {
            err.print("\r" + text + "   ");
            drawn = true;
        } else {
            err.println(text);
        }
        err.flush();
    }

    /** Ends the line so later output starts on a fresh one. */
    public synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
