package hardy.ui.model;

/**
 * Something the user must read: a failed open or save. The view shows it as a dialog; tests collect it.
 *
 * @param title   a short title ("Cannot open file")
 * @param message one or two lines naming the file and the problem, in plain words
 * @param details the technical side (an engine's own error text) for an expandable part of the dialog, or null
 */
public record UserMessage(String title, String message, String details) {

    /** A message without technical details. */
    public UserMessage(String title, String message) {
        this(title, message, null);
    }
}
