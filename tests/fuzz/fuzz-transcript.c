/* libFuzzer target: any bytes as a transcript, read message by message. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "transcript.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
	FILE *null = fopen("/dev/null", "w");
	struct transcript t;
	struct transcript_msg m;

	if (f == NULL || null == NULL)
		return 0;
	if (size == 0) {
		fclose(f);
		f = fmemopen((void *)"", 1, "rb");
	}
	transcript_open(&t, f, "fuzz.txt");
	while (transcript_next(&t, &m))
		if (strlen(m.speaker) == 0 || m.text_len > TRANSCRIPT_MAX_LINE)
			__builtin_trap();
	transcript_close(&t);
	fclose(f);
	fclose(null);
	return 0;
}
