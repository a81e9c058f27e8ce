package hardy.ui.model;

/**
 * Something the user must read: a failed open or save. The view shows it as a dialog; tests collect it.
 *
 * @param title   a short title ("Cannot open file")
 * @param message one or two lines naming the file and the problem
 */
public record UserMessage(String title, String message) {
}
