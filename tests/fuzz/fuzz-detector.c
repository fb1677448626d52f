/* libFuzzer target: any bytes as messages for the stage detector (one conversation per input).
 * Needs WASPADA_DATADIR (set by make fuzz) to find lua/. Spans must stay inside the text, with
 * the Unicode folding (sim/fold.c) and the learned model (sim/model.c) in the path. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "detector.h"
#include "paths.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct detector *det;

/* Start the detector once, outside any input, so it is not counted as a leak. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d = {0};

	(void)argc;
	(void)argv;
	paths_init();
	det = detector_open(NULL, NULL, &d);
	if (det == NULL) {
		diag_print(&d, stderr);
		abort();
	}
	diag_clear(&d);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	int n = 0;

	if (size > 4096 || utf8_valid_prefix(p, size) != size)
		return 0; /* the transcript reader skips invalid UTF-8 before the detector sees it */
	detector_reset(det);
	while (p < end && n++ < 32) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		struct verdict v;
		const char *err;
		if (detector_message(det, n % 3 ? "stranger" : "child", p, len, n % 2 ? "en" : "id",
				     n % 3 == 0, &v, &err)) {
			for (size_t i = 0; i < v.nspans; i++)
				if (v.spans[i].end > len || v.spans[i].start >= v.spans[i].end)
					__builtin_trap();
		} else {
			__builtin_trap(); /* the detector must never fail on text */
		}
		verdict_free(&v);
		p += len + 1;
	}
	return 0;
}
