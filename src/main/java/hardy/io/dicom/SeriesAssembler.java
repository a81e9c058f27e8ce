package hardy.io.dicom;

import hardy.core.Cancellation;
import hardy.core.ProgressListener;
import hardy.volume.Affine;
import hardy.volume.Geometry;
import hardy.volume.Rescale;
import hardy.volume.Volume;
import hardy.volume.VoxelArray;
import hardy.volume.VoxelType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Builds a volume from the images of a stack: sorted by position along the slice normal (never by file name or
 * InstanceNumber), slice spacing and direction from the positions themselves, and warnings for what a reader
 * should know (irregular spacing, a missing slice, gantry tilt, several images at one position).
 */
final class SeriesAssembler {

    /** One 2-D image of the stack: a frame of a file. */
    private record Slice(DicomFileInfo file, int frame, DicomFileInfo.Frame geometry, double distance) {
    }

    /** One slice of the assembled volume: frame {@code frame} (0-based) of {@code file}. */
    record SliceRef(DicomFileInfo file, int frame) {
    }

    /** The volume and, for each of its slices k, the image it came from. */
    record Assembled(Volume volume, List<SliceRef> slices) {
    }

    private SeriesAssembler() {
    }

    /** Assembles the stack into a volume, adding warnings to {@code warnings}. */
    static Assembled assemble(List<DicomFileInfo> files, List<String> warnings, ProgressListener progress,
                           Cancellation cancel) throws DicomFormatException, IOException {
        DicomFileInfo first = files.get(0);
        double[] orientation = first.frames().get(0).orientation();
        if (orientation == null) {
            warnings.add("no ImageOrientationPatient: assuming axial images");
            orientation = new double[] {1, 0, 0, 0, 1, 0};
        }
        double[] row = unit(Arrays.copyOfRange(orientation, 0, 3));
        double[] col = unit(Arrays.copyOfRange(orientation, 3, 6));
        double[] normal = cross(row, col);
        if (Math.abs(dot(row, col)) > 1e-3 || norm(normal) < 0.5) {
            throw new DicomFormatException("ImageOrientationPatient is not two perpendicular directions");
        }
        normal = unit(normal);

        List<Slice> slices = new ArrayList<>();
        boolean missingPositions = false;
        for (DicomFileInfo f : files) {
            if (f.rows() != first.rows() || f.columns() != first.columns()) {
                throw new DicomFormatException("images of different sizes in one stack");
            }
            for (int i = 0; i < f.frames().size(); i++) {
                DicomFileInfo.Frame g = f.frames().get(i);
                if (g.orientation() != null && !sameOrientation(g.orientation(), orientation)) {
                    throw new DicomFormatException("images of different orientations in one stack");
                }
                missingPositions |= g.position() == null;
                slices.add(new Slice(f, i, g, g.position() == null ? slices.size() : dot(g.position(), normal)));
            }
        }
        if (missingPositions) {
            warnings.add("images without ImagePositionPatient: slices kept in file order, positions unknown");
        } else {
            slices.sort(Comparator.comparingDouble(Slice::distance));
        }
        slices = firstVolume(slices, warnings);

        int n = slices.size();
        double[] spacing = first.frames().get(0).spacing();
        if (spacing == null || !(spacing[0] > 0) || !(spacing[1] > 0)) {
            warnings.add(spacing == null ? "no PixelSpacing: assuming 1 mm pixels"
                    : "invalid PixelSpacing " + spacing[0] + "\\" + spacing[1] + ": assuming 1 mm pixels");
            spacing = new double[] {1, 1};
        }
        double[] origin = missingPositions || slices.get(0).geometry().position() == null
                ? new double[3] : slices.get(0).geometry().position();
        double[] step = sliceStep(slices, normal, missingPositions, warnings);
        Affine affine = Affine.of(new double[][] {
            {row[0] * spacing[1], col[0] * spacing[0], step[0]},
            {row[1] * spacing[1], col[1] * spacing[0], step[1]},
            {row[2] * spacing[1], col[2] * spacing[0], step[2]}}, origin);
        if (!affine.isInvertible()) {
            throw new DicomFormatException("image positions, orientation and spacing do not form a usable grid");
        }
        Geometry geometry = new Geometry(first.columns(), first.rows(), n, affine);

        boolean sameRescale = slices.stream().allMatch(s -> s.geometry().slope() == first.frames().get(0).slope()
                && s.geometry().intercept() == first.frames().get(0).intercept());
        VoxelType stored = PixelDecoder.voxelType(first);
        Volume volume;
        Rescale rescale = Rescale.IDENTITY;
        if (sameRescale) {
            DicomFileInfo.Frame g = first.frames().get(0);
            rescale = new Rescale(g.slope(), g.intercept());
            volume = new Volume(geometry, VoxelArray.allocate(stored, geometry.voxelCount()), rescale);
        } else {
            warnings.add("rescale slope/intercept differ between images: values stored as float32");
            volume = Volume.allocate(geometry, VoxelType.FLOAT32);
        }
        if (first.photometric().equals("MONOCHROME1")) {
            warnings.add("MONOCHROME1: low values are displayed bright");
        }
        int plane = first.rows() * first.columns();
        VoxelArray sliceBuffer = sameRescale ? null : VoxelArray.allocate(stored, plane);
        Path cachedPath = null;
        DicomParser.Parsed cached = null;
        for (int k = 0; k < n; k++) {
            cancel.check();
            Slice s = slices.get(k);
            if (!s.file().path().equals(cachedPath)) {
                cached = DicomParser.parse(s.file().path());
                cachedPath = s.file().path();
            }
            if (sameRescale) {
                PixelDecoder.decodeFrame(cached, s.file(), s.frame(), volume.data(), k * plane);
            } else {
                PixelDecoder.decodeFrame(cached, s.file(), s.frame(), sliceBuffer, 0);
                for (int i = 0; i < plane; i++) {
                    volume.data().set(k * plane + i, s.geometry().slope() * sliceBuffer.get(i) + s.geometry().intercept());
                }
            }
            progress.progress(k + 1, n, "Reading DICOM images");
        }
        return new Assembled(volume, slices.stream().map(s -> new SliceRef(s.file(), s.frame())).toList());
    }

    /** Several images at each position (echoes, time points): keep the first at each position and say so. */
    private static List<Slice> firstVolume(List<Slice> sorted, List<String> warnings) {
        List<Slice> out = new ArrayList<>();
        int repeats = 1;
        int run = 1;
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0 && Math.abs(sorted.get(i).distance() - sorted.get(i - 1).distance()) < 1e-3) {
                run++;
                repeats = Math.max(repeats, run);
                continue;
            }
            run = 1;
            out.add(sorted.get(i));
        }
        if (repeats > 1) {
            warnings.add(String.format(Locale.ROOT, "up to %d images at the same position (%d images, %d positions):"
                    + " using one image per position", repeats, sorted.size(), out.size()));
        }
        return out;
    }

    /** The third column of the affine: the mean step between slice positions, with spacing checks. */
    private static double[] sliceStep(List<Slice> slices, double[] normal, boolean noPositions, List<String> warnings) {
        int n = slices.size();
        if (n < 2 || noPositions) {
            warnings.add(n < 2 ? "a single image: slice spacing set to 1 mm" : "slice spacing unknown: set to 1 mm");
            return normal.clone();
        }
        double[] a = slices.get(0).geometry().position();
        double[] b = slices.get(n - 1).geometry().position();
        double[] step = {(b[0] - a[0]) / (n - 1), (b[1] - a[1]) / (n - 1), (b[2] - a[2]) / (n - 1)};
        double[] gaps = new double[n - 1];
        for (int i = 1; i < n; i++) {
            gaps[i - 1] = slices.get(i).distance() - slices.get(i - 1).distance();
        }
        double[] sorted = gaps.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        if (max - min > 0.01 * median + 1e-3) {
            long missing = Arrays.stream(gaps).filter(g -> g > 1.5 * median).count();
            warnings.add(String.format(Locale.ROOT, "irregular slice spacing: %.4g to %.4g mm (median %.4g)%s",
                    min, max, median, missing > 0 ? "; " + missing + " gap(s) suggest missing slices" : ""));
        }
        double along = dot(step, normal);
        double tilt = Math.toDegrees(Math.acos(Math.min(1, Math.abs(along) / norm(step))));
        if (tilt > 0.01) {
            warnings.add(String.format(Locale.ROOT, "slices are offset sideways (gantry tilt of %.2f degrees): the "
                    + "volume's axes are sheared, which its affine keeps exactly", tilt));
        }
        return step;
    }

    private static boolean sameOrientation(double[] a, double[] b) {
        for (int i = 0; i < 6; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-3) {
                return false;
            }
        }
        return true;
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static double[] unit(double[] a) {
        double n = norm(a);
        return n == 0 ? a : new double[] {a[0] / n, a[1] / n, a[2] / n};
    }
}
