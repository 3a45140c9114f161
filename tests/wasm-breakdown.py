#!/usr/bin/env python3
"""Where the bytes of the page's index.wasm go, measured from the built file.

  tests/wasm-breakdown.py [--top N] [build/web]   (tests/bundle-size.sh calls it)
  --top N also lists the N largest functions with their part.

Functions: index.wasm's code section gives each function body's size by
index; index.html.symbols (emcc --emit-symbol-map, written beside the page
and not shipped) names each index after wasm-opt; llvm-nm names the object
file that defined each name. Data: the embedded files (font, map, quizzes)
are found byte for byte in the data section. Each part is also gzip -9
compressed alone, so the parts' gzip figures add up to a little more than the
whole file's.
"""
import gzip
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def leb(buf, i):
    """Unsigned LEB128 at buf[i]: (value, next index)."""
    v = shift = 0
    while True:
        b = buf[i]
        i += 1
        v |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return v, i


def sections(wasm):
    if wasm[:4] != b"\0asm":
        sys.exit("wasm-breakdown: not a WebAssembly file")
    i = 8
    while i < len(wasm):
        sid = wasm[i]
        size, j = leb(wasm, i + 1)
        yield sid, j, size, j + size - i  # id, payload start, payload size, whole size
        i = j + size


def imported_functions(wasm, start):
    n, i = leb(wasm, start)
    funcs = 0
    for _ in range(n):
        for _ in range(2):  # module and field names
            length, i = leb(wasm, i)
            i += length
        kind = wasm[i]
        i += 1
        if kind == 0:  # function: type index
            _, i = leb(wasm, i)
            funcs += 1
        elif kind == 1:  # table: elem type, limits
            i += 1
            flags, i = leb(wasm, i)
            _, i = leb(wasm, i)
            if flags & 1:
                _, i = leb(wasm, i)
        elif kind == 2:  # memory: limits
            flags, i = leb(wasm, i)
            _, i = leb(wasm, i)
            if flags & 1:
                _, i = leb(wasm, i)
        elif kind == 3:  # global: type, mutability
            i += 2
        else:
            sys.exit("wasm-breakdown: unknown import kind %d" % kind)
    return funcs


def function_bodies(wasm, start):
    n, i = leb(wasm, start)
    for _ in range(n):
        size, j = leb(wasm, i)
        yield wasm[i:j + size]
        i = j + size


def data_segments(wasm, start):
    """[(address, bytes)] of the data section's active segments."""
    n, i = leb(wasm, start)
    out = []
    for _ in range(n):
        flags, i = leb(wasm, i)
        if flags == 2:
            _, i = leb(wasm, i)
        addr = None
        if flags in (0, 2):  # offset expression: i32.const N end
            if wasm[i] == 0x41:
                v = shift = 0
                i += 1
                while True:
                    b = wasm[i]
                    i += 1
                    v |= (b & 0x7F) << shift
                    shift += 7
                    if b < 0x80:
                        if b & 0x40:
                            v -= 1 << shift
                        break
                addr = v
            while wasm[i] != 0x0B:
                i += 1
            i += 1
        size, i = leb(wasm, i)
        out.append((addr, wasm[i:i + size]))
        i += size
    return out


def unescape(name):
    # wasm-ld's name section writes characters outside [A-Za-z0-9_.$] as \XX.
    return re.sub(r"\\([0-9a-fA-F]{2})", lambda m: chr(int(m.group(1), 16)), name)


def nm(paths):
    """{demangled function name: object file}, first definition wins (link order)."""
    owner = {}
    for path in paths:
        try:
            out = subprocess.run(["llvm-nm-14", "--defined-only", "--demangle", path], capture_output=True,
                                 text=True, check=True).stdout
        except FileNotFoundError:
            out = subprocess.run(["llvm-nm", "--defined-only", "--demangle", path], capture_output=True,
                                 text=True, check=True).stdout
        member = os.path.basename(path)
        for line in out.splitlines():
            if line.endswith(":") and "(" in line:  # "lib.a(member.o):" in some versions
                member = line[line.index("(") + 1:-2]
                continue
            if line.endswith(":"):
                member = line[:-1]
                continue
            parts = line.split(" ", 2)
            if len(parts) == 3 and parts[1] in "TtWw":
                owner.setdefault(parts[2], (path, member))
    return owner


def embedded_files(web):
    """(part, path) of the files compiled into the page as byte arrays."""
    cache = open(os.path.join(web, "CMakeCache.txt")).read()
    font = re.search(r"^DSVIZ_FONT:FILEPATH=(.*)$", cache, re.M)
    files = [("font", os.path.join(web, "web", "font-subset.ttf"))]
    if font:
        files.append(("font", font.group(1)))
    files += [("map", os.path.join(web, "map", "world-land-110m.bin")),
              ("quizzes (en, fr)", os.path.join(ROOT, "assets", "quiz", "dsviz-quiz.toml")),
              ("quizzes (en, fr)", os.path.join(ROOT, "assets", "quiz", "dsviz-quiz.fr.toml"))]
    return [(label, f) for label, f in files if os.path.exists(f)]


def stem(member):
    return member[:-len(".cpp.o")] if member.endswith(".cpp.o") else member


def main():
    args = sys.argv[1:]
    top = 0
    if args[:1] == ["--top"]:
        top = int(args[1])
        args = args[2:]
    web = args[0] if args else "build/web"
    wasm_path = os.path.join(web, "index.wasm")
    symbols_path = os.path.join(web, "index.html.symbols")
    if not os.path.exists(symbols_path):
        print("wasm-breakdown: %s not found (the page is linked with --emit-symbol-map): no breakdown" % symbols_path)
        return
    wasm = open(wasm_path, "rb").read()
    names = {}
    for line in open(symbols_path, encoding="utf-8", errors="replace"):
        k, _, v = line.rstrip("\n").partition(":")
        if k.isdigit():
            names[int(k)] = unescape(v)

    views = {f[:-len(".cpp")] for d in ("web/scenes", "web/widgets") for f in os.listdir(os.path.join(ROOT, d))
             if f.endswith(".cpp")}
    sdl = None
    cache = open(os.path.join(web, "CMakeCache.txt")).read()
    m = re.search(r"^DSVIZ_SDL2_WEB_DIR:PATH=(.*)$", cache, re.M)
    if m:
        sdl = os.path.join(m.group(1), "lib", "libSDL2.a")
    app_objs = os.path.join(web, "web", "CMakeFiles", "dsviz.dir")
    objects = [os.path.join(dp, f) for dp, _, fs in os.walk(app_objs) for f in fs if f.endswith(".o")]
    objects += [os.path.join(web, "web", "libdsviz_shell.a"), os.path.join(web, "web", "libimgui_core.a"),
                os.path.join(web, "core", "libdsviz_core.a"), os.path.join(web, "assets", "libdsviz_map_data.a")]
    if sdl and os.path.exists(sdl):
        objects.append(sdl)
    owner = nm([p for p in objects if os.path.exists(p)])

    def part_of(name):
        o = owner.get(name)
        if o is None:
            return "runtime"  # libc, libc++, emmalloc/dlmalloc, compiler-rt
        path, member = o
        base = os.path.basename(path)
        s = stem(member)
        if base == "libSDL2.a":
            return "SDL2"
        if base == "libimgui_core.a" or s.startswith("imgui_impl_"):
            return "ImGui"
        if base == "libdsviz_core.a":
            if s in ("quiz", "check", "builtin") or "toml" in name:
                return "core: quiz checker, TOML reader"
            return "core"
        if base == "libdsviz_shell.a":
            return "scenes (views, widgets)" if s in views else "shell"
        if s in ("platform", "main", "gl_proc_address"):
            return "shell"
        return "runtime"

    parts = {}  # name -> bytearray

    def add(part, data):
        parts.setdefault(part, bytearray()).extend(data)

    n_imports = 0
    sizes = []  # (bytes, part, name) per function
    for sid, start, size, whole in sections(wasm):
        if sid == 2:
            n_imports = imported_functions(wasm, start)
            add("wasm tables, imports, exports", wasm[start - (whole - size):start + size])
        elif sid == 10:
            for k, body in enumerate(function_bodies(wasm, start)):
                name = names.get(n_imports + k, "")
                add(part_of(name), body)
                sizes.append((len(body), part_of(name), name))
        elif sid == 11:
            # wasm-opt drops runs of zeros from segments: rebuild the memory
            # image, find each embedded file in it, and count the segment
            # bytes that fall inside it.
            segs = data_segments(wasm, start)
            placed = [(a, b) for a, b in segs if a is not None]
            top_addr = max((a + len(b) for a, b in placed), default=0)
            image = bytearray(top_addr)
            stored = bytearray(top_addr)  # 1 where a segment holds the byte
            for a, b in placed:
                image[a:a + len(b)] = b
                stored[a:a + len(b)] = b"\1" * len(b)
            owner_of = bytearray(top_addr)  # 0: not an embedded file
            labels = []
            for label, f in embedded_files(web):
                blob = open(f, "rb").read()
                at = image.find(blob)
                if at < 0 or not blob:
                    continue
                labels.append(label)
                owner_of[at:at + len(blob)] = bytes([len(labels)]) * len(blob)
            for k, label in enumerate(labels, 1):
                add(label, bytes(image[j] for j in range(top_addr) if owner_of[j] == k and stored[j]))
            add("data: strings, tables", bytes(image[j] for j in range(top_addr) if owner_of[j] == 0 and stored[j]))
            for a, b in segs:
                if a is None:
                    add("data: strings, tables", b)
        else:
            add("wasm tables, imports, exports", wasm[start - (whole - size):start + size])

    total = len(wasm)
    gz_total = len(gzip.compress(wasm, 9))
    order = ["font", "map", "quizzes (en, fr)", "ImGui", "SDL2", "core", "core: quiz checker, TOML reader",
             "scenes (views, widgets)", "shell", "runtime", "data: strings, tables", "wasm tables, imports, exports"]
    print("index.wasm by part (each part gzip -9 alone)   raw bytes    gzip -9")
    for p in order + sorted(set(parts) - set(order)):
        if p in parts:
            b = bytes(parts[p])
            print("  %-42s %10d %10d" % (p, len(b), len(gzip.compress(b, 9))))
    print("  %-42s %10d %10d" % ("index.wasm (whole)", total, gz_total))
    if top:
        print("largest functions:")
        for size, part, name in sorted(sizes, reverse=True)[:top]:
            print("  %7d  %-24s %s" % (size, part, name[:150]))


if __name__ == "__main__":
    main()
