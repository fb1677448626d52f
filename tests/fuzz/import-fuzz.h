/* The body of a libFuzzer target for one chat export reader (READER, an import_reader): any bytes
 * as that format, read message by message; every message must have a speaker, UTF-8 text within
 * the bound, and lines that go forward or stay. Included by fuzz-import-FORMAT.c. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "import.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)(size ? (const void *)data : (const void *)""), size ? size : 1, "rb");
	struct import_ctx ctx = {.name = "fuzz", .seekable = true};
	struct import_msg m;
	void *st;

	if (f == NULL)
		return 0;
	if (size == 0)
		fgetc(f); /* an empty input: nothing left to read */
	st = READER.open(f, &ctx);
	if (st != NULL) {
		while (READER.next(st, &m))
			if (m.speaker == NULL || m.text == NULL || m.text_len > 4 * IMPORT_MAX_TEXT ||
			    utf8_valid_prefix(m.text, m.text_len) != m.text_len || m.line < 1)
				__builtin_trap();
		READER.close(st);
	}
	fclose(f);
	return 0;
}
