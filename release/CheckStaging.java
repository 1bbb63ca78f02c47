import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Checks a staged release (target/staging-deploy, written by {@code ./mvnw -Prelease deploy})
 * against Maven Central's requirements, then zips it as a Central Portal bundle
 * (target/central-bundle.zip). Run by release/stage.sh; exits 1 and lists every missing part.
 *
 * <p>Central's rules (central.sonatype.org/publish/requirements): per artifact a POM, the jar, a
 * sources jar and a javadoc jar, each with .md5 and .sha1 checksums and, once signed, an .asc
 * signature; and a POM with name, description, url, licenses, developers and scm. The consumer POM
 * must also stand alone: no parent, no build section.
 */
public final class CheckStaging {

  private static final String GROUP_PATH = "io/github/checkly-otel";

  private static final List<String> PUBLISHED =
      List.of(
          "checkly-otel-autoconfigure", "checkly-otel-starter", "checkly-otel-javaagent-extension");

  private static final List<String> PARTS = List.of(".pom", ".jar", "-sources.jar", "-javadoc.jar");

  /** The POM elements Central requires, as paths below {@code <project>}. */
  private static final List<String> POM_ELEMENTS =
      List.of(
          "name",
          "description",
          "url",
          "licenses/license/name",
          "licenses/license/url",
          "developers/developer",
          "scm/connection",
          "scm/developerConnection",
          "scm/url");

  public static void main(String[] args) throws IOException {
    Path staging = Path.of(args.length > 0 ? args[0] : "target/staging-deploy");
    boolean signed = System.getenv("MAVEN_GPG_KEY") != null;
    List<String> problems = new ArrayList<>();
    Map<String, Path> bundle = new TreeMap<>();
    Path group = staging.resolve(GROUP_PATH);
    try (Stream<Path> artifacts = Files.exists(group) ? Files.list(group) : Stream.empty()) {
      List<String> found = artifacts.map(path -> path.getFileName().toString()).sorted().toList();
      if (!found.equals(PUBLISHED.stream().sorted().toList())) {
        problems.add("artifacts staged: " + found + ", expected exactly " + PUBLISHED);
      }
    }
    for (String artifact : PUBLISHED) {
      Path dir = onlyVersionDirectory(group.resolve(artifact), problems);
      if (dir == null) {
        continue;
      }
      String base = latestBuild(dir, artifact);
      if (base == null) {
        problems.add(artifact + ": no POM in " + dir);
        continue;
      }
      for (String part : PARTS) {
        List<String> files =
            new ArrayList<>(List.of(base + part, base + part + ".md5", base + part + ".sha1"));
        if (signed) {
          files.add(base + part + ".asc");
        }
        for (String file : files) {
          Path path = dir.resolve(file);
          if (Files.isRegularFile(path) && Files.size(path) > 0) {
            bundle.put(staging.relativize(path).toString().replace('\\', '/'), path);
          } else {
            problems.add(artifact + ": missing " + file);
          }
        }
      }
      Path pom = dir.resolve(base + ".pom");
      if (Files.isRegularFile(pom)) {
        checkPom(artifact, pom, problems);
      }
    }
    if (!problems.isEmpty()) {
      System.err.println(
          "The staged release in " + staging + " would fail Maven Central's checks:");
      problems.forEach(problem -> System.err.println("  - " + problem));
      System.exit(1);
    }
    Path zip = staging.resolveSibling("central-bundle.zip");
    try (OutputStream out = Files.newOutputStream(zip);
        ZipOutputStream entries = new ZipOutputStream(out)) {
      for (Map.Entry<String, Path> entry : bundle.entrySet()) {
        entries.putNextEntry(new ZipEntry(entry.getKey()));
        Files.copy(entry.getValue(), entries);
        entries.closeEntry();
      }
    }
    System.out.println(
        "Staged release complete: "
            + PUBLISHED.size()
            + " artifacts, "
            + bundle.size()
            + " files"
            + (signed ? ", signed" : ", unsigned (no MAVEN_GPG_KEY)")
            + "; bundle: "
            + zip);
  }

  /**
   * Checks the POM's own elements, those directly under {@code <project>} (a license's url is not
   * the project's): the metadata Central requires, and nothing of the build.
   */
  private static void checkPom(String artifact, Path pom, List<String> problems)
      throws IOException {
    Element project;
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      project = factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    } catch (ParserConfigurationException | SAXException ex) {
      problems.add(artifact + ": its POM is not well-formed XML: " + ex.getMessage());
      return;
    }
    for (String path : POM_ELEMENTS) {
      if (text(project, path.split("/")).isEmpty()) {
        problems.add(artifact + ": its POM has no " + path);
      }
    }
    for (String forbidden : List.of("parent", "build", "dependencyManagement")) {
      if (child(project, forbidden) != null) {
        problems.add(artifact + ": its POM is not flattened, it has <" + forbidden + ">");
      }
    }
  }

  /** The text of the element at {@code path} below {@code element}, or an empty string. */
  private static String text(Element element, String... path) {
    Element current = element;
    for (String name : path) {
      current = (current != null) ? child(current, name) : null;
    }
    return (current != null) ? current.getTextContent().trim() : "";
  }

  private static Element child(Element parent, String name) {
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && element.getTagName().equals(name)) {
        return element;
      }
    }
    return null;
  }

  private static Path onlyVersionDirectory(Path artifact, List<String> problems)
      throws IOException {
    if (!Files.isDirectory(artifact)) {
      return null;
    }
    try (Stream<Path> entries = Files.list(artifact)) {
      List<Path> versions = entries.filter(Files::isDirectory).toList();
      if (versions.size() != 1) {
        problems.add(artifact.getFileName() + ": expected one version, found " + versions);
        return null;
      }
      return versions.get(0);
    }
  }

  /** The file name stem of the newest build: the version, or a snapshot's timestamp-build. */
  private static String latestBuild(Path dir, String artifact) throws IOException {
    Pattern pom = Pattern.compile(Pattern.quote(artifact) + "-(.+)\\.pom");
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(path -> pom.matcher(path.getFileName().toString()))
          .filter(Matcher::matches)
          .map(match -> artifact + "-" + match.group(1))
          .max(String::compareTo)
          .orElse(null);
    }
  }
}
