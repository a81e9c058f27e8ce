package hardy.pacs;

import hardy.core.Cancellation;
import hardy.core.CancelledException;
import hardy.core.ProgressListener;
import hardy.io.dicom.DicomFormatException;
import hardy.io.dicom.DicomInstance;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams a WADO-RS multipart answer to one file per part and checks every file as it arrives: it must parse as
 * DICOM and belong to the study and series asked for (a server that sends another series fails the retrieval).
 * A watchdog closes the stream when the user cancels or when no byte arrives for the stall timeout, so neither a
 * blocked read nor a silent server holds the retrieval forever.
 */
public final class SeriesDownload {

    /**
     * What arrived.
     *
     * @param instances the number of DICOM files written
     * @param bytes     their total size
     */
    public record Result(int instances, long bytes) {
    }

    /** The largest single instance accepted (Hardy's DICOM reader takes files below 2 GB). */
    static final long MAX_INSTANCE_BYTES = Integer.MAX_VALUE - 8L;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hardy-pacs-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final PacsServer server;
    private final String studyUid;
    private final String seriesUid;
    private final Duration stall;
    private volatile long lastByte = System.nanoTime();
    private volatile String stopped;

    SeriesDownload(PacsServer server, String studyUid, String seriesUid, Duration stall) {
        this.server = server;
        this.studyUid = studyUid;
        this.seriesUid = seriesUid;
        this.stall = stall;
    }

    Result run(InputStream body, String boundary, Path dir, int expected, long maxBytes, ProgressListener progress,
            Cancellation cancel) throws IOException {
        Files.createDirectories(dir);
        Thread reader = Thread.currentThread();
        Object lock = new Object();
        boolean[] finished = {false};
        // Closing the body and interrupting the reader: the JDK's response stream wakes a blocked read on either.
        ScheduledFuture<?> watch = WATCHDOG.scheduleWithFixedDelay(() -> {
            synchronized (lock) {
                if (finished[0] || stopped != null
                        || !cancel.isCancelled() && System.nanoTime() - lastByte <= stall.toNanos()) {
                    return;
                }
                stopped = cancel.isCancelled() ? "cancelled" : "stalled";
                reader.interrupt();
            }
            try {
                body.close();
            } catch (IOException | RuntimeException e) {
                // The interrupt already wakes the read; a failure to close changes nothing here.
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        try {
            return copy(new WatchedStream(body), boundary, dir, expected, maxBytes, progress, cancel);
        } catch (IOException e) {
            if ("cancelled".equals(stopped) || cancel.isCancelled()) {
                throw new CancelledException();
            }
            if ("stalled".equals(stopped)) {
                throw new PacsException(PacsException.Kind.TIMEOUT, 0, "PACS '" + server.name() + "' stopped sending"
                        + " the series (nothing for " + stall.toSeconds() + " s)", e);
            }
            if (e instanceof PacsException p) {
                throw p.kind() == PacsException.Kind.BAD_RESPONSE && !p.getMessage().startsWith("PACS '")
                        ? PacsErrors.badAnswer(server, p.getMessage()) : p;
            }
            throw new PacsException(PacsException.Kind.BAD_RESPONSE, 0, "the connection to PACS '" + server.name()
                    + "' broke while retrieving the series (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            synchronized (lock) {
                finished[0] = true;
            }
            watch.cancel(false);
            if (stopped != null) {
                Thread.interrupted(); // the watchdog's interrupt is spent; the thread goes on clean
            }
        }
    }

    private Result copy(InputStream body, String boundary, Path dir, int expected, long maxBytes,
            ProgressListener progress, Cancellation cancel) throws IOException {
        MultipartReader parts = new MultipartReader(body, boundary, maxBytes);
        Set<String> seen = new HashSet<>();
        long bytes = 0;
        int n = 0;
        Map<String, String> headers;
        while ((headers = parts.nextPart()) != null) {
            cancel.check();
            String type = headers.get("content-type");
            if (type != null && !MediaTypes.essence(type).equals("application/dicom")) {
                throw PacsErrors.badAnswer(server, "part " + (n + 1) + " is " + MultipartReader.sanitize(
                        MediaTypes.essence(type)) + ", not application/dicom");
            }
            Path file = dir.resolve(String.format(Locale.ROOT, "%06d.dcm", n + 1));
            long before = bytes;
            int done = n;
            try (OutputStream out = new ProgressStream(Files.newOutputStream(file), written -> {
                cancel.check();
                progress.progress(done, expected, message(done, before + written));
            })) {
                bytes += parts.transferBody(out, MAX_INSTANCE_BYTES, headers);
            }
            n++;
            verify(file, n, seen);
            progress.progress(n, Math.max(expected, n), message(n, bytes));
        }
        if (n == 0) {
            throw PacsErrors.badAnswer(server, "the series arrived without any instance");
        }
        return new Result(n, bytes);
    }

    private void verify(Path file, int part, Set<String> seen) throws IOException {
        DicomInstance id;
        try {
            id = DicomInstance.read(file);
        } catch (DicomFormatException e) {
            throw PacsErrors.badAnswer(server, "part " + part + " is not a valid DICOM object (" + e.getMessage()
                    + ")");
        }
        if (!id.studyUid().equals(studyUid) || !id.seriesUid().equals(seriesUid)) {
            throw PacsErrors.badAnswer(server, "part " + part + " belongs to another "
                    + (id.studyUid().equals(studyUid) ? "series" : "study") + " than the one asked for");
        }
        if (!seen.add(id.sopInstanceUid())) {
            throw PacsErrors.badAnswer(server, "part " + part + " repeats an instance already received");
        }
    }

    private static String message(int instances, long bytes) {
        return String.format(Locale.ROOT, "%d image%s, %.1f MB", instances, instances == 1 ? "" : "s",
                bytes / 1e6);
    }

    /** Notes the time of every read, for the watchdog. */
    private final class WatchedStream extends java.io.FilterInputStream {
        WatchedStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int r = super.read(b, off, len);
            lastByte = System.nanoTime();
            return r;
        }
    }

    /** Reports the bytes written at most every 256 KiB. */
    private static final class ProgressStream extends FilterOutputStream {
        private final java.util.function.LongConsumer report;
        private long written;
        private long reported;

        ProgressStream(OutputStream out, java.util.function.LongConsumer report) {
            super(new BufferedOutputStream(out, 64 * 1024));
            this.report = report;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            written += len;
            if (written - reported >= 256 * 1024) {
                reported = written;
                report.accept(written);
            }
        }
    }
}
