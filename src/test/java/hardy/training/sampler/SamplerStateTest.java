package hardy.training.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerStateTest {

    @TempDir
    Path dir;

    /** Draws and updates {@code steps} batches with losses from {@code losses}, returning the batches drawn. */
    private static List<int[]> train(HardnessWeightedSampler s, SplittableRandom losses, int steps) {
        List<int[]> batches = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int[] batch = s.nextBatch(3);
            double[] l = new double[batch.length];
            for (int k = 0; k < l.length; k++) {
                // Mostly ordinary losses, sometimes huge ones, so that rebuilds happen along the way.
                l[k] = losses.nextInt(20) == 0 ? losses.nextDouble(0, 1e4) : losses.nextDouble(0, 2);
            }
            s.update(batch, l);
            batches.add(batch);
        }
        return batches;
    }

    @Test
    void aResumedRunDrawsTheSameBatchesAsAnUninterruptedOne() throws IOException {
        SamplerOptions options = SamplerOptions.defaults().withMomentum(0.5).withSeed(21);
        var uninterrupted = new HardnessWeightedSampler(200, 30, options);
        List<int[]> expected = train(uninterrupted, new SplittableRandom(1), 300);

        var first = new HardnessWeightedSampler(200, 30, options);
        SplittableRandom losses = new SplittableRandom(1);
        List<int[]> actual = new ArrayList<>(train(first, losses, 120));
        Path file = dir.resolve("sampler.bin");
        first.save(file);
        var resumed = HardnessWeightedSampler.restore(file);
        actual.addAll(train(resumed, losses, 180));

        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(resumed.losses()).containsExactly(uninterrupted.losses());
        assertThat(resumed.probabilities()).containsExactly(uninterrupted.probabilities());
    }

    @Test
    void everyFieldSurvivesTheRoundTripBitForBit() throws IOException {
        var s = new HardnessWeightedSampler(5, 123.25, SamplerOptions.defaults().withMomentum(0.9)
                .withInitialLosses(new double[] {Math.PI, -0.0, 1e-300, 7e5, Double.MIN_VALUE}).withSeed(-4));
        Path file = dir.resolve("state.bin");
        s.save(file);
        var r = HardnessWeightedSampler.restore(file);
        assertThat(r.size()).isEqualTo(5);
        assertThat(r.beta()).isEqualTo(123.25);
        assertThat(r.momentum()).isEqualTo(0.9);
        assertThat(r.shift()).isEqualTo(s.shift());
        assertThat(r.generatorState()).containsExactly(s.generatorState());
        for (int i = 0; i < 5; i++) {
            assertThat(Double.doubleToRawLongBits(r.loss(i))).isEqualTo(Double.doubleToRawLongBits(s.loss(i)));
        }
        assertThat(Files.size(file)).isEqualTo(8 + 4 + 4 + 3 * 8 + 4 * 8 + 5 * 8 + 1 * 8 + 8);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no temporary file is left behind").containsExactly(file);
        }
    }

    /** The visited set survives: after a resume, a second visit averages, it does not replace. */
    @Test
    void theVisitedSetSurvivesTheRoundTripAndVersionOneCountsEveryCaseAsVisited() throws IOException {
        var s = new HardnessWeightedSampler(70, 0, SamplerOptions.defaults().withMomentum(0.5));
        s.update(new int[] {3, 69}, new double[] {1, 1});
        Path file = dir.resolve("state.bin");
        s.save(file);
        var r = HardnessWeightedSampler.restore(file);
        r.update(new int[] {3, 4}, new double[] {3, 3});
        assertThat(r.loss(3)).isEqualTo(2); // averaged: visited before the checkpoint
        assertThat(r.loss(4)).isEqualTo(3); // replaced: first visit

        // The same state as version 1 wrote it: no visited words, version 1, its own checksum.
        byte[] v2 = Files.readAllBytes(file);
        int lossesEnd = 8 + 4 + 4 + 3 * 8 + 4 * 8 + 70 * 8;
        byte[] v1 = java.util.Arrays.copyOf(v2, lossesEnd + 8);
        v1[11] = 1;
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(v1, 0, lossesEnd);
        java.nio.ByteBuffer.wrap(v1, lossesEnd, 8).putLong(crc.getValue());
        Files.write(file, v1);
        var old = HardnessWeightedSampler.restore(file);
        old.update(new int[] {4}, new double[] {3});
        assertThat(old.loss(4)).isEqualTo(0.5 * s.loss(4) + 0.5 * 3);
    }

    @Test
    void damagedFilesAreRefused() throws IOException {
        Path file = dir.resolve("state.bin");
        new HardnessWeightedSampler(10, 1, SamplerOptions.defaults()).save(file);
        byte[] good = Files.readAllBytes(file);

        byte[] flipped = good.clone();
        flipped[60] ^= 1;
        Files.write(file, flipped);
        assertThatThrownBy(() -> HardnessWeightedSampler.restore(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("checksum");

        Files.write(file, java.util.Arrays.copyOf(good, good.length - 3));
        assertThatThrownBy(() -> HardnessWeightedSampler.restore(file)).hasMessageContaining("truncated");

        byte[] magic = good.clone();
        magic[0] = 'X';
        Files.write(file, magic);
        assertThatThrownBy(() -> HardnessWeightedSampler.restore(file)).hasMessageContaining("bad magic");

        // restore() builds the sampler through this constructor, which refuses a shift that would overflow the
        // weights (a state a correct writer never produces, so it cannot come with a valid checksum otherwise).
        var fits = new HardnessWeightedSampler(2, 100, 0, new double[] {0, 100}, 99, Xoshiro256StarStar.seeded(1));
        assertThat(fits.probability(1)).isGreaterThan(0.99);
        assertThatThrownBy(() -> new HardnessWeightedSampler(2, 100, 0, new double[] {0, 100}, -1000,
                Xoshiro256StarStar.seeded(1))).hasMessageContaining("shift");

        byte[] version = good.clone();
        version[11] = 9;
        Files.write(file, version);
        assertThatThrownBy(() -> HardnessWeightedSampler.restore(file)).hasMessageContaining("version 9");
    }
}
