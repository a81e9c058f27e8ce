package hardy.io.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * sRGB to CIELab (D65) against published values (Bruce Lindbloom's and EasyRGB's calculators for sRGB, D65,
 * 2-degree observer), and the DICOM 16-bit scaling of PS3.3 C.10.7.1.1.
 */
class CieLabTest {

    @Test
    void primariesAndWhiteHaveTheirPublishedLabValues() {
        assertThat(CieLab.labOf(0xFFFFFF)).containsExactly(new double[] {100, 0, 0}, within(1e-3));
        assertThat(CieLab.labOf(0x000000)).containsExactly(new double[] {0, 0, 0}, within(1e-9));
        assertThat(CieLab.labOf(0xFF0000)).containsExactly(new double[] {53.2408, 80.0925, 67.2032}, within(1e-3));
        assertThat(CieLab.labOf(0x00FF00)).containsExactly(new double[] {87.7347, -86.1827, 83.1793}, within(1e-3));
        assertThat(CieLab.labOf(0x0000FF)).containsExactly(new double[] {32.2970, 79.1875, -107.8602}, within(1e-3));
        assertThat(CieLab.labOf(0x808080)).containsExactly(new double[] {53.5850, 0, 0}, within(1e-3));
    }

    @Test
    void dicomScalingPutsZeroAtHex8080AndFullScaleAtFfff() {
        assertThat(CieLab.dicomOf(0xFFFFFF)).containsExactly(65535, 0x8080, 0x8080);
        assertThat(CieLab.dicomOf(0x000000)).containsExactly(0, 0x8080, 0x8080);
        // red: L* 53.24079 * 65535 / 100 = 34891.35; (a* 80.09246 + 128) * 65535 / 255 = 53479.76;
        // (b* 67.20320 + 128) * 65535 / 255 = 50167.22
        assertThat(CieLab.dicomOf(0xFF0000)).containsExactly(34891, 53480, 50167);
    }

    @Test
    void everyColourOfThePaletteComesBackExactly() {
        for (int rgb : new int[] {0x56B4E9, 0xD55E00, 0x009E73, 0x0072B2, 0xE69F00, 0xCC79A7, 0xF0E442, 0x123456,
            0xFEDCBA, 0x010101}) {
            assertThat(CieLab.rgbOfDicom(CieLab.dicomOf(rgb))).as("%06X", rgb).isEqualTo(rgb);
        }
    }
}
