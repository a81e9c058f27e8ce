package hardy.ui.model;

import hardy.io.VolumeFormatException;
import hardy.io.dicom.SeriesChoiceException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

/**
 * Turns a failure into the one or two lines a user should read, naming the file and the problem, and, where the
 * core exception leaves it to the caller, how to put it right in this program (the CLI says it with its options).
 */
final class Problems {

    private Problems() {
    }

    static String describe(Path file, Throwable t) {
        Throwable e = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        String name = file == null ? "" : (file.getFileName() == null ? file.toString() : file.getFileName()) + ": ";
        if (e instanceof SeriesChoiceException s) {
            return s.getMessage() + ". Use File > Open DICOM folder... to pick one of them.";
        }
        if (e instanceof VolumeFormatException v) {
            return v.getMessage();
        }
        if (e instanceof NoSuchFileException) {
            return name + "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return name + "permission denied";
        }
        if (e instanceof java.io.IOException || e instanceof IllegalArgumentException
                || e instanceof java.io.UncheckedIOException) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return name + m.replaceAll("\\p{Cntrl}", " ");
        }
        if (e instanceof OutOfMemoryError) {
            return name + "not enough memory to hold this volume (start Hardy with a larger -Xmx)";
        }
        return name + "unexpected error (" + e.getClass().getSimpleName() + "); details are in the log";
    }
}
