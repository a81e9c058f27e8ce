package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import hardy.io.VolumeReaders;
import hardy.testing.InteropData;
import hardy.volume.Volume;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Generated series transcoded by DCMTK and GDCM into every transfer syntax Hardy decodes
 * (scripts/make_transcodes.py), read through Hardy's normal series path. Lossless transcodes must give exactly
 * the source series' stored values; lossy ones the values that an independent decoder (dcmdjpeg, dcmdjpls,
 * gdcmconv/OpenJPEG) made of the same files, within {@link #tolerance}. The grid must be the reference's and
 * dcm2niix's.
 */
class DicomTranscodeInteropTest {

    /** Every pixel decoder of Hardy, through its transfer syntaxes. */
    private static final Set<String> SYNTAXES = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51",
            "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81",
            "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.4.90",
            "1.2.840.10008.1.2.4.91");

    @TestFactory
    Stream<DynamicTest> everyTranscodeDecodesToItsReference() throws Exception {
        Path json = InteropData.dir().resolve("transcoded/transcodes.json");
        JsonNode all = InteropData.readOrSkip(json, "DICOM transcode interop tests",
                "scripts/fetch-interop-data.sh (needs apt-get, DCMTK and GDCM)");
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.get("transcodes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            covered.add(e.getValue().get("transfer_syntax").asText());
            tests.add(DynamicTest.dynamicTest(e.getKey() + " (" + e.getValue().get("transfer_syntax").asText() + ")",
                    () -> check(InteropData.dir(), e.getValue())));
        }
        assertThat(covered).as("transfer syntaxes in the manifest").containsAll(SYNTAXES);
        return tests.stream();
    }

    /**
     * The largest difference allowed between Hardy's decoding of a lossy transcode and the independent decoder's.
     * JPEG-LS near-lossless decoding is fully specified (T.87), so it must be exact. DCT JPEG decoders may round
     * the inverse DCT differently (ITU-T T.83 allows one grey level). JPEG 2000's irreversible 9/7 wavelet is
     * computed in floating point by JJ2000 and OpenJPEG with different arithmetic; rounded to integers they differ
     * by one grey level on about 0.5% of the voxels (measured on GDCM's quality-80 transcodes of the axial and
     * oblique series: 4,666 and 4,422 of 860,160, never by more than one). Baseline JPEG (Hardy: the JDK's
     * IJG-derived decoder through TwelveMonkeys) matched dcmdjpeg exactly on these series.
     */
    private static int tolerance(String syntax) {
        return switch (syntax) {
            case "1.2.840.10008.1.2.4.81" -> 0;
            case "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.91" -> 1;
            default -> throw new IllegalArgumentException("not a lossy syntax: " + syntax);
        };
    }

    private static void check(Path root, JsonNode t) throws Exception {
        Volume v = VolumeReaders.installed().read(root.resolve(t.get("folder").asText())).volume();
        Volume ref = VolumeReaders.installed().read(root.resolve(t.get("reference").asText())).volume();
        assertThat(v.geometry().dims()).as("dimensions").containsExactly(ref.geometry().dims());
        assertThat(v.geometry().sameGrid(ref.geometry())).as("same grid as %s: %s vs %s", t.get("reference").asText(),
                v.geometry(), ref.geometry()).isTrue();

        JsonNode nii = t.get("dcm2niix");
        long niiVoxels = 1;
        for (JsonNode d : nii.get("shape")) {
            niiVoxels *= d.asLong();
        }
        assertThat(v.geometry().voxelCount()).as("voxel count of dcm2niix's conversion").isEqualTo(niiVoxels);
        // dcm2niix's values are those of its own decoder where it read the transcoded files (exact only where the
        // coding is lossless), and the reference's where it could only read the independently decoded copy.
        String syntax = t.get("transfer_syntax").asText();
        boolean lossy = t.get("lossy").asBoolean();
        boolean niiReadTranscode = t.get("dcm2niix_input").asText().equals("the transcoded folder");
        Double probeTolerance = null;
        if (!lossy) {
            probeTolerance = 1e-4;
        } else if (!niiReadTranscode) {
            probeTolerance = (double) tolerance(syntax);
        }
        for (JsonNode p : nii.get("probe_points")) {
            // dcm2niix speaks RAS, Hardy LPS.
            double[] ijk = v.geometry().toVoxel(-p.get(0).asDouble(), -p.get(1).asDouble(), p.get(2).asDouble());
            int i = (int) Math.round(ijk[0]);
            int j = (int) Math.round(ijk[1]);
            int k = (int) Math.round(ijk[2]);
            assertThat(new double[] {ijk[0] - i, ijk[1] - j, ijk[2] - k}).as("probe %s falls on a voxel centre", p)
                    .containsExactly(new double[] {0, 0, 0}, within(0.01));
            if (probeTolerance != null) {
                assertThat(v.value(i, j, k)).as("value at %s", p).isCloseTo(p.get(3).asDouble(),
                        within(probeTolerance));
            }
        }

        double maxDiff = 0;
        long differing = 0;
        for (int n = 0; n < v.data().length(); n++) {
            double d = Math.abs(v.data().get(n) - ref.data().get(n));
            maxDiff = Math.max(maxDiff, d);
            differing += d > 0 ? 1 : 0;
        }
        System.out.printf("transcode %s: max |Hardy - reference| = %s over %d voxels (%d differ)%n",
                t.get("folder").asText(), maxDiff, v.data().length(), differing);
        if (lossy) {
            assertThat(maxDiff).as("largest difference from %s", t.get("reference_made_by").asText())
                    .isLessThanOrEqualTo(tolerance(syntax));
        } else {
            assertThat(maxDiff).as("largest difference from the source series").isZero();
        }
    }
}
