package gort.conformance.sites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The C functions gort has ported so far: the names of the methods declared by the classes of the
 * runtime modules (proc, stack, mgc, panic, heapdump, traceback, mprof) on the class path. Ported
 * methods keep their C names, so "a method called newstack exists" means newstack is ported, and T1
 * then expects the corpus to reach its sites.
 */
public final class PortedFunctions {
    private PortedFunctions() {}

    static final List<String> PACKAGES =
            List.of(
                    "gort/proc/",
                    "gort/stack/",
                    "gort/mgc/",
                    "gort/panic/",
                    "gort/heapdump/",
                    "gort/traceback/",
                    "gort/mprof/");

    /** Method names of the runtime modules' classes visible to {@code loader}. */
    public static Set<String> scan(ClassLoader loader) {
        Set<String> classes = new HashSet<>();
        try {
            for (String pkg : PACKAGES) {
                Enumeration<URL> urls = loader.getResources(pkg);
                while (urls.hasMoreElements()) {
                    listClasses(urls.nextElement(), pkg, classes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> methods = new HashSet<>();
        for (String name : classes) {
            try {
                Class<?> c = Class.forName(name, false, loader);
                for (var m : c.getDeclaredMethods()) {
                    methods.add(m.getName());
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a class that cannot be loaded ports nothing we can run
            }
        }
        return methods;
    }

    private static void listClasses(URL url, String pkg, Set<String> out) throws IOException {
        switch (url.getProtocol()) {
            case "file" -> {
                Path dir;
                try {
                    dir = Path.of(url.toURI());
                } catch (URISyntaxException e) {
                    throw new IOException(e);
                }
                Path root = dir;
                for (int i = 0; i < pkg.split("/").length; i++) {
                    root = root.getParent();
                }
                final Path base = root;
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(p -> p.toString().endsWith(".class"))
                            .forEach(
                                    p ->
                                            out.add(
                                                    className(
                                                            base.relativize(p)
                                                                    .toString()
                                                                    .replace('\\', '/'))));
                }
            }
            case "jar" -> {
                JarURLConnection conn = (JarURLConnection) url.openConnection();
                conn.setUseCaches(false);
                try (JarFile jar = conn.getJarFile()) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String n = entries.nextElement().getName();
                        if (n.startsWith(pkg) && n.endsWith(".class")) {
                            out.add(className(n));
                        }
                    }
                }
            }
            default -> {}
        }
    }

    private static String className(String path) {
        return path.substring(0, path.length() - ".class".length()).replace('/', '.');
    }
}
