package hardy.ui.model.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the training curves between a background trainer and the screen: the trainer {@link #add}s points as fast
 * as it likes (any thread); the screen asks {@link #takeIfDue} on its own steady clock (e.g. an
 * {@code AnimationTimer}) and gets, at most once per interval, one coalesced update with the whole curve
 * downsampled to at most {@code maxPoints} points. The screen thread therefore never sees more than one update per
 * interval and never draws more than {@code maxPoints} points, however fast or long the run.
 */
public final class ChartThrottle {

    /** One point of a curve: iteration and value. */
    public record Point(double x, double y) {
    }

    private final long intervalNanos;
    private final int maxPoints;
    private final List<Point> points = new ArrayList<>();
    private boolean changed;
    private long lastTaken = Long.MIN_VALUE;

    /**
     * @param intervalNanos the least time between two updates
     * @param maxPoints     the most points an update holds (at least 4)
     */
    public ChartThrottle(long intervalNanos, int maxPoints) {
        if (intervalNanos < 0 || maxPoints < 4) {
            throw new IllegalArgumentException("interval " + intervalNanos + " ns or max points " + maxPoints);
        }
        this.intervalNanos = intervalNanos;
        this.maxPoints = maxPoints;
    }

    /** Records a point (any thread). */
    public synchronized void add(double x, double y) {
        points.add(new Point(x, y));
        changed = true;
    }

    /** Points recorded so far. */
    public synchronized int size() {
        return points.size();
    }

    /**
     * The downsampled curve if something changed and at least the interval has passed since the last update at
     * {@code nowNanos}; otherwise {@code null}.
     */
    public synchronized List<Point> takeIfDue(long nowNanos) {
        if (!changed || (lastTaken != Long.MIN_VALUE && nowNanos - lastTaken < intervalNanos)) {
            return null;
        }
        changed = false;
        lastTaken = nowNanos;
        return downsample(points, maxPoints);
    }

    /** The downsampled curve now, whatever the interval (a run's last update); restarts the interval. */
    public synchronized List<Point> takeNow(long nowNanos) {
        changed = false;
        lastTaken = nowNanos;
        return downsample(points, maxPoints);
    }

    /**
     * At most {@code max} points of {@code curve}: the first and last are kept, and each equal-width bucket in
     * between contributes its minimum and maximum (in order), so spikes stay visible.
     */
    static List<Point> downsample(List<Point> curve, int max) {
        int n = curve.size();
        if (n <= max) {
            return List.copyOf(curve);
        }
        List<Point> out = new ArrayList<>(max);
        out.add(curve.getFirst());
        int buckets = (max - 2) / 2;
        double width = (n - 2) / (double) buckets;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) Math.floor(b * width);
            int to = Math.min(n - 1, 1 + (int) Math.floor((b + 1) * width));
            int lo = from;
            int hi = from;
            for (int i = from; i < to; i++) {
                if (curve.get(i).y() < curve.get(lo).y()) {
                    lo = i;
                }
                if (curve.get(i).y() > curve.get(hi).y()) {
                    hi = i;
                }
            }
            out.add(curve.get(Math.min(lo, hi)));
            if (lo != hi) {
                out.add(curve.get(Math.max(lo, hi)));
            }
        }
        out.add(curve.getLast());
        return out;
    }
}
