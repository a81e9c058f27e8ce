package hardy.synth;

import java.util.Map;

/**
 * Changes some of a {@link SynthSettings}' values and keeps the rest: how a preset becomes the settings of a run
 * once the options given on the command line override it. {@link #build()} checks the result.
 */
public final class SynthSettingsBuilder {

    private Range gestationalAge;
    private Map<Subgroup, Double> shares;
    private int size;
    private Range spacing;
    private Range fovMm;
    private double rotationDegrees;
    private double headOffsetMm;
    private double surroundingsShare;
    private Contrast contrast;
    private double contrastJitter;
    private Range randomSd;
    private Range biasAmplitude;
    private Range noise;
    private Range blurMm;
    private double thickSliceShare;
    private Range sliceThickness;
    private Range motionMm;
    private double reconstructShare;

    SynthSettingsBuilder(SynthSettings s) {
        gestationalAge = s.gestationalAge();
        shares = s.shares();
        size = s.size();
        spacing = s.spacing();
        fovMm = s.fovMm();
        rotationDegrees = s.rotationDegrees();
        headOffsetMm = s.headOffsetMm();
        surroundingsShare = s.surroundingsShare();
        contrast = s.contrast();
        contrastJitter = s.contrastJitter();
        randomSd = s.randomSd();
        biasAmplitude = s.biasAmplitude();
        noise = s.noise();
        blurMm = s.blurMm();
        thickSliceShare = s.thickSliceShare();
        sliceThickness = s.sliceThickness();
        motionMm = s.motionMm();
        reconstructShare = s.reconstructShare();
    }

    /** The settings; throws {@link IllegalArgumentException} naming what is out of range. */
    public SynthSettings build() {
        return new SynthSettings(gestationalAge, shares, size, spacing, fovMm, rotationDegrees, headOffsetMm,
                surroundingsShare, contrast, contrastJitter, randomSd, biasAmplitude, noise, blurMm, thickSliceShare,
                sliceThickness, motionMm, reconstructShare);
    }

    /** Gestational age range, weeks. */
    public SynthSettingsBuilder gestationalAge(Range v) {
        gestationalAge = v;
        return this;
    }

    /** Relative subgroup shares. */
    public SynthSettingsBuilder shares(Map<Subgroup, Double> v) {
        shares = v;
        return this;
    }

    /** A fixed grid of {@code v}³ voxels; replaces a field of view. */
    public SynthSettingsBuilder size(int v) {
        size = v;
        fovMm = null;
        return this;
    }

    /** Grid spacing range, mm. */
    public SynthSettingsBuilder spacing(Range v) {
        spacing = v;
        return this;
    }

    /** A grid set by a field of view (mm per axis); replaces a fixed size. */
    public SynthSettingsBuilder fov(Range v) {
        fovMm = v;
        size = 0;
        return this;
    }

    /** Largest head rotation per axis, degrees. */
    public SynthSettingsBuilder rotationDegrees(double v) {
        rotationDegrees = v;
        return this;
    }

    /** Largest head offset from the grid centre per axis, mm. */
    public SynthSettingsBuilder headOffsetMm(double v) {
        headOffsetMm = v;
        return this;
    }

    /** Share of cases with surroundings. */
    public SynthSettingsBuilder surroundingsShare(double v) {
        surroundingsShare = v;
        return this;
    }

    /** Intensity model. */
    public SynthSettingsBuilder contrast(Contrast v) {
        contrast = v;
        return this;
    }

    /** Relative jitter of the T2 intensities. */
    public SynthSettingsBuilder contrastJitter(double v) {
        contrastJitter = v;
        return this;
    }

    /** Within-tissue SD range of the random contrast. */
    public SynthSettingsBuilder randomSd(Range v) {
        randomSd = v;
        return this;
    }

    /** Bias field strength range. */
    public SynthSettingsBuilder biasAmplitude(Range v) {
        biasAmplitude = v;
        return this;
    }

    /** Rician noise range. */
    public SynthSettingsBuilder noise(Range v) {
        noise = v;
        return this;
    }

    /** Partial-volume blur range, mm. */
    public SynthSettingsBuilder blurMm(Range v) {
        blurMm = v;
        return this;
    }

    /** Share of thick-slice cases. */
    public SynthSettingsBuilder thickSliceShare(double v) {
        thickSliceShare = v;
        return this;
    }

    /** Slice thickness range, mm. */
    public SynthSettingsBuilder sliceThickness(Range v) {
        sliceThickness = v;
        return this;
    }

    /** Slice-wise motion range, mm. */
    public SynthSettingsBuilder motionMm(Range v) {
        motionMm = v;
        return this;
    }

    /** Share of thick-slice cases reconstructed to the isotropic grid. */
    public SynthSettingsBuilder reconstructShare(double v) {
        reconstructShare = v;
        return this;
    }
}
