package hardy.pacs;

import java.util.List;
import java.util.Locale;

/**
 * The server's answer to a STOW-RS store: per instance stored (possibly with a warning) or failed with a reason,
 * from the response's ReferencedSOPSequence and FailedSOPSequence and its HTTP status (200 all stored, 202 some
 * with warnings or failures, 409 none stored).
 *
 * @param httpStatus  the HTTP status
 * @param sent        how many instances were sent
 * @param stored      instances the server stored
 * @param failed      instances the server refused
 */
public record StoreResult(int httpStatus, int sent, List<Stored> stored, List<Failed> failed) {

    /**
     * One stored instance.
     *
     * @param sopInstanceUid ReferencedSOPInstanceUID
     * @param warning        the warning reason in words, or null
     */
    public record Stored(String sopInstanceUid, String warning) {
    }

    /**
     * One refused instance.
     *
     * @param sopInstanceUid ReferencedSOPInstanceUID
     * @param code           FailureReason (0 when not given)
     * @param reason         the reason in words
     */
    public record Failed(String sopInstanceUid, int code, String reason) {
    }

    public StoreResult {
        stored = List.copyOf(stored);
        failed = List.copyOf(failed);
    }

    /** Whether every instance sent was stored without warning. */
    public boolean allStored() {
        return failed.isEmpty() && stored.size() == sent && stored.stream().allMatch(s -> s.warning() == null);
    }

    /** Instances the answer does not mention at all (neither stored nor failed). */
    public int unconfirmed() {
        return Math.max(0, sent - stored.size() - failed.size());
    }

    /** One line for the user: "3 of 3 instances stored", with warnings and failures and their first reason. */
    public String summary() {
        long warned = stored.stream().filter(s -> s.warning() != null).count();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%d of %d instance%s stored", stored.size(),
                sent, sent == 1 ? "" : "s"));
        if (warned > 0) {
            sb.append(", ").append(warned).append(" with a warning (").append(stored.stream()
                    .filter(s -> s.warning() != null).findFirst().orElseThrow().warning()).append(')');
        }
        if (!failed.isEmpty()) {
            sb.append(", ").append(failed.size()).append(" failed (").append(failed.getFirst().reason()).append(')');
        }
        if (unconfirmed() > 0) {
            sb.append(", ").append(unconfirmed()).append(" not confirmed by the server");
        }
        return sb.toString();
    }

    /** The meaning of a STOW-RS FailureReason or WarningReason code (PS3.18 Table 10.5.3-1, PS3.4 Annex B). */
    static String reason(int code) {
        return switch (code) {
            case 0x0110 -> "processing failure";
            case 0x0111 -> "duplicate SOP instance";
            case 0x0112 -> "no such object instance";
            case 0x0117 -> "invalid object instance";
            case 0x0122 -> "SOP class not supported";
            case 0x0124 -> "not authorized";
            case 0xA700, 0xA770 -> "out of resources";
            case 0xA900 -> "data set does not match SOP class";
            case 0xB000 -> "coercion of data elements";
            case 0xB006 -> "elements discarded";
            case 0xB007 -> "data set does not match SOP class";
            case 0xC000 -> "cannot understand";
            case 0xC122 -> "referenced transfer syntax not supported";
            default -> (code & 0xFF00) == 0xA700 ? "out of resources"
                    : (code & 0xFF00) == 0xA900 ? "data set does not match SOP class"
                    : (code & 0xF000) == 0xC000 ? "cannot understand"
                    : String.format(Locale.ROOT, "reason 0x%04X", code);
        };
    }
}
