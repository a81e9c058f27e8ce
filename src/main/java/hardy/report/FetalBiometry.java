package hardy.report;

import static hardy.report.BrainFrameEstimator.unit;

import hardy.volume.FetalLabels;
import hardy.volume.LabelMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Volumes and linear biometry of a fetal brain from its FeTA labels (1 external CSF, 2 grey matter, 3 white
 * matter, 4 ventricles, 5 cerebellum, 6 deep grey matter, 7 brainstem), in world millimetres, on planes of the
 * brain's own frame ({@link BrainFrameEstimator}), so the head's pose and the grid's spacing and obliquity do not
 * matter. How each measure is defined: {@code docs/biometry.md}.
 */
public final class FetalBiometry {

    public static final String BPD = "bpd";
    public static final String FOD = "fod";
    public static final String TCD = "tcd";
    public static final String VERMIS_HEIGHT = "vermis_height";
    public static final String ATRIAL_LEFT = "atrial_left";
    public static final String ATRIAL_RIGHT = "atrial_right";
    public static final String CALLOSUM_LENGTH = "corpus_callosum_length";
    public static final String ICV = "volume_icv";
    public static final String TOTAL_BRAIN = "volume_total_brain";
    public static final String SUPRATENTORIAL = "volume_supratentorial";
    public static final String VENTRICLES_LEFT = "volume_ventricles_left";
    public static final String VENTRICLES_RIGHT = "volume_ventricles_right";
    public static final String VENTRICULAR_ASYMMETRY = "ventricular_asymmetry";

    /** Labels a report cannot do without. */
    private static final int[] REQUIRED = {FetalLabels.GREY_MATTER, FetalLabels.WHITE_MATTER,
            FetalLabels.VENTRICLES, FetalLabels.CEREBELLUM};
    private static final String[] TISSUE_KEYS = {null, "volume_external_csf", "volume_grey_matter",
            "volume_white_matter", "volume_ventricles", "volume_cerebellum", "volume_deep_grey", "volume_brainstem"};
    private static final boolean[] CEREBRUM = LabelSampler.set(FetalLabels.GREY_MATTER, FetalLabels.WHITE_MATTER,
            FetalLabels.VENTRICLES, FetalLabels.DEEP_GREY);
    private static final boolean[] CEREBELLUM = LabelSampler.set(FetalLabels.CEREBELLUM);
    private static final boolean[] VENTRICLES = LabelSampler.set(FetalLabels.VENTRICLES);
    /** Lateral ventricle voxels closer than this to the mid-sagittal plane are left to the third ventricle. */
    private static final double MIDLINE_MM = 2;

    private FetalBiometry() {
    }

    /**
     * Measures a FeTA label map.
     *
     * @throws IllegalArgumentException if a label the measurements need is absent
     */
    public static Biometry measure(LabelMap labels) {
        long[] counts = labels.counts();
        List<String> absent = new ArrayList<>();
        for (int l : REQUIRED) {
            if (l >= counts.length || counts[l] == 0) {
                absent.add(l + " " + FetalLabels.TABLE.name(l));
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("the label map has no " + String.join(", no ", absent)
                    + ": not a FeTA fetal brain segmentation");
        }
        LabelSampler sampler = new LabelSampler(labels);
        BrainFrame frame = BrainFrameEstimator.estimate(sampler);
        Boxes boxes = Boxes.of(sampler, frame);
        List<Measurement> out = new ArrayList<>(volumes(counts, labels.geometry().voxelVolumeMm3(), boxes));
        out.add(parallel(BPD, "Brain biparietal diameter", sampler, CEREBRUM, frame, 0, boxes.cerebrum,
                frame.superior(), "widest left-right extent of the cerebrum (labels 2, 3, 4, 6) perpendicular to "
                        + "the mid-sagittal plane"));
        out.add(parallel(FOD, "Brain fronto-occipital diameter", sampler, CEREBRUM, frame, 1, boxes.cerebrum,
                frame.superior(), "longest anterior-posterior extent of the cerebrum parallel to the mid-sagittal "
                        + "plane"));
        out.add(parallel(TCD, "Transverse cerebellar diameter", sampler, CEREBELLUM, frame, 0, boxes.cerebellum,
                frame.superior(), "widest left-right extent of the cerebellum (label 5)"));
        out.add(vermis(sampler, frame, boxes));
        out.add(AtrialDiameter.measure(ATRIAL_LEFT, "Atrial diameter, left", sampler, frame, 1, boxes.leftVentricle));
        out.add(AtrialDiameter.measure(ATRIAL_RIGHT, "Atrial diameter, right", sampler, frame, -1,
                boxes.rightVentricle));
        out.add(Measurement.missing(CALLOSUM_LENGTH, "Corpus callosum length", "mm",
                "not measurable: the FeTA labels have no corpus callosum label (it is part of white matter)"));
        return new Biometry(frame, out);
    }

    private static List<Measurement> volumes(long[] counts, double voxelMm3, Boxes boxes) {
        List<Measurement> out = new ArrayList<>();
        double[] ml = new double[8];
        for (int l = 1; l < 8; l++) {
            ml[l] = l < counts.length ? counts[l] * voxelMm3 / 1000 : 0;
        }
        double icv = ml[1] + ml[2] + ml[3] + ml[4] + ml[5] + ml[6] + ml[7];
        out.add(volume(ICV, "Intracranial volume", icv, "all labels 1-7"));
        out.add(volume(TOTAL_BRAIN, "Total brain volume", ml[2] + ml[3] + ml[5] + ml[6] + ml[7],
                "brain tissue: labels 2, 3, 5, 6, 7 (no CSF, no ventricles)"));
        out.add(volume(SUPRATENTORIAL, "Supratentorial brain volume", ml[2] + ml[3] + ml[6],
                "cerebral tissue: labels 2, 3, 6 (no ventricles)"));
        for (int l = 1; l < 8; l++) {
            String name = FetalLabels.TABLE.name(l);
            out.add(volume(TISSUE_KEYS[l], "Volume, " + name.toLowerCase(Locale.ROOT), ml[l], "label " + l));
        }
        double left = boxes.leftVentricleCount * voxelMm3 / 1000;
        double right = boxes.rightVentricleCount * voxelMm3 / 1000;
        String split = "label 4 more than " + (int) MIDLINE_MM + " mm " + "%s of the mid-sagittal plane";
        out.add(volume(VENTRICLES_LEFT, "Lateral ventricle volume, left", left, String.format(split, "left")));
        out.add(volume(VENTRICLES_RIGHT, "Lateral ventricle volume, right", right, String.format(split, "right")));
        double mean = (left + right) / 2;
        out.add(new Measurement(VENTRICULAR_ASYMMETRY, "Ventricular asymmetry (left - right) / mean", "%",
                mean > 0 ? 100 * (left - right) / mean : Double.NaN, null, "from the two volumes above"));
        return out;
    }

    private static Measurement volume(String key, String name, double ml, String note) {
        return new Measurement(key, name, "mL", ml, null, note);
    }

    private static Measurement parallel(String key, String name, LabelSampler s, boolean[] set, BrainFrame f,
                                        int axis, double[][] box, double[] planeNormal, String note) {
        if (box == null) {
            return Measurement.missing(key, name, "mm", "the label is absent");
        }
        Chords.Chord c = Chords.longestParallel(s, set, f, axis, box, 1.0);
        if (c.start() == null) {
            return Measurement.missing(key, name, "mm", "no chord found");
        }
        return new Measurement(key, name, "mm", c.length(), line(c, planeNormal), note);
    }

    private static Measurement vermis(LabelSampler s, BrainFrame f, Boxes boxes) {
        String name = "Vermis height";
        double best = 0;
        Chords.Chord bestChord = Chords.Chord.NONE;
        double[][] box = boxes.cerebellum;
        for (double y = box[1][0]; y <= box[1][1]; y += 0.25) {
            Chords.Chord c = Chords.outer(s, CEREBELLUM, f.toWorld(0, y, 0), f.superior(), box[2][0] - 3,
                    box[2][1] + 3);
            if (c.length() > best) {
                best = c.length();
                bestChord = c;
            }
        }
        if (bestChord.start() == null) {
            return Measurement.missing(VERMIS_HEIGHT, name, "mm", "no cerebellum on the mid-sagittal plane");
        }
        return new Measurement(VERMIS_HEIGHT, name, "mm", best, line(bestChord, f.left()),
                "tallest superior-inferior extent of the cerebellum on the mid-sagittal plane (FeTA labels do not "
                        + "separate the vermis from the hemispheres)");
    }

    static MeasuredLine line(Chords.Chord c, double[] planeNormal) {
        double[] mid = {(c.start()[0] + c.end()[0]) / 2, (c.start()[1] + c.end()[1]) / 2,
                (c.start()[2] + c.end()[2]) / 2};
        return new MeasuredLine(c.start(), c.end(), mid, unit(planeNormal));
    }

    /** Extents of the measured structures in frame coordinates, and the lateral ventricle voxel counts. */
    static final class Boxes {
        double[][] cerebrum;
        double[][] cerebellum;
        double[][] leftVentricle;
        double[][] rightVentricle;
        long leftVentricleCount;
        long rightVentricleCount;

        static Boxes of(LabelSampler s, BrainFrame f) {
            Boxes b = new Boxes();
            for (int v = 0, n = s.voxelCount(); v < n; v++) {
                int l = s.label(v);
                if (l == 0 || l >= CEREBRUM.length && l != FetalLabels.CEREBELLUM) {
                    continue;
                }
                double[] p = f.toFrame(s.world(v));
                if (l < CEREBRUM.length && CEREBRUM[l]) {
                    b.cerebrum = grow(b.cerebrum, p);
                }
                if (l == FetalLabels.CEREBELLUM) {
                    b.cerebellum = grow(b.cerebellum, p);
                }
                if (l == FetalLabels.VENTRICLES && p[0] > MIDLINE_MM) {
                    b.leftVentricle = grow(b.leftVentricle, p);
                    b.leftVentricleCount++;
                } else if (l == FetalLabels.VENTRICLES && p[0] < -MIDLINE_MM) {
                    b.rightVentricle = grow(b.rightVentricle, p);
                    b.rightVentricleCount++;
                }
            }
            return b;
        }

        private static double[][] grow(double[][] box, double[] p) {
            if (box == null) {
                return new double[][] {{p[0], p[0]}, {p[1], p[1]}, {p[2], p[2]}};
            }
            for (int a = 0; a < 3; a++) {
                box[a][0] = Math.min(box[a][0], p[a]);
                box[a][1] = Math.max(box[a][1], p[a]);
            }
            return box;
        }
    }
}
