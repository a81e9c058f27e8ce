package hardy.ui.model;

import hardy.inference.Segmenter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network the viewer last segmented with, kept loaded so that the next Segment with the same model does not
 * load it again (an ONNX Runtime session takes seconds to build for a real model). One model at a time: asking for
 * another closes this one, and so does {@link #keepOnly} when the user picks another model, or {@link #close()}
 * when the window closes. A model in use by a running segmentation is closed when that run hands it back.
 *
 * <p>Thread use: {@link #acquire} and {@link #release} on the worker thread of a run (one run at a time),
 * {@link #keepOnly} and {@link #close} on the screen's thread; the opening itself happens outside the lock, so the
 * screen never waits for a model to load.
 */
final class LoadedModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedModel.class);

    /** Which model: its folder and the SHA-256 of its network (a folder can be given a new network). */
    record Key(Path dir, String sha256) {
    }

    /** Loads a model's network. */
    @FunctionalInterface
    interface Opener {
        Segmenter open() throws IOException;
    }

    private Key key;
    private Segmenter segmenter;
    private boolean inUse;
    private boolean stale;
    private boolean shut;
    private int loads;

    /**
     * The loaded network for {@code wanted}, opened with {@code opener} if it is not the one held; hand it back with
     * {@link #release} when the run ends.
     */
    Segmenter acquire(Key wanted, Opener opener) throws IOException {
        synchronized (this) {
            if (segmenter != null && key.equals(wanted)) {
                inUse = true;
                stale = false;
                return segmenter;
            }
            closeHeld();
        }
        Segmenter opened = opener.open();
        synchronized (this) {
            if (shut) {
                opened.close();
                throw new IllegalStateException("the viewer is closing");
            }
            key = wanted;
            segmenter = opened;
            inUse = true;
            stale = false;
            loads++;
            LOG.info("Loaded model {} for the viewer", wanted.dir());
            return opened;
        }
    }

    /** Ends a run's use of the network; closes it if another model was picked meanwhile. */
    synchronized void release(Segmenter used) {
        if (used != segmenter) {
            used.close();
            return;
        }
        inUse = false;
        if (stale) {
            closeHeld();
        }
    }

    /** Closes the held network unless it is {@code wanted}'s (null: close it in any case). */
    synchronized void keepOnly(Key wanted) {
        if (segmenter == null || key.equals(wanted)) {
            return;
        }
        if (inUse) {
            stale = true;
        } else {
            closeHeld();
        }
    }

    /**
     * Closes the held network (after the running segmentation, if one is using it), and any network a run is
     * opening now, for good: the window is closing.
     */
    @Override
    public synchronized void close() {
        shut = true;
        keepOnly(null);
    }

    /** How many times a network was loaded. */
    synchronized int loads() {
        return loads;
    }

    /** The model held loaded, or null. */
    synchronized Key held() {
        return segmenter == null ? null : key;
    }

    private void closeHeld() {
        if (segmenter != null) {
            LOG.info("Closing model {}", key.dir());
            segmenter.close();
        }
        segmenter = null;
        key = null;
        stale = false;
        inUse = false;
    }

    static Key keyOf(Path dir, String sha256) {
        return new Key(Objects.requireNonNull(dir).toAbsolutePath().normalize(), sha256);
    }
}
