# Waspada: one Makefile. `make run` and `make test` set up a fresh Debian machine themselves.
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/waspada
LOCALEDIR = $(PREFIX)/share/locale
MANDIR    = $(PREFIX)/share/man/man1

CC      ?= cc
PKGS     = ncursesw lua5.4 yaml-0.1 jansson yajl libutf8proc libqrencode
# headers only: libarchive is loaded when a .zip is first read (sim/import.c says why)
HDR_PKGS = libarchive
VERSION  = 0.1.0
CFLAGS  ?= -O2 -g
WARN     = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wno-unused-parameter
PC_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(HDR_PKGS))
PC_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
DEFS     = -DWASPADA_VERSION='"$(VERSION)"' -DWASPADA_DATADIR='"$(DATADIR)"' \
           -DWASPADA_LOCALEDIR='"$(LOCALEDIR)"'
ALL_CFLAGS = -std=c11 $(WARN) $(PC_CFLAGS) $(DEFS) $(CFLAGS)
SAN_FLAGS  = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRC  = $(wildcard sim/*.c)
LIB_SRC = $(filter-out sim/main.c,$(SRC))
OBJ  = $(SRC:sim/%.c=build/obj/%.o)
SAN_OBJ = $(SRC:sim/%.c=build/san/obj/%.o)
LANGS = id en
MO   = $(LANGS:%=build/locale/%/LC_MESSAGES/waspada.mo)

# The first rule is the default goal: a bare `make` builds the program and its translations.
all: build/waspada $(MO)

# paths.c has the install folders built in: rebuild it when PREFIX changes.
build/prefix: FORCE
	@mkdir -p build; echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@
build/obj/paths.o build/san/obj/paths.o: build/prefix
FORCE:

.PHONY: serve serve-deps all train FORCE fuzz fuzz-build valgrind bench eval run test deps test-deps san unit install uninstall clean pot

# Install what pkg-config cannot find, then build with a fresh make so pkg-config sees it.
deps:
	@sh scripts/deps.sh build
test-deps:
	@sh scripts/deps.sh test

run: deps
	@$(MAKE) --no-print-directory all
	./build/waspada $(ARGS)

# A class in the browser (docs/serve.md): Node, the pinned npm packages (serve/package-lock.json,
# installed with `npm ci`, never committed), then `waspada serve $(ARGS)`.
serve-deps:
	@sh scripts/deps.sh serve
	@$(MAKE) --no-print-directory serve/node_modules/.installed
serve/node_modules/.installed: serve/package.json serve/package-lock.json
	cd serve && npm ci --no-audit --no-fund
	@touch $@
serve: deps serve-deps
	@$(MAKE) --no-print-directory all
	./build/waspada serve $(ARGS)

build/waspada: $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(PC_LIBS) $(LDFLAGS)

# Each object depends on the headers it includes (-MMD writes them to a .d file beside it).
build/obj/%.o: sim/%.c | build/obj
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/obj build/san/obj build/tests:
	mkdir -p $@

# The sanitizer build the tests use: ASan + UBSan, warnings are errors.
san: build/san/waspada $(MO)
build/san/waspada: $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Werror -o $@ $(SAN_OBJ) $(PC_LIBS) $(LDFLAGS)
build/san/obj/%.o: sim/%.c | build/san/obj
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Werror -MMD -MP -c -o $@ $<

build/locale/%/LC_MESSAGES/waspada.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# Refresh the template and merge it into each catalogue after changing UI strings.
pot:
	xgettext --from-code=UTF-8 -k_ -kN_ --add-comments=TRANSLATORS: --package-name=waspada \
		--msgid-bugs-address= -o po/waspada.pot $(SRC)
	msgmerge -q --backup=none -U po/id.po po/waspada.pot
	msgen po/waspada.pot | sed -e 's/^"Language: .*/"Language: en\\n"/' \
		-e 's/^"PO-Revision-Date: .*/"PO-Revision-Date: 2026-11-25 00:00+0000\\n"/' \
		-e 's/^"Last-Translator: .*/"Last-Translator: Waspada\\n"/' \
		-e 's/^"Language-Team: .*/"Language-Team: English\\n"/' \
		-e 's/charset=CHARSET/charset=UTF-8/' > po/en.po

# Unit tests link the modules, not the command line (main.c, cmd-*.c).
UNIT_SRC = $(wildcard tests/unit/test-*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)
UNIT_OBJ = $(filter-out build/san/obj/main.o build/san/obj/cmd-%.o,$(SAN_OBJ))
build/tests/%: tests/unit/%.c $(UNIT_OBJ) | build/tests
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Werror -Isim -o $@ $< $(UNIT_OBJ) $(PC_LIBS) \
		$(shell pkg-config --libs cmocka)

build/tests/yaml-load: tests/tools/yaml-load.c $(UNIT_OBJ) | build/tests
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Werror -Isim -o $@ $< $(UNIT_OBJ) $(PC_LIBS)

build/tests/detector-lua: tests/tools/detector-lua.c $(UNIT_OBJ) | build/tests
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Werror -Isim -o $@ $< $(UNIT_OBJ) $(PC_LIBS)

build/tests/author-answers: tests/tools/author-answers.c $(UNIT_OBJ) | build/tests
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -Werror -Isim -o $@ $< $(UNIT_OBJ) $(PC_LIBS)

unit: $(UNIT_BIN) build/tests/yaml-load build/tests/detector-lua build/tests/author-answers

# The public YAML test suite (github.com/yaml/yaml-test-suite, data branch), if there is a copy.
YAML_TEST_SUITE ?= ../shared/yaml-test-suite
test: test-deps
	@$(MAKE) --no-print-directory san unit fuzz-build all serve/node_modules/.installed
	@YAML_TEST_SUITE='$(YAML_TEST_SUITE)' sh tests/run.sh

# Fuzzing with libFuzzer (clang). `make fuzz` runs each target FUZZ_SECONDS; `make test` runs a
# short smoke of each (tests/run.sh). Corpora grow in build/fuzz/corpus-NAME.
FUZZ_CC      = clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_TARGETS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_OBJ     = $(patsubst sim/%.c,build/fuzz/obj/%.o,$(filter-out sim/main.c sim/cmd-%.c,$(SRC)))
build/fuzz/obj:
	mkdir -p $@
build/fuzz/obj/%.o: sim/%.c | build/fuzz/obj
	$(FUZZ_CC) -std=c11 $(WARN) -Werror $(PC_CFLAGS) $(DEFS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c $(FUZZ_OBJ)
	$(FUZZ_CC) -std=c11 $(WARN) -Werror $(PC_CFLAGS) -Isim $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $< \
		$(FUZZ_OBJ) $(PC_LIBS)
fuzz-build: $(FUZZ_TARGETS)

# Speed and memory beside their anchors (docs/performance.md has the numbers and how to read them).
bench: test-deps all serve/node_modules/.installed
	@sh scripts/bench.sh

# The detector's learned model (lua/model/waspada.model) from the labelled corpus, with liblinear
# (scripts/train.c); `make train CV=5` also cross-validates by conversation first.
build/train: scripts/train.c build/obj/model.o build/obj/matcher.o build/obj/matcher-norm.o build/obj/matcher-compile.o \
		build/obj/fold.o build/obj/util.o
	$(CC) $(ALL_CFLAGS) -Isim -o $@ $^ -llinear $(PC_LIBS) $(LDFLAGS)
train: deps build/waspada build/train
	@mkdir -p lua/model
	@sh scripts/train.sh ./build/waspada ./build/train $(if $(CV),--cv $(CV)) -o lua/model/waspada.model

# The detector's quality on the labelled corpus (docs/detector.md).
eval: test-deps all
	@for l in en id; do \
		for set in "" heldout/; do \
			files=$$(ls tests/corpus/$$set$$l/*.txt); \
			cat $$files | ./build/waspada detect --json --lang $$l - | \
				lua5.4 tests/eval.lua --title "$$l $${set:-development }corpus" $$l $$files || exit 1; \
		done; \
	done

# The whole suite with the plain build under valgrind's memcheck (slow: no sanitizers, no tmux).
# It runs a copy of the binary, so rebuilding meanwhile cannot pull it away.
valgrind: test-deps all
	@mkdir -p build/vg && cp build/waspada build/vg/waspada
	@VALGRIND=1 WASPADA_BIN=$(CURDIR)/tests/valgrind-wrap.sh sh tests/run.sh
fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)
	install -m 755 build/waspada $(DESTDIR)$(BINDIR)/waspada
	cp -R lua scenarios data $(DESTDIR)$(DATADIR)/
	install -m 644 man/waspada.1 $(DESTDIR)$(MANDIR)/waspada.1
	for l in $(LANGS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES; \
		install -m 644 build/locale/$$l/LC_MESSAGES/waspada.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/waspada $(DESTDIR)$(MANDIR)/waspada.1
	rm -rf $(DESTDIR)$(DATADIR)
	for l in $(LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/waspada.mo; done

clean:
	rm -rf build

-include $(wildcard build/obj/*.d build/san/obj/*.d build/fuzz/obj/*.d)
