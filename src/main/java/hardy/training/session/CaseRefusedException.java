package hardy.training.session;

import java.io.IOException;

/** A case the training workspace will not take, with the reason in one line (e.g. image and labels differ). */
public final class CaseRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param reason one line, naming the case or file */
    public CaseRefusedException(String reason) {
        super(reason);
    }
}
