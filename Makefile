# dsviz: the commands a reader, an instructor and CI use. On a fresh Debian 12
# machine as root each target installs what it needs first (.ci/bootstrap:
# idempotent, silent when everything is there).
#   make serve          build the page and serve it on http://localhost:8000
#   make test           both builds and every test, then the web bundle size
#   make desktop        build and launch the native app (ARGS="--scene unity")
#   make bench          core benchmark (native and wasm), then the page beside the ImGui example
#   make bench-frames   the page's frame times while the timeline is dragged (FRAMES_ARGS=)
#   make test-sanitize  the core's tests under ASan + UBSan
#   make soak           the long-running tests (ctest label "soak")
#   make fuzz           libFuzzer targets, 10 M runs each; model runs and quiz 600 s (FUZZ_RUNS=, FUZZ_SECONDS=, FUZZ_RUN_SECONDS=)
#   make fresh-check    the README's commands on a plain Debian 12 (debootstrap), as root
#   make site           build/site: the page, and CHAPTER=file.md as chapter.html with live scenes
#   make package        build/package/dsviz_<version>-1_<arch>.deb (CPack): the desktop app and dsviz-cli
#   make setup | clean | distclean

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# Steps run in the order written; each build gets -j itself.
.NOTPARALLEL:
MAKEFLAGS += --no-print-directory

JOBS ?= $(shell nproc)
PORT ?= 8000
HOST ?= 127.0.0.1
ARGS ?=
CTEST_ARGS ?=
FUZZ_RUNS ?= 10000000
FUZZ_SECONDS ?= 0
FUZZ_RUN_SECONDS ?= 600
BOOTSTRAP := bash .ci/bootstrap
# Debian's emcc needs Debian's acorn (TOOLCHAIN.md).
export NODE_PATH := /usr/share/nodejs

# Configure a preset once (CMake re-configures by itself when a CMakeLists
# changes), then build it; "Built target" lines are dropped so a build with
# nothing to do prints nothing.
define build_preset
	@test -f build/$(1)/Makefile || cmake --preset $(1)
	@cmake --build --preset $(1) -j$(JOBS) $(2) | { grep --line-buffered -v -E '^\[ *[0-9]+%\] Built target |^Consolidate compiler generated dependencies' || true; }
endef

.PHONY: help setup serve test desktop bench bench-frames test-sanitize soak fuzz site package clean distclean \
        build-native build-web test-native test-web test-browser test-desktop bundle-size fresh-check

help:
	@sed -n '/^#/!q; s/^# \{0,1\}//p' Makefile

setup:
	@$(BOOTSTRAP) all

build-native:
	@$(BOOTSTRAP) native
	$(call build_preset,native)

build-web:
	@$(BOOTSTRAP) web
	$(call build_preset,web)

serve: build-web
	@node tests/browser/serve.mjs build/web $(PORT) $(HOST)

desktop: build-native
	build/native/dsviz $(ARGS)

# ---- tests -------------------------------------------------------------
test:
	@$(BOOTSTRAP) test
	@$(MAKE) build-native build-web
	@$(MAKE) -k test-native test-web test-browser test-desktop bundle-size
	@echo "make test: all passed"

test-native:
	@echo "== ctest (native)"
	@ctest --preset native -j$(JOBS) -LE soak $(CTEST_ARGS)

test-web:
	@echo "== ctest (web, wasm under node)"
	@ctest --preset web -j$(JOBS) -LE soak $(CTEST_ARGS)

test-browser:
	@echo "== browser test (headless chromium, build/web)"
	@test -d tests/browser/node_modules/playwright-core || $(BOOTSTRAP) test
	@node tests/browser/browser.test.mjs

test-desktop:
	@echo "== desktop smoke test (Xvfb, build/native/dsviz)"
	@tests/desktop/smoke.sh

bundle-size:
	@echo "== web bundle size"
	@tests/bundle-size.sh build/web

test-sanitize:
	@$(BOOTSTRAP) native
	$(call build_preset,sanitize)
	@echo "== ctest (sanitize: ASan + UBSan)"
	@ctest --preset sanitize -j$(JOBS) -LE soak $(CTEST_ARGS)

soak: build-native build-web
	@echo "== soak tests, native (ctest -L soak)"
	@ctest --preset native -L soak --no-tests=ignore $(CTEST_ARGS)
	@echo "== soak tests, wasm under node (ctest -L soak)"
	@ctest --preset web -L soak --no-tests=ignore $(CTEST_ARGS)

# The parsers under libFuzzer (tests/fuzz/*_fuzz.cpp), built with Debian's
# clang in build/fuzz; seeds in tests/fuzz/corpus/<name>/. The parsers'
# fuzzers run FUZZ_RUNS (10 M) inputs each; the ones that build and run
# models (*_run_fuzz) and the slower quiz_fuzz run for FUZZ_RUN_SECONDS
# instead (tests/fuzz/run.sh).
fuzz:
	@$(BOOTSTRAP) fuzz
	@test -f build/fuzz/Makefile || CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -DDSVIZ_APP=OFF -DDSVIZ_FUZZ=ON >/dev/null
	@cmake --build build/fuzz -j$(JOBS) --target fuzzers | { grep --line-buffered -v -E '^\[ *[0-9]+%\] Built target ' || true; }
	@tests/fuzz/run.sh build/fuzz $(FUZZ_RUNS) $(FUZZ_SECONDS) $(FUZZ_RUN_SECONDS)

# The README's `make test` and `make serve` from a clean clone of HEAD in a
# minimal Debian 12 root (debootstrap), with Debian's own Node.js; as root.
# A second full set-up and build: 21-33 minutes on 2 cores (tests/fresh-check.sh).
fresh-check:
	@tests/fresh-check.sh

# ---- figures -----------------------------------------------------------
# The core's benchmark natively and as wasm, then the page in headless
# Chromium beside the official Dear ImGui SDL2/OpenGL3 example built from the
# same pinned sources (tests/bench/build-imgui-example.sh): start-up, fps,
# idle, heap and a stress setting per scene (tests/browser/perf.mjs;
# PERF_ARGS="--profile" shows where the start-up's time goes instead).
PERF_ARGS ?=
bench:
	@$(BOOTSTRAP) native
	$(call build_preset,native,--target dsviz-cli)
	@$(BOOTSTRAP) web
	$(call build_preset,web,--target dsviz-cli dsviz)
	@# A core figure under its floor fails the target, but only after the
	@# browser half has printed its figures too.
	@floor=0; node tests/bench-compare.mjs build/native/dsviz-cli build/web/dsviz-cli.js || floor=$$?; \
	  { test -d tests/browser/node_modules/playwright-core || $(BOOTSTRAP) test; } && \
	  JOBS=$(JOBS) tests/bench/build-imgui-example.sh build/bench/imgui-example && \
	  node tests/browser/perf.mjs --example build/bench/imgui-example $(PERF_ARGS) && \
	  { [ $$floor = 0 ] || { echo "bench: the core figures above missed a floor"; exit $$floor; }; }

# Frame times of the page in headless Chromium (tests/browser/frames.mjs):
# by default an hour of unity at 100 req/s, then the timeline dragged back
# and forth with the mouse. FRAMES_ARGS="--query 'scene=scaling' --action idle
# --until sweep_done_pct>=100" and the like for other scenes and actions.
FRAMES_ARGS ?= --until 'requests_sent>=360000'
bench-frames: build-web
	@test -d tests/browser/node_modules/playwright-core || $(BOOTSTRAP) test
	@node tests/browser/frames.mjs $(FRAMES_ARGS)

# The page (what GitHub Pages publishes) in build/site, and with a chapter
# (mdBook Markdown) build/site/chapter.html: the chapter as an mdBook page
# whose Mermaid diagrams are live scenes (tools/site/build-site.mjs; which
# scene shows which diagram: DIAGRAMS). The repository ships no course text.
CHAPTER ?= $(wildcard ../shared/course/01-what-is-ds.md)
DIAGRAMS ?= assets/site/diagrams.json
site: build-web
	@$(BOOTSTRAP) site
	@rm -rf build/site
	@tests/bundle-size.sh --copy build/site build/web
	@if [ -z "$(CHAPTER)" ]; then \
	  echo "make site: no chapter (CHAPTER=path/to/chapter.md): build/site has the app alone"; \
	else \
	  node --no-experimental-fetch build/web/dsviz-cli.js list > build/site-scenes.txt; \
	  node tools/site/build-site.mjs --chapter "$(CHAPTER)" --out build/site --diagrams "$(DIAGRAMS)" --scenes build/site-scenes.txt; \
	  echo "make site: open build/site/chapter.html through a server, e.g. node tests/browser/serve.mjs --csp build/site"; \
	fi

# The desktop package (packaging/CMakeLists.txt): dsviz, dsviz-cli, desktop
# entry, icons, man pages from --help (help2man); Depends from
# dpkg-shlibdeps. tests/package/install-check.sh installs and runs it.
package:
	@$(BOOTSTRAP) package
	@$(MAKE) build-native
	@cmake build/native >/dev/null  # finds help2man and rsvg-convert if they came after the first configure
	$(call build_preset,native,--target package_files)
	@rm -rf build/package
	@umask 022 && cpack --config build/native/CPackConfig.cmake -B build/package >build/cpack.log 2>&1 || { cat build/cpack.log; exit 1; }
	@deb=$$(ls build/package/*.deb) && echo "make package: $$deb ($$(du -k $$deb | cut -f1) KB)"

clean:
	rm -rf build

distclean: clean
	rm -rf tests/browser/node_modules
