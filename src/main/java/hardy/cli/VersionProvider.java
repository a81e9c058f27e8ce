package hardy.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest, or "development build" when run from classes. */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = HardyCli.class.getPackage().getImplementationVersion();
        return new String[] {"Hardy " + (v != null ? v : "development build"),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
