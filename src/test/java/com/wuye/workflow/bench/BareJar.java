package com.wuye.workflow.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * The start-up baseline packaged like the application: a copy of the application's Spring Boot
 * jar (same loader, same nested libraries in {@code BOOT-INF/lib}, same layout) whose
 * {@code BOOT-INF/classes} hold only {@code com.wuye.barecamunda.BareCamundaApplication} and
 * its configuration ({@code bench/bare.yaml}), started as its {@code Start-Class}. So the
 * packaged application is compared with a packaged bare application, like with like.
 */
final class BareJar {

  static final String START_CLASS = "com.wuye.barecamunda.BareCamundaApplication";
  private static final List<String> BARE_CLASSES = List.of("com/wuye/barecamunda/", "bench/bare.yaml");

  private BareJar() {
  }

  static Path build(Path applicationJar, Path testClasses, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (JarFile source = new JarFile(applicationJar.toFile());
        JarOutputStream jar = new JarOutputStream(Files.newOutputStream(target),
            bareManifest(source.getManifest()))) {
      for (JarEntry entry : source.stream().toList()) {
        String name = entry.getName();
        if (name.equals(JarFile.MANIFEST_NAME) || name.equals("META-INF/")
            || name.startsWith("BOOT-INF/classes/") && !name.equals("BOOT-INF/classes/")) {
          continue;
        }
        ZipEntry copy = new ZipEntry(entry);
        copy.setCompressedSize(-1);
        if (entry.getMethod() == ZipEntry.STORED) {
          copy.setMethod(ZipEntry.STORED);
        }
        jar.putNextEntry(copy);
        try (InputStream in = source.getInputStream(entry)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
      for (String part : BARE_CLASSES) {
        Path from = testClasses.resolve(part);
        try (Stream<Path> files = Files.isDirectory(from) ? Files.walk(from) : Stream.of(from)) {
          for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
            String name = "BOOT-INF/classes/" + testClasses.relativize(file).toString().replace('\\', '/');
            stored(jar, name, Files.readAllBytes(file));
          }
        }
      }
    }
    return target;
  }

  private static Manifest bareManifest(Manifest application) {
    Manifest manifest = new Manifest(application);
    manifest.getMainAttributes().put(new Attributes.Name("Start-Class"), START_CLASS);
    return manifest;
  }

  private static void stored(OutputStream out, String name, byte[] bytes) throws IOException {
    JarOutputStream jar = (JarOutputStream) out;
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(bytes.length);
    entry.setCompressedSize(bytes.length);
    CRC32 crc = new CRC32();
    crc.update(bytes);
    entry.setCrc(crc.getValue());
    jar.putNextEntry(entry);
    jar.write(bytes);
    jar.closeEntry();
  }
}
