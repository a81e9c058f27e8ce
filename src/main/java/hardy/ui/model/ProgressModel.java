package hardy.ui.model;

import hardy.core.Cancellation;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The state of the one background job the viewer runs at a time, for the progress bar and its Cancel button.
 * Properties change on the JavaFX thread only.
 */
public final class ProgressModel {

    private final BooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction", -1);
    private final StringProperty message = new SimpleStringProperty(this, "message", "");
    private Cancellation cancellation = new Cancellation();

    /** Marks the start of a job and returns its fresh cancellation flag. */
    public Cancellation start(String what) {
        cancellation = new Cancellation();
        message.set(what);
        fraction.set(-1);
        busy.set(true);
        return cancellation;
    }

    /** Marks the end of the job. */
    public void finish() {
        busy.set(false);
        fraction.set(0);
        message.set("");
    }

    /** Asks the running job to stop at its next check. */
    public void cancel() {
        cancellation.cancel();
    }

    /** The running job's cancellation flag. */
    public Cancellation cancellation() {
        return cancellation;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Done fraction 0..1, or -1 when unknown. */
    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
