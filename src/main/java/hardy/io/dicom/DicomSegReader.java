package hardy.io.dicom;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.io.DicomSource;
import hardy.io.VolumeFormatException;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.LabelMap;
import hardy.volume.LabelTable;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a DICOM Segmentation as a label map on the grid of the series it segments.
 *
 * <ul>
 *   <li>Every frame is placed by its own Plane Position and the Plane Orientation and Pixel Measures of its
 *       functional groups; it must fall on whole voxels of the series' slices (within 1% of a voxel), else the
 *       segmentation does not fit the series and is refused. With the series' {@link DicomSource}, a frame
 *       lies on its slice's own position, so irregularly spaced series fit too; a different Frame of Reference
 *       is refused.</li>
 *   <li>Segment N becomes label value N, unless every segment's description is Hardy's
 *       ({@value DicomSegWriter#LABEL_VALUE_PREFIX}V): then the values Hardy wrote come back. Names come from
 *       Segment Label, colours from the Recommended Display CIELab Value.</li>
 *   <li>BINARY segmentations are read as they are; FRACTIONAL ones are thresholded at half their Maximum
 *       Fractional Value (a voxel belongs to a segment from 50% probability or occupancy on), and the warning
 *       says so. Other types (LABELMAP) are refused.</li>
 *   <li>Overlapping segments cannot all be one label map: where they overlap, the segment with the higher
 *       number wins, and a warning gives the number of voxels.</li>
 * </ul>
 *
 * <p>Nothing in the file is trusted: the parser checks every length, the pixel data must hold the frames it
 * claims, and the only large allocation, the label map, has the size of the series' grid, not of anything the
 * file declares.
 */
public final class DicomSegReader {

    /** A voxel's fractional part may differ from a whole index by this much. */
    private static final double GRID_TOLERANCE = 0.01;

    /**
     * A segmentation read onto a series.
     *
     * @param labels             the label map on the series' grid
     * @param table              the segments' names and colours, by label value
     * @param algorithm          how the segments were made (the first segment's type and name)
     * @param warnings           what the user should know, one line each
     * @param referencedSeries   the SeriesInstanceUIDs the segmentation references
     */
    public record SegLabels(LabelMap labels, LabelTable table, SegAlgorithm algorithm, List<String> warnings,
                            Set<String> referencedSeries) {
    }

    private record Segment(int number, int value, String label, int rgb, SegAlgorithm algorithm) {
    }

    private DicomSegReader() {
    }

    /** Whether a file is a DICOM Segmentation (its header says so); false for anything unreadable. */
    public static boolean isSegmentation(Path file) {
        try {
            return DicomSeriesScanner.readInfo(file).isSegmentation();
        } catch (IOException | DicomFormatException e) {
            return false;
        }
    }

    /**
     * The Segmentation files among {@code files} that reference the series of {@code source} (or, when they
     * reference no series, share its Frame of Reference).
     */
    public static List<Path> referencing(List<Path> files, DicomSource source) {
        List<Path> out = new ArrayList<>();
        for (Path f : files) {
            try {
                DicomParser.Parsed parsed = DicomParser.parseHeader(f);
                Set<String> series = referencedSeries(parsed.dataset());
                String frame = DicomFileInfo.uid(parsed.dataset(), Tags.FRAME_OF_REFERENCE_UID);
                if (series.contains(source.seriesUid())
                        || series.isEmpty() && !frame.isEmpty() && frame.equals(source.frameOfReferenceUid())) {
                    out.add(f);
                }
            } catch (IOException | DicomFormatException e) {
                // not readable: not offered
            }
        }
        return out;
    }

    /** {@link #read(Path, Geometry, DicomSource, ProgressListener, Cancellation)} without progress. */
    public static SegLabels read(Path seg, Geometry grid, DicomSource source) throws IOException {
        return read(seg, grid, source, ProgressListener.NONE, Cancellation.NEVER);
    }

    /**
     * Reads the segmentation {@code seg} onto {@code grid}, the grid of the series it segments.
     *
     * @param source the series' DICOM identity, or null when unknown (then only the grid's affine places frames
     *               and the Frame of Reference is not checked)
     * @throws VolumeFormatException if the file is not a readable Segmentation or does not fit the series
     */
    public static SegLabels read(Path seg, Geometry grid, DicomSource source, ProgressListener progress,
            Cancellation cancel) throws IOException {
        try {
            return readChecked(seg, grid, source, progress, cancel);
        } catch (DicomFormatException e) {
            throw new VolumeFormatException(seg, e.getMessage());
        }
    }

    private static SegLabels readChecked(Path path, Geometry grid, DicomSource source, ProgressListener progress,
            Cancellation cancel) throws IOException, DicomFormatException {
        DicomParser.Parsed parsed = DicomParser.parse(path);
        DicomDataset ds = parsed.dataset();
        if (!DicomFileInfo.SEGMENTATION_SOP_CLASS.equals(DicomFileInfo.uid(ds, Tags.SOP_CLASS_UID))) {
            throw new DicomFormatException("not a DICOM Segmentation");
        }
        DicomFileInfo info = DicomFileInfo.of(path, parsed);
        List<String> warnings = new ArrayList<>();
        int threshold = threshold(ds, info, warnings);
        checkFrameOfReference(ds, source, warnings);
        Set<String> referenced = referencedSeries(ds);
        if (source != null && !referenced.isEmpty() && !referenced.contains(source.seriesUid())) {
            warnings.add("the segmentation references another series of the same frame of reference; "
                    + "its frames were placed by position");
        }
        TreeMap<Integer, Segment> segments = segments(ds);
        int frames = info.frames().size();
        List<DicomDataset> perFrame = ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS_SEQUENCE);
        if (perFrame.size() != frames && frames > 1) {
            throw new DicomFormatException(String.format(Locale.ROOT, "%d frames but %d per-frame functional groups",
                    frames, perFrame.size()));
        }
        DicomDataset shared = ds.firstItem(Tags.SHARED_FUNCTIONAL_GROUPS_SEQUENCE);
        int[] segmentOfFrame = new int[frames];
        for (int f = 0; f < frames; f++) {
            int number = segmentNumber(f < perFrame.size() ? perFrame.get(f) : null, shared);
            if (!segments.containsKey(number)) {
                throw new DicomFormatException("frame " + (f + 1) + " belongs to segment " + number
                        + ", which the segment list does not describe");
            }
            segmentOfFrame[f] = number;
        }
        int maxValue = segments.values().stream().mapToInt(Segment::value).max().orElse(0);
        LabelMap labels = LabelMap.empty(grid, maxValue);
        VoxelArray map = labels.volume().data();
        VoxelArray plane = VoxelArray.allocate(VoxelType.UINT8, info.rows() * info.columns());
        Integer[] order = new Integer[frames];
        for (int f = 0; f < frames; f++) {
            order[f] = f;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(f -> segmentOfFrame[f]));
        Affine toVoxel = grid.voxelToLps().inverse();
        long overlaps = 0;
        for (int n = 0; n < frames; n++) {
            cancel.check();
            int f = order[n];
            int value = segments.get(segmentOfFrame[f]).value();
            int[] place = place(info.frames().get(f), f, info, grid, toVoxel, source);
            PixelDecoder.decodeFrame(parsed, info, f, plane, 0);
            for (int r = 0; r < info.rows(); r++) {
                for (int c = 0; c < info.columns(); c++) {
                    if (plane.get(r * info.columns() + c) < threshold) {
                        continue;
                    }
                    int i = place[0] + c * place[3] + r * place[6];
                    int j = place[1] + c * place[4] + r * place[7];
                    int k = place[2] + c * place[5] + r * place[8];
                    if (!grid.contains(i, j, k)) {
                        throw new DicomFormatException("frame " + (f + 1) + " reaches outside the series' grid");
                    }
                    int index = (int) (((long) k * grid.ny() + j) * grid.nx() + i);
                    int old = (int) map.get(index);
                    if (old != 0 && old != value) {
                        overlaps++;
                    }
                    map.set(index, value);
                }
            }
            progress.progress(n + 1, frames, "Reading DICOM segmentation frames");
        }
        if (overlaps > 0) {
            warnings.add(String.format(Locale.ROOT, "%,d voxels belong to more than one segment; each got the "
                    + "segment with the higher number", overlaps));
        }
        List<LabelTable.Entry> entries = segments.values().stream()
                .map(s -> new LabelTable.Entry(s.value(), s.label(), s.rgb())).toList();
        return new SegLabels(labels, LabelTable.of(entries), segments.firstEntry().getValue().algorithm(),
                warnings, referenced);
    }

    /** The lowest stored value that counts as "in the segment". */
    private static int threshold(DicomDataset ds, DicomFileInfo info, List<String> warnings)
            throws DicomFormatException {
        String type = ds.string(SegTags.SEGMENTATION_TYPE);
        if ("BINARY".equals(type)) {
            if (info.bitsAllocated() != 1) {
                throw new DicomFormatException("a BINARY segmentation must have 1-bit pixels, not "
                        + info.bitsAllocated());
            }
            return 1;
        }
        if ("FRACTIONAL".equals(type)) {
            if (info.bitsAllocated() != 8) {
                throw new DicomFormatException("a FRACTIONAL segmentation must have 8-bit pixels, not "
                        + info.bitsAllocated());
            }
            int max = ds.integer(SegTags.MAXIMUM_FRACTIONAL_VALUE, 255);
            if (max < 1 || max > 255) {
                throw new DicomFormatException("invalid Maximum Fractional Value " + max);
            }
            warnings.add("a fractional segmentation: voxels of at least 50% were taken as labelled");
            return (max + 1) / 2;
        }
        throw new DicomFormatException("Segmentation Type " + (type == null ? "(none)" : type)
                + " is not supported (BINARY and FRACTIONAL are)");
    }

    private static void checkFrameOfReference(DicomDataset ds, DicomSource source, List<String> warnings)
            throws DicomFormatException {
        String frame = DicomFileInfo.uid(ds, Tags.FRAME_OF_REFERENCE_UID);
        if (source == null || source.frameOfReferenceUid().isEmpty()) {
            return;
        }
        if (frame.isEmpty()) {
            warnings.add("the segmentation names no frame of reference; its frames were placed by position");
        } else if (!frame.equals(source.frameOfReferenceUid())) {
            throw new DicomFormatException("the segmentation belongs to another frame of reference than the series "
                    + "(it was made on another acquisition)");
        }
    }

    static Set<String> referencedSeries(DicomDataset ds) {
        Set<String> out = new LinkedHashSet<>();
        for (DicomDataset item : ds.items(SegTags.REFERENCED_SERIES_SEQUENCE)) {
            String uid = DicomFileInfo.uid(item, Tags.SERIES_INSTANCE_UID);
            if (!uid.isEmpty()) {
                out.add(uid);
            }
        }
        return out;
    }

    private static TreeMap<Integer, Segment> segments(DicomDataset ds) throws DicomFormatException {
        List<DicomDataset> items = ds.items(SegTags.SEGMENT_SEQUENCE);
        if (items.isEmpty()) {
            throw new DicomFormatException("the segmentation describes no segments");
        }
        TreeMap<Integer, Segment> byNumber = new TreeMap<>();
        boolean hardyValues = true;
        Set<Integer> values = new HashSet<>();
        for (DicomDataset item : items) {
            int number = item.integer(SegTags.SEGMENT_NUMBER, 0);
            if (number < 1 || number > 65535 || byNumber.containsKey(number)) {
                throw new DicomFormatException("invalid or repeated Segment Number " + number);
            }
            String description = item.string(SegTags.SEGMENT_DESCRIPTION);
            int value = hardyValue(description);
            hardyValues &= value > 0 && values.add(value);
            String label = item.string(SegTags.SEGMENT_LABEL);
            double[] lab = item.doubles(SegTags.RECOMMENDED_DISPLAY_CIELAB_VALUE);
            int rgb = lab != null && lab.length == 3 && item.get(SegTags.RECOMMENDED_DISPLAY_CIELAB_VALUE).vr()
                    .equals("US") ? CieLab.rgbOfDicom(new int[] {(int) lab[0], (int) lab[1], (int) lab[2]})
                    : LabelTable.defaultColour(number);
            byNumber.put(number, new Segment(number, value, label == null ? "Segment " + number
                    : DicomSegWriter.lo(label).isEmpty() ? "Segment " + number : DicomSegWriter.lo(label), rgb,
                    algorithm(item)));
        }
        if (!hardyValues) {
            byNumber.replaceAll((n, s) -> new Segment(n, n, s.label(), s.rgb(), s.algorithm()));
        }
        return byNumber;
    }

    /** The label value in a description Hardy wrote, or 0. */
    private static int hardyValue(String description) {
        if (description == null || !description.startsWith(DicomSegWriter.LABEL_VALUE_PREFIX)) {
            return 0;
        }
        try {
            int v = Integer.parseInt(description.substring(DicomSegWriter.LABEL_VALUE_PREFIX.length()).strip());
            return v >= 1 && v <= 65535 ? v : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static SegAlgorithm algorithm(DicomDataset item) {
        String type = item.string(SegTags.SEGMENT_ALGORITHM_TYPE);
        String name = item.string(SegTags.SEGMENT_ALGORITHM_NAME);
        if ("MANUAL".equals(type) || name == null || name.isBlank()) {
            return SegAlgorithm.manual();
        }
        return "AUTOMATIC".equals(type) ? SegAlgorithm.automatic(name) : SegAlgorithm.semiautomatic(name);
    }

    private static int segmentNumber(DicomDataset perFrame, DicomDataset shared) throws DicomFormatException {
        for (DicomDataset group : new DicomDataset[] {perFrame, shared}) {
            DicomDataset item = group == null ? null : group.firstItem(SegTags.SEGMENT_IDENTIFICATION_SEQUENCE);
            if (item != null) {
                int n = item.integer(SegTags.REFERENCED_SEGMENT_NUMBER, -1);
                if (n >= 0) {
                    return n;
                }
            }
        }
        throw new DicomFormatException("a frame does not say which segment it belongs to");
    }

    /**
     * Where a frame's pixels land: the voxel index of pixel (row 0, column 0), then the index steps of one
     * column and of one row, each a whole-voxel vector. Throws if the frame is not on the grid.
     */
    private static int[] place(DicomFileInfo.Frame frame, int f, DicomFileInfo info, Geometry grid, Affine toVoxel,
            DicomSource source) throws DicomFormatException {
        double[] p = frame.position();
        double[] o = frame.orientation();
        double[] spacing = frame.spacing();
        if (p == null || o == null || spacing == null) {
            throw new DicomFormatException("frame " + (f + 1) + " has no plane position, orientation or pixel "
                    + "spacing, so it cannot be placed on the series");
        }
        double[] q = toVoxel.apply(p[0], p[1], p[2]);
        if (source != null && source.images().size() == grid.nz()) {
            // Irregular spacing: the grid's affine has the mean step, so measure from the nearest slice's own position.
            int k = (int) Math.max(0, Math.min(grid.nz() - 1, Math.round(q[2])));
            int best = k;
            double bestDistance = Double.MAX_VALUE;
            for (int c = Math.max(0, k - 1); c <= Math.min(grid.nz() - 1, k + 1); c++) {
                double[] at = source.images().get(c).position();
                if (at != null) {
                    double d = Math.abs(q[2] - toVoxel.apply(at[0], at[1], at[2])[2]);
                    if (d < bestDistance) {
                        bestDistance = d;
                        best = c;
                    }
                }
            }
            double[] at = source.images().get(best).position();
            if (at != null) {
                double[] world = grid.toWorld(0, 0, best);
                q = toVoxel.apply(p[0] - at[0] + world[0], p[1] - at[1] + world[1], p[2] - at[2] + world[2]);
            }
        }
        double[] o0 = toVoxel.apply(0, 0, 0);
        double[] col = toVoxel.apply(o[0] * spacing[1], o[1] * spacing[1], o[2] * spacing[1]);
        double[] row = toVoxel.apply(o[3] * spacing[0], o[4] * spacing[0], o[5] * spacing[0]);
        int[] place = new int[9];
        double worst = 0;
        for (int a = 0; a < 3; a++) {
            double dc = col[a] - o0[a];
            double dr = row[a] - o0[a];
            place[a] = (int) Math.round(q[a]);
            place[3 + a] = (int) Math.round(dc);
            place[6 + a] = (int) Math.round(dr);
            worst = Math.max(worst, Math.abs(q[a] - place[a]) + Math.abs(dc - place[3 + a]) * (info.columns() - 1)
                    + Math.abs(dr - place[6 + a]) * (info.rows() - 1));
        }
        if (!(worst <= GRID_TOLERANCE) || Math.abs(place[3]) + Math.abs(place[4]) + Math.abs(place[5]) != 1
                || Math.abs(place[6]) + Math.abs(place[7]) + Math.abs(place[8]) != 1) {
            throw new DicomFormatException(String.format(Locale.ROOT, "frame %d does not lie on the series' voxel "
                    + "grid (off by up to %.3g voxel): the segmentation does not fit this series", f + 1, worst));
        }
        return place;
    }
}
