package hardy.io.dicom;

/**
 * Display colours as DICOM stores them (PS3.3 C.10.7.1.1, e.g. Recommended Display CIELab Value): CIELab with
 * each value scaled to 16 bits, L* 0..100 to 0..0xFFFF and a*, b* -128..127 to 0..0xFFFF (0 at 0x8080), the
 * encoding of an ICC profile's connection space.
 *
 * <p>sRGB (IEC 61966-2-1) converts to CIE XYZ through its linearised components and the sRGB primaries' matrix,
 * then to CIELab relative to the D65 white point, the white of sRGB itself, as dcmqi (3D Slicer's DICOM SEG
 * converter) does, so a colour Hardy writes comes back as the same colour there. A reader that takes the values
 * as D50 (the ICC connection space) sees every colour slightly tinted; white stays white either way.
 */
public final class CieLab {

    /** D65 reference white, Y = 1. */
    private static final double XN = 0.95047;
    private static final double YN = 1.0;
    private static final double ZN = 1.08883;
    private static final double EPSILON = 216.0 / 24389.0;
    private static final double KAPPA = 24389.0 / 27.0;

    private CieLab() {
    }

    /** CIELab (L*, a*, b*) of an sRGB colour {@code 0xRRGGBB}. */
    public static double[] labOf(int rgb) {
        double r = linear(((rgb >> 16) & 0xFF) / 255.0);
        double g = linear(((rgb >> 8) & 0xFF) / 255.0);
        double b = linear((rgb & 0xFF) / 255.0);
        double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
        double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
        double fx = f(x / XN);
        double fy = f(y / YN);
        double fz = f(z / ZN);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    /** The sRGB colour {@code 0xRRGGBB} nearest to CIELab (L*, a*, b*) (out-of-gamut components clipped). */
    public static int rgbOf(double[] lab) {
        double fy = (lab[0] + 16) / 116;
        double fx = fy + lab[1] / 500;
        double fz = fy - lab[2] / 200;
        double x = XN * finv(fx);
        double y = YN * (lab[0] > KAPPA * EPSILON ? fy * fy * fy : lab[0] / KAPPA);
        double z = ZN * finv(fz);
        double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
        double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
        double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
        return byteOf(r) << 16 | byteOf(g) << 8 | byteOf(b);
    }

    /** The DICOM encoding (three values 0..65535) of an sRGB colour. */
    public static int[] dicomOf(int rgb) {
        double[] lab = labOf(rgb);
        return new int[] {scale(lab[0] / 100.0), scale((lab[1] + 128) / 255.0), scale((lab[2] + 128) / 255.0)};
    }

    /** The sRGB colour of a DICOM-encoded CIELab value (three values 0..65535). */
    public static int rgbOfDicom(int[] scaled) {
        return rgbOf(new double[] {scaled[0] * 100.0 / 65535, scaled[1] * 255.0 / 65535 - 128,
            scaled[2] * 255.0 / 65535 - 128});
    }

    private static int scale(double unit) {
        return (int) Math.max(0, Math.min(65535, Math.round(unit * 65535)));
    }

    private static double linear(double c) {
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int byteOf(double linear) {
        double c = Math.max(0, Math.min(1, linear));
        double s = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
        return (int) Math.round(s * 255);
    }

    private static double f(double t) {
        return t > EPSILON ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
    }

    private static double finv(double f) {
        double cube = f * f * f;
        return cube > EPSILON ? cube : (116 * f - 16) / KAPPA;
    }
}
