package hardy.io.dicom;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Parses DICOM Part 10 files and raw datasets held in memory: the file meta group, then the dataset in its
 * transfer syntax (implicit VR little endian, explicit VR little or big endian, deflated explicit VR little
 * endian). Sequences and items of defined and undefined length nest up to {@link #MAX_DEPTH}; encapsulated pixel
 * data are split into fragments. Nothing is trusted: every length is checked against the bytes that remain.
 */
final class DicomParser {

    static final int MAX_DEPTH = 16;
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String DEFLATED_LE = "1.2.840.10008.1.2.1.99";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    /** How much of a file {@link #parseHeader} reads; most headers fit (Siemens CSA headers take about 10 KiB). */
    static final int HEADER_CHUNK = 16 * 1024;

    /** A parsed file: its dataset (meta elements included) and transfer syntax. */
    record Parsed(DicomDataset dataset, String transferSyntax) {
    }

    private byte[] buf;
    private int end;
    private ByteOrder order;
    private boolean explicit;
    /** Stop at the top-level pixel data and keep it unread; {@link #fileLength} bounds its length. */
    private boolean headerOnly;
    private long fileLength;
    private boolean reachedPixelData;

    private DicomParser() {
    }

    /**
     * Parses a whole file.
     *
     * @throws DicomFormatException if it is not DICOM or is malformed
     */
    static Parsed parse(byte[] file) throws DicomFormatException {
        return new DicomParser().run(file);
    }

    /**
     * Reads and parses a file.
     *
     * @throws DicomFormatException if it is larger than one array can hold, not DICOM, or malformed
     */
    static Parsed parse(Path file) throws IOException, DicomFormatException {
        checkSize(file);
        return parse(Files.readAllBytes(file));
    }

    /**
     * Parses a file's dataset up to its pixel data without reading the pixels, which is all a series scan needs.
     * The pixel data element is kept {@linkplain DicomElement#unread() unread}, with its declared length, or for
     * encapsulated data the bytes left in the file. When the header does not fit in the first
     * {@value #HEADER_CHUNK} bytes, or the dataset is deflated, the whole file is parsed instead.
     *
     * @throws DicomFormatException if it is larger than one array can hold, not DICOM, or malformed
     */
    static Parsed parseHeader(Path file) throws IOException, DicomFormatException {
        long size = checkSize(file);
        if (size > HEADER_CHUNK) {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEADER_CHUNK);
            }
            DicomParser parser = new DicomParser();
            parser.headerOnly = true;
            parser.fileLength = head.length < HEADER_CHUNK ? head.length : size;
            try {
                Parsed parsed = parser.run(head);
                if (parser.reachedPixelData) {
                    return parsed;
                }
            } catch (DicomFormatException e) {
                // The header runs past the chunk, or the file is malformed: the full parse tells which.
            }
        }
        return parse(file);
    }

    private static long checkSize(Path file) throws IOException, DicomFormatException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new DicomFormatException("file is larger than 2 GB, which Hardy cannot read as one DICOM object");
        }
        return size;
    }

    /** Whether the bytes start like a DICOM file: "DICM" after the preamble, or a plausible raw dataset. */
    static boolean looksLikeDicom(byte[] head) {
        return hasDicmMarker(head) || rawDatasetSyntax(head) != null;
    }

    /** Whether a Part 10 preamble is followed by "DICM". */
    static boolean hasDicmMarker(byte[] b) {
        return b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    private Parsed run(byte[] file) throws DicomFormatException {
        buf = file;
        end = file.length;
        int pos;
        DicomDataset dataset;
        String ts;
        if (hasDicmMarker(file)) {
            pos = 132;
        } else if (startsWithMetaGroup(file)) {
            pos = 0;
        } else {
            pos = -1;
        }
        if (pos >= 0) {
            order = ByteOrder.LITTLE_ENDIAN;
            explicit = true;
            DicomDataset meta = new DicomDataset(order);
            pos = parseMeta(meta, pos);
            ts = meta.string(Tags.TRANSFER_SYNTAX_UID);
            if (ts == null) {
                throw new DicomFormatException("file meta information has no transfer syntax");
            }
            ts = ts.replace("\0", "").trim();
            if (ts.equals(DEFLATED_LE)) {
                if (headerOnly) {
                    throw new DicomFormatException("a deflated dataset is read whole");
                }
                buf = inflate(file, pos);
                end = buf.length;
                pos = 0;
            }
            order = ts.equals(EXPLICIT_BE) ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            explicit = !ts.equals(IMPLICIT_LE);
            dataset = new DicomDataset(order);
            copy(meta, dataset);
        } else {
            ts = rawDatasetSyntax(file);
            if (ts == null) {
                throw new DicomFormatException("not a DICOM file (no DICM marker and no recognisable dataset)");
            }
            order = ByteOrder.LITTLE_ENDIAN;
            explicit = ts.equals(EXPLICIT_LE);
            dataset = new DicomDataset(order);
            pos = 0;
        }
        parseElements(dataset, pos, end, 0, false);
        applyCharset(dataset);
        return new Parsed(dataset, ts);
    }

    private static void copy(DicomDataset from, DicomDataset to) {
        for (int tag : new int[] {Tags.TRANSFER_SYNTAX_UID}) {
            DicomElement e = from.get(tag);
            if (e != null) {
                to.put(e);
            }
        }
    }

    private static boolean startsWithMetaGroup(byte[] b) {
        return b.length >= 8 && b[0] == 0x02 && b[1] == 0 && Vr.isVr(b[4], b[5]);
    }

    /**
     * The syntax of a file without preamble whose first element is a plausible group 0008 element: explicit VR
     * when a VR follows the tag, else implicit VR little endian. Null when it does not look like DICOM.
     */
    private static String rawDatasetSyntax(byte[] b) {
        if (b.length < 16 || b[0] != 0x08 || b[1] != 0x00) {
            return null;
        }
        int element = (b[2] & 0xFF) | (b[3] & 0xFF) << 8;
        if (element > 0x0100) {
            return null;
        }
        if (Vr.isVr(b[4], b[5])) {
            return EXPLICIT_LE;
        }
        long length = (b[4] & 0xFFL) | (b[5] & 0xFFL) << 8 | (b[6] & 0xFFL) << 16 | (b[7] & 0xFFL) << 24;
        return length < 1024 && length <= b.length - 8 ? IMPLICIT_LE : null;
    }

    /** Parses group 0002, always explicit VR little endian; returns where the dataset starts. */
    private int parseMeta(DicomDataset meta, int pos) throws DicomFormatException {
        while (pos + 8 <= end && (buf[pos] & 0xFF) == 0x02 && buf[pos + 1] == 0) {
            pos = parseElement(meta, pos, end, 0);
        }
        return pos;
    }

    private static byte[] inflate(byte[] file, int pos) throws DicomFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(file, pos, file.length - pos);
        long limit = Math.min((long) (file.length - pos) * 1032 + 1024, Integer.MAX_VALUE - 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(1 << 20, (int) limit));
        byte[] chunk = new byte[1 << 16];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DicomFormatException("deflated dataset ends early");
                }
                if (out.size() + (long) n > limit) {
                    throw new DicomFormatException("deflated dataset expands beyond what its size allows");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new DicomFormatException("deflated dataset is corrupt (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }

    /** Parses elements in [pos, limit), or up to an item delimiter when {@code inItem}; returns the end. */
    private int parseElements(DicomDataset ds, int pos, int limit, int depth, boolean untilDelimiter)
            throws DicomFormatException {
        while (pos < limit) {
            if (pos + 8 > limit) {
                // Trailing padding shorter than an element header is common; anything else is truncation.
                if (allZero(pos, limit)) {
                    return limit;
                }
                throw new DicomFormatException("file ends inside an element header");
            }
            int tag = tag(pos);
            if (tag == Tags.ITEM_DELIMITATION) {
                if (!untilDelimiter) {
                    throw new DicomFormatException("unexpected item delimiter");
                }
                return pos + 8;
            }
            pos = parseElement(ds, pos, limit, depth);
        }
        if (untilDelimiter) {
            throw new DicomFormatException("file ends inside an item of undefined length");
        }
        return pos;
    }

    private boolean allZero(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Parses one element at {@code pos} into {@code ds}; returns the position after it. */
    private int parseElement(DicomDataset ds, int pos, int limit, int depth) throws DicomFormatException {
        int tag = tag(pos);
        boolean isItemTag = (tag >>> 16) == 0xFFFE;
        String vr;
        long length;
        int header;
        if (explicit && !isItemTag && Vr.isVr(buf[pos + 4], buf[pos + 5])) {
            vr = new String(buf, pos + 4, 2, StandardCharsets.US_ASCII);
            if (Vr.hasLongLength(vr)) {
                if (pos + 12 > limit) {
                    throw new DicomFormatException("file ends inside the header of " + Tags.format(tag));
                }
                length = u32(pos + 8);
                header = 12;
            } else {
                length = u16(pos + 6);
                header = 8;
            }
        } else if (explicit && !isItemTag) {
            throw new DicomFormatException("element " + Tags.format(tag) + " has no valid VR in explicit VR data");
        } else {
            vr = isItemTag ? "--" : Vr.implicit(tag);
            length = u32(pos + 4);
            header = 8;
        }
        int valuePos = pos + header;
        boolean undefined = length == 0xFFFFFFFFL;
        if (headerOnly && depth == 0 && tag == Tags.PIXEL_DATA) {
            return skipPixelData(ds, tag, vr, valuePos, undefined ? -1 : length);
        }
        if (undefined || vr.equals("SQ")) {
            if (tag == Tags.PIXEL_DATA && undefined) {
                return parseFragments(ds, tag, vr, valuePos, limit);
            }
            return parseSequence(ds, tag, valuePos, undefined ? -1 : length, limit, depth, vr);
        }
        if (length > limit - valuePos) {
            throw new DicomFormatException(String.format("element %s claims %,d bytes but only %,d remain",
                    Tags.format(tag), length, limit - valuePos));
        }
        if (!isItemTag) {
            ds.put(new DicomElement(tag, vr, buf, valuePos, (int) length, List.of(), null));
        }
        return valuePos + (int) length;
    }

    /** Records the top-level pixel data without reading them, and ends the parse there. */
    private int skipPixelData(DicomDataset ds, int tag, String vr, int valuePos, long length)
            throws DicomFormatException {
        long left = fileLength - valuePos;
        if (length > left) {
            throw new DicomFormatException(String.format("element %s claims %,d bytes but only %,d remain",
                    Tags.format(tag), length, left));
        }
        ds.put(DicomElement.unread(tag, vr, valuePos, length < 0 ? left : length, length < 0));
        reachedPixelData = true;
        return end;
    }

    private int parseSequence(DicomDataset ds, int tag, int pos, long length, int limit, int depth, String vr)
            throws DicomFormatException {
        if (depth >= MAX_DEPTH) {
            throw new DicomFormatException("sequences nested deeper than " + MAX_DEPTH + " levels");
        }
        if (length > limit - pos) {
            throw new DicomFormatException(String.format("sequence %s claims %,d bytes but only %,d remain",
                    Tags.format(tag), length, limit - pos));
        }
        int seqEnd = length < 0 ? limit : pos + (int) length;
        // An undefined-length UN is a sequence in implicit VR little endian (PS3.5 6.2.2).
        boolean savedExplicit = explicit;
        ByteOrder savedOrder = order;
        if (vr.equals("UN")) {
            explicit = false;
            order = ByteOrder.LITTLE_ENDIAN;
        }
        List<DicomDataset> items = new ArrayList<>();
        try {
            while (true) {
                if (length >= 0 && pos >= seqEnd) {
                    break;
                }
                if (pos + 8 > seqEnd) {
                    throw new DicomFormatException("file ends inside sequence " + Tags.format(tag));
                }
                int itemTag = tag(pos);
                long itemLength = u32(pos + 4);
                pos += 8;
                if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                    break;
                }
                if (itemTag != Tags.ITEM) {
                    throw new DicomFormatException("sequence " + Tags.format(tag) + " holds " + Tags.format(itemTag)
                            + " where an item should be");
                }
                DicomDataset item = new DicomDataset(order);
                if (itemLength == 0xFFFFFFFFL) {
                    pos = parseElements(item, pos, seqEnd, depth + 1, true);
                } else {
                    if (itemLength > seqEnd - pos) {
                        throw new DicomFormatException("item in " + Tags.format(tag) + " is longer than its sequence");
                    }
                    parseElements(item, pos, pos + (int) itemLength, depth + 1, false);
                    pos += (int) itemLength;
                }
                items.add(item);
            }
        } finally {
            explicit = savedExplicit;
            order = savedOrder;
        }
        ds.put(new DicomElement(tag, "SQ", buf, 0, 0, List.copyOf(items), null));
        return pos;
    }

    private int parseFragments(DicomDataset ds, int tag, String vr, int pos, int limit) throws DicomFormatException {
        List<int[]> fragments = new ArrayList<>();
        while (true) {
            if (pos + 8 > limit) {
                throw new DicomFormatException("file ends inside the encapsulated pixel data");
            }
            int itemTag = tag(pos);
            long length = u32(pos + 4);
            pos += 8;
            if (itemTag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != Tags.ITEM || length > limit - pos) {
                throw new DicomFormatException("encapsulated pixel data are malformed (fragment of " + length
                        + " bytes with " + (limit - pos) + " left)");
            }
            fragments.add(new int[] {pos, (int) length});
            pos += (int) length;
        }
        if (fragments.isEmpty()) {
            throw new DicomFormatException("encapsulated pixel data lack the basic offset table item");
        }
        ds.put(new DicomElement(tag, vr, buf, 0, 0, List.of(), List.copyOf(fragments)));
        return pos;
    }

    /**
     * Sets the character set of a dataset from its Specific Character Set, and of every sequence item in it: items
     * inherit their dataset's character set unless they name their own (PS3.5 7.5.3).
     */
    private static void applyCharset(DicomDataset ds) {
        applyCharset(ds, StandardCharsets.US_ASCII, 0);
    }

    private static void applyCharset(DicomDataset ds, Charset inherited, int depth) {
        String cs = ds.string(Tags.SPECIFIC_CHARACTER_SET);
        Charset charset = inherited;
        if (cs != null) {
            String first = cs.split("\\\\")[0].trim();
            charset = switch (first) {
                case "ISO_IR 100" -> StandardCharsets.ISO_8859_1;
                case "ISO_IR 192" -> StandardCharsets.UTF_8;
                case "ISO_IR 101" -> Charset.forName("ISO-8859-2");
                case "ISO_IR 144" -> Charset.forName("ISO-8859-5");
                case "ISO_IR 127" -> Charset.forName("ISO-8859-6");
                case "ISO_IR 126" -> Charset.forName("ISO-8859-7");
                case "ISO_IR 138" -> Charset.forName("ISO-8859-8");
                case "ISO_IR 148" -> Charset.forName("ISO-8859-9");
                case "GB18030" -> Charset.forName("GB18030");
                case "GBK" -> Charset.forName("GBK");
                default -> StandardCharsets.ISO_8859_1;
            };
        }
        ds.charset(charset);
        if (depth >= MAX_DEPTH) {
            return;
        }
        for (DicomElement e : ds.elements()) {
            for (DicomDataset item : e.items()) {
                applyCharset(item, charset, depth + 1);
            }
        }
    }

    private int tag(int pos) {
        return u16(pos) << 16 | u16(pos + 2);
    }

    private int u16(int pos) {
        int a = buf[pos] & 0xFF;
        int b = buf[pos + 1] & 0xFF;
        return order == ByteOrder.LITTLE_ENDIAN ? a | b << 8 : a << 8 | b;
    }

    private long u32(int pos) {
        long a = u16(pos);
        long b = u16(pos + 2);
        return order == ByteOrder.LITTLE_ENDIAN ? a | b << 16 : a << 16 | b;
    }
}
