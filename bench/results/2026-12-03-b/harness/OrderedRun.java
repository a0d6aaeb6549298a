import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Runs the named test classes in the given order in this JVM, one launcher call each, and prints failures. */
public class OrderedRun {
    public static void main(String[] args) throws Exception {
        Launcher launcher = LauncherFactory.create();
        for (String name : args) {
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            long t = System.nanoTime();
            launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Class.forName(name))).build(), listener);
            TestExecutionSummary s = listener.getSummary();
            System.out.printf("CLASS %s tests=%d failed=%d %.1fs%n", name.substring(name.lastIndexOf('.') + 1),
                    s.getTestsFoundCount(), s.getTotalFailureCount(), (System.nanoTime() - t) / 1e9);
            for (TestExecutionSummary.Failure f : s.getFailures()) {
                String msg = String.valueOf(f.getException().getMessage());
                System.out.println("FAIL " + f.getTestIdentifier().getDisplayName() + ": " + msg.substring(0, Math.min(400, msg.length())));
            }
        }
    }
}
