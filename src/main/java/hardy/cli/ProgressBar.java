package hardy.cli;

import hardy.core.ProgressListener;
import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, redrawn with a carriage return at most every 100 ms, so the terminal is not
 * flooded when patches are fast.
 */
final class ProgressBar implements ProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String prefix;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void progress(long done, long total, String message) {
        long now = System.nanoTime();
        boolean last = total > 0 && done == total;
        if (!last && drawn && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        drawn = true;
        if (total <= 0) {
            err.print("\r" + prefix + message + "\u001b[K");
        } else {
            int filled = (int) (WIDTH * done / total);
            err.print("\r" + prefix + "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + message
                    + "\u001b[K");
        }
        err.flush();
    }

    /** Ends the line, so what follows starts at column 0. */
    synchronized void finish() {
        if (drawn) {
            err.println();
            err.flush();
            drawn = false;
        }
    }
}
