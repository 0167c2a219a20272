package io.heaplab.report.html;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a page in headless Chromium and reports what a user would see: the DOM after scripts ran, console messages,
 * the page's own network requests (from Chromium's NetLog), and a screenshot.
 *
 * <p>Chromium itself talks to Google services even with background networking disabled; those requests have no
 * page origin ({@code "initiator":"not an origin"}). A request made by a {@code file://} page carries the page's
 * network isolation key ({@code file://}) or a {@code null} initiator, and that is what {@link #pageRequests} lists.
 */
final class HeadlessChromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable");
    private static final Pattern URL = Pattern.compile("\"url\":\"([^\"]*)\"");
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** {@return Chromium, from {@code $HEAPLAB_CHROMIUM} or the usual paths, or empty when none is installed} */
    static Optional<HeadlessChromium> find(Path work) {
        String env = System.getenv("HEAPLAB_CHROMIUM");
        List<String> paths = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            paths.add(env);
        }
        paths.addAll(CANDIDATES);
        return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst()
            .map(p -> new HeadlessChromium(p, work));
    }

    /**
     * What one page load produced.
     *
     * @param dom          the serialized DOM after load ({@code --dump-dom}), or empty for a screenshot run
     * @param consoleLines every console message Chromium logged (errors, warnings, CSP violations, log calls)
     * @param pageRequests URLs the page itself asked the network for
     */
    record Load(String dom, List<String> consoleLines, List<String> pageRequests) {
    }

    /** {@return the DOM, console messages and page requests of loading {@code page}} @param page an HTML file */
    Load dumpDom(Path page) throws IOException, InterruptedException {
        return run(page, "dom", "--dump-dom");
    }

    /**
     * {@return the screenshot of {@code page} in a window of the given size}
     *
     * @param page     an HTML file
     * @param widthPx  window width
     * @param heightPx window height
     * @param png      where to keep the PNG
     */
    BufferedImage screenshot(Path page, int widthPx, int heightPx, Path png) throws IOException, InterruptedException {
        run(page, "shot", "--screenshot=" + png.toAbsolutePath(), "--window-size=" + widthPx + "," + heightPx,
            "--hide-scrollbars");
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new IOException("Chromium wrote no readable screenshot at " + png);
        }
        return image;
    }

    private Load run(Path page, String name, String... mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile-");
        Path netLog = work.resolve(name + "-netlog.json");
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox",
            "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0",
            "--log-net-log=" + netLog));
        command.addAll(List.of(mode));
        command.add(page.toUri().toString());
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IOException("Chromium did not finish within " + TIMEOUT_SECONDS + " s: " + command);
        }
        List<String> console = Files.readAllLines(err, StandardCharsets.UTF_8).stream()
            .filter(l -> l.contains(":CONSOLE")).toList();
        return new Load(Files.readString(out, StandardCharsets.UTF_8), console, pageRequests(netLog));
    }

    /** {@return the non-file URLs requested on behalf of a file:// page, from a NetLog (one event per line)} */
    static List<String> pageRequests(Path netLog) throws IOException {
        if (!Files.exists(netLog)) {
            throw new IOException("Chromium wrote no NetLog at " + netLog + "; cannot check for network requests");
        }
        List<String> urls = new ArrayList<>();
        for (String line : Files.readAllLines(netLog, StandardCharsets.UTF_8)) {
            boolean fromPage = line.contains("\"network_isolation_key\":\"file://")
                || line.contains("\"initiator\":\"null\"") || line.contains("\"initiator\":\"file://");
            Matcher m = URL.matcher(line);
            if (fromPage && m.find() && !m.group(1).startsWith("file:")) {
                urls.add(m.group(1));
            }
        }
        return urls;
    }

    /** {@return the share of pixels that differ from the top-left (background) pixel} @param image a screenshot */
    static double inkShare(BufferedImage image) {
        int background = image.getRGB(0, 0);
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != background) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    /** {@return how many pixels are close to {@code rgb} (each channel within 24)} */
    static long pixelsNear(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y);
                if (Math.abs(((c >> 16) & 255) - ((rgb >> 16) & 255)) <= 24
                    && Math.abs(((c >> 8) & 255) - ((rgb >> 8) & 255)) <= 24
                    && Math.abs((c & 255) - (rgb & 255)) <= 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
