package hardy.ui.view;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Answers the file choosers with the paths queued in {@link #queue()}, as a user would pick them; none left: Cancel. */
final class QueuedFilePicker implements FilePicker {

    private final Deque<Path> picks = new ArrayDeque<>();

    /** The answers still to give, first in first out. */
    Deque<Path> queue() {
        return picks;
    }

    @Override
    public Optional<Path> openFile(String title) {
        return Optional.ofNullable(picks.poll());
    }

    @Override
    public Optional<Path> openFolder(String title) {
        return Optional.ofNullable(picks.poll());
    }

    @Override
    public Optional<Path> saveFile(String title, String suggestedName, String kind, String... patterns) {
        return Optional.ofNullable(picks.poll());
    }
}
