package io.github.checklyotel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.FieldVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

/**
 * Holds the public API to the listing checked in at {@code api/public-api.txt}: every public type
 * outside an {@code internal} package, with its public and protected members, read from the
 * compiled classes (both source sets, Spring Boot 3's included) without loading them. A change to
 * the API fails here until the listing is updated on purpose: run this test with {@code
 * -Dcheckly.api.update=true}, and review the listing's diff with the change (CONTRIBUTING.md).
 */
class PublicApiTests {

  private static final Path CLASSES = Path.of("target", "classes");

  private static final Path LISTING = Path.of("api", "public-api.txt");

  private static final int ASM = Opcodes.ASM9;

  @Test
  void publicApiMatchesTheCheckedInListing() throws IOException {
    String actual = listing();
    if (Boolean.getBoolean("checkly.api.update")) {
      Files.createDirectories(LISTING.getParent());
      Files.writeString(LISTING, actual, StandardCharsets.UTF_8);
    }
    String expected = Files.readString(LISTING, StandardCharsets.UTF_8);
    Set<String> added = new TreeSet<>(actual.lines().toList());
    expected.lines().toList().forEach(added::remove);
    Set<String> removed = new TreeSet<>(expected.lines().toList());
    actual.lines().toList().forEach(removed::remove);
    assertThat(actual)
        .as(
            "The public API changed. Added: %s. Removed: %s. If that is on purpose, rerun with"
                + " -Dcheckly.api.update=true and commit %s (CONTRIBUTING.md, Public API).",
            added, removed, LISTING)
        .isEqualTo(expected);
  }

  @Test
  void listingHasTheTypesUsersTouchAndNoInternalOnes() throws IOException {
    String listing = listing();
    assertThat(listing)
        .contains("class io.github.checklyotel.autoconfigure.ChecklyProperties")
        .contains("class io.github.checklyotel.sampling.ChecklySampler")
        .contains("class io.github.checklyotel.autoconfigure.ChecklyBoot3HealthAutoConfiguration")
        .doesNotContain(".internal.");
  }

  /** The API, one line per type and member, types sorted, members sorted under their type. */
  private static String listing() throws IOException {
    Map<String, ApiType> types = new TreeMap<>();
    try (Stream<Path> files = Files.walk(CLASSES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          ApiType type = new ApiType();
          new ClassReader(in).accept(type, ClassReader.SKIP_CODE);
          if (type.name != null) {
            types.put(type.name, type);
          }
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (ApiType type : types.values()) {
      if (type.isApi(types)) {
        out.append(type.header()).append('\n');
        type.members.forEach(member -> out.append("  ").append(member).append('\n'));
      }
    }
    return out.toString();
  }

  /** What a class file says of itself, kept if it is public and outside internal packages. */
  private static final class ApiType extends ClassVisitor {

    private String name;

    private int access;

    private String superName;

    private List<String> interfaces = List.of();

    /** Set for a nested type: the type it is declared in. */
    private String outer;

    private final Set<String> members = new TreeSet<>();

    ApiType() {
      super(ASM);
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      this.name = name;
      this.access = access;
      this.superName = superName;
      this.interfaces = List.of(interfaces);
    }

    @Override
    public void visitInnerClass(String name, String outerName, String innerName, int access) {
      if (name.equals(this.name)) {
        this.outer = outerName;
        // A nested type's own access: the class file's flags say public for protected ones too.
        this.access = access;
      }
    }

    @Override
    public FieldVisitor visitField(
        int access, String name, String descriptor, String signature, Object value) {
      if (isVisible(access) && (access & Opcodes.ACC_SYNTHETIC) == 0) {
        this.members.add(
            modifiers(access) + "field " + Type.getType(descriptor).getClassName() + " " + name);
      }
      return null;
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      if (isVisible(access)
          && (access & (Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE)) == 0
          && !name.equals("<clinit>")) {
        List<String> parameters = new ArrayList<>();
        for (Type parameter : Type.getArgumentTypes(descriptor)) {
          parameters.add(parameter.getClassName());
        }
        String returns =
            name.equals("<init>") ? "" : Type.getReturnType(descriptor).getClassName() + " ";
        this.members.add(
            modifiers(access)
                + returns
                + (name.equals("<init>") ? "<init>" : name)
                + "("
                + String.join(", ", parameters)
                + ")");
      }
      return null;
    }

    boolean isApi(Map<String, ApiType> types) {
      if (this.name.contains("/internal/")
          || !isVisible(this.access)
          || (this.access & Opcodes.ACC_SYNTHETIC) != 0
          || this.name.endsWith("package-info")) {
        return false;
      }
      if (this.outer == null) {
        return this.name.lastIndexOf('$') < 0 && (this.access & Opcodes.ACC_PUBLIC) != 0;
      }
      ApiType enclosing = types.get(this.outer);
      return enclosing != null && enclosing.isApi(types);
    }

    String header() {
      String kind =
          ((this.access & Opcodes.ACC_ANNOTATION) != 0)
              ? "@interface"
              : ((this.access & Opcodes.ACC_INTERFACE) != 0)
                  ? "interface"
                  : ((this.access & Opcodes.ACC_ENUM) != 0)
                      ? "enum"
                      : ((this.access & Opcodes.ACC_RECORD) != 0) ? "record" : "class";
      StringBuilder header =
          new StringBuilder(modifiers(this.access) + kind + " " + this.name.replace('/', '.'));
      if (this.superName != null
          && !Set.of("java/lang/Object", "java/lang/Enum", "java/lang/Record")
              .contains(this.superName)) {
        header.append(" extends ").append(this.superName.replace('/', '.'));
      }
      if (!this.interfaces.isEmpty()) {
        header.append(" implements ").append(String.join(", ", this.interfaces).replace('/', '.'));
      }
      return header.toString();
    }

    private static boolean isVisible(int access) {
      return (access & (Opcodes.ACC_PUBLIC | Opcodes.ACC_PROTECTED)) != 0;
    }

    private static String modifiers(int access) {
      StringBuilder modifiers =
          new StringBuilder(((access & Opcodes.ACC_PUBLIC) != 0) ? "public " : "protected ");
      if ((access & Opcodes.ACC_STATIC) != 0) {
        modifiers.append("static ");
      }
      if ((access & Opcodes.ACC_FINAL) != 0 && (access & Opcodes.ACC_ENUM) == 0) {
        modifiers.append("final ");
      }
      if ((access & Opcodes.ACC_ABSTRACT) != 0 && (access & Opcodes.ACC_INTERFACE) == 0) {
        modifiers.append("abstract ");
      }
      return modifiers.toString();
    }
  }
}
