package hardy.io.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed DICOM dataset (or sequence item): elements by tag, with typed accessors that tolerate the
 * formatting variations real files have (padding, spaces in decimal strings, binary or text numbers).
 */
final class DicomDataset {

    private final Map<Integer, DicomElement> elements = new LinkedHashMap<>();
    private final ByteOrder order;
    private Charset charset = StandardCharsets.US_ASCII;

    DicomDataset(ByteOrder order) {
        this.order = order;
    }

    void put(DicomElement e) {
        elements.put(e.tag(), e);
    }

    void charset(Charset c) {
        this.charset = c;
    }

    DicomElement get(int tag) {
        return elements.get(tag);
    }

    /** The elements, in the order they were read. */
    java.util.Collection<DicomElement> elements() {
        return elements.values();
    }

    boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    ByteOrder order() {
        return order;
    }

    /** A text value, trimmed of padding; null when absent or empty. */
    String string(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.length() == 0 || e.items() != null && !e.items().isEmpty()) {
            return null;
        }
        String s = new String(e.data(), e.offset(), e.length(), charset);
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == 0)) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return start < end ? s.substring(start, end) : null;
    }

    /** Numbers of an element: decimal/integer strings split at backslashes, or binary US/SS/UL/SL/FL/FD. */
    double[] doubles(int tag) {
        DicomElement e = elements.get(tag);
        if (e == null || e.length() == 0) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(e.data(), e.offset(), e.length()).slice().order(order);
        int n;
        double[] out;
        switch (e.vr()) {
            case "US", "SS" -> {
                n = e.length() / 2;
                out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = e.vr().equals("US") ? b.getShort(2 * i) & 0xFFFF : b.getShort(2 * i);
                }
                return out;
            }
            case "UL", "SL" -> {
                n = e.length() / 4;
                out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = e.vr().equals("UL") ? b.getInt(4 * i) & 0xFFFFFFFFL : b.getInt(4 * i);
                }
                return out;
            }
            case "FL" -> {
                n = e.length() / 4;
                out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getFloat(4 * i);
                }
                return out;
            }
            case "FD" -> {
                n = e.length() / 8;
                out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = b.getDouble(8 * i);
                }
                return out;
            }
            default -> {
                String s = string(tag);
                if (s == null) {
                    return null;
                }
                String[] parts = s.split("\\\\", -1);
                out = new double[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    try {
                        out[i] = Double.parseDouble(parts[i].trim());
                    } catch (NumberFormatException ex) {
                        return null;
                    }
                }
                return out;
            }
        }
    }

    /** The first number of an element, or {@code fallback}. */
    double number(int tag, double fallback) {
        double[] d = doubles(tag);
        return d != null && d.length > 0 && Double.isFinite(d[0]) ? d[0] : fallback;
    }

    /** An unsigned short or integer string as an int, or {@code fallback}. */
    int integer(int tag, int fallback) {
        double v = number(tag, Double.NaN);
        return Double.isNaN(v) || v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE ? fallback : (int) v;
    }

    /** The first item of a sequence, or null. */
    DicomDataset firstItem(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.items() == null || e.items().isEmpty() ? null : e.items().get(0);
    }

    /** The items of a sequence (empty when absent). */
    List<DicomDataset> items(int tag) {
        DicomElement e = elements.get(tag);
        return e == null || e.items() == null ? List.of() : e.items();
    }
}
